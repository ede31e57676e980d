using System.Net;
using System.Text;
using Konfig.Engine.Planning;

namespace Konfig.Engine.Output;

/// <summary>
/// The Markdown rendering of a preview, for a pull-request comment: a heading and summary line, a table
/// of the resources that change or failed (unchanged ones are only counted), then per changed resource
/// a collapsed <c>&lt;details&gt;</c> block with its fields in a <c>diff</c> fence (an update is a
/// <c>-</c> line and a <c>+</c> line, so it is coloured), then notes and errors for the whole stack. Text from
/// the cluster is HTML-escaped, and the fence is longer than any run of backticks inside it.
/// </summary>
public static class PreviewMarkdown
{
    public static void Write(Preview preview, TextWriter writer) => writer.Write(Render(preview));

    public static string Render(Preview preview)
    {
        var text = new StringBuilder();
        text.Append("### Preview of ").Append(Code(preview.Stack)).Append("\n\n");
        text.Append("**Plan:** ").Append(PreviewText.Summary(preview.Counts)).Append("\n\n");

        var changed = PreviewText.Changed(preview).ToList();
        var failed = preview.Errors.Where(e => e.Id is not null).ToList();
        if (changed.Count == 0 && failed.Count == 0)
        {
            text.Append("No changes.\n");
        }
        else
        {
            text.Append("| ID | Action | Details |\n| --- | --- | --- |\n");
            foreach (var change in changed)
            {
                text.Append("| ").Append(Code(change.Id)).Append(" | ").Append(PreviewText.Action(change.Action))
                    .Append(" | ").Append(Cell(PreviewText.Details(change))).Append(" |\n");
            }

            foreach (var error in failed)
            {
                text.Append("| ").Append(Code(error.Id!)).Append(" | **error** | ").Append(Cell(error.Message)).Append(" |\n");
            }
        }

        foreach (var change in changed)
        {
            text.Append("\n<details><summary>").Append(PreviewText.Action(change.Action)).Append(' ').Append(Code(change.Id))
                .Append(" (").Append(Html(PreviewText.Object(change))).Append(")</summary>\n\n");
            foreach (var note in preview.NotesFor(change.Id))
            {
                text.Append("> ").Append(Html(note.ReplaceLineEndings(" "))).Append("\n\n");
            }

            var lines = change.Fields.SelectMany(DiffLines).ToList();
            if (lines.Count > 0)
            {
                var fence = new string('`', Math.Max(3, LongestBacktickRun(lines) + 1));
                text.Append(fence).Append("diff\n");
                foreach (var line in lines)
                {
                    text.Append(line).Append('\n');
                }

                text.Append(fence).Append("\n\n");
            }

            text.Append("</details>\n");
        }

        var stackNotes = preview.StackNotes.ToList();
        if (stackNotes.Count > 0)
        {
            text.Append("\n**Notes**\n\n");
            foreach (var note in stackNotes)
            {
                text.Append("- ").Append(Html(note.ReplaceLineEndings(" "))).Append('\n');
            }
        }

        var stackErrors = preview.Errors.Where(e => e.Id is null).ToList();
        if (stackErrors.Count > 0)
        {
            text.Append("\n**Errors**\n\n");
            foreach (var error in stackErrors)
            {
                text.Append("- ").Append(Html(error.Message.ReplaceLineEndings(" "))).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>Diff lines git colours: a changed field is its old line and its new line.</summary>
    private static IEnumerable<string> DiffLines(FieldChange field)
    {
        if (field.Before is not null)
        {
            yield return $"- {field.Path}: {PreviewText.Value(field.Before)}".ReplaceLineEndings(" ");
        }

        if (field.After is not null)
        {
            yield return $"+ {field.Path}: {PreviewText.Value(field.After)}".ReplaceLineEndings(" ");
        }
    }

    private static int LongestBacktickRun(IEnumerable<string> lines)
    {
        var longest = 0;
        foreach (var line in lines)
        {
            var run = 0;
            foreach (var c in line)
            {
                run = c == '`' ? run + 1 : 0;
                longest = Math.Max(longest, run);
            }
        }

        return longest;
    }

    private static string Html(string text) => WebUtility.HtmlEncode(text);

    /// <summary>In a table cell a pipe ends the cell, even inside code: it becomes an entity.</summary>
    private static string Cell(string text) => Html(text.ReplaceLineEndings(" ")).Replace("|", "&#124;", StringComparison.Ordinal);

    private static string Code(string text) => $"<code>{Cell(text)}</code>";
}
