using System.Text;
using Konfig.Engine.Planning;

namespace Konfig.Engine.Output;

/// <summary>
/// The terminal rendering of a preview: the counts, a table ID | ACTION | DETAILS (resources that could
/// not be previewed are rows with the action "error"), then per changed resource its field lines
/// (<c>+ added: value</c>, <c>~ changed: before → after</c>, <c>- removed</c>) and notes, then the notes and
/// errors that concern the whole stack. Plain text unless <c>color</c> asks for ANSI colours.
/// </summary>
public static class PreviewTable
{
    private const string Green = "\u001b[32m";
    private const string Yellow = "\u001b[33m";
    private const string Red = "\u001b[31m";
    private const string Reset = "\u001b[0m";

    public static void Write(Preview preview, TextWriter writer, bool color = false) => writer.Write(Render(preview, color));

    public static string Render(Preview preview, bool color = false)
    {
        var text = new StringBuilder();
        text.Append("Preview of ").Append(preview.Stack).Append('\n');
        text.Append("Plan: ").Append(PreviewText.Summary(preview.Counts)).Append('\n');

        var rows = new List<(string Id, string Action, string Details)>();
        rows.AddRange(preview.Changes.Select(c => (c.Id, PreviewText.Action(c.Action), PreviewText.Details(c))));
        rows.AddRange(preview.Errors.Where(e => e.Id is not null).Select(e => (e.Id!, "error", OneLine(e.Message))));
        if (rows.Count > 0)
        {
            var idWidth = Math.Max(2, rows.Max(r => r.Id.Length));
            var actionWidth = Math.Max(6, rows.Max(r => r.Action.Length));
            text.Append('\n');
            text.Append("ID".PadRight(idWidth)).Append("  ").Append("ACTION".PadRight(actionWidth)).Append("  DETAILS\n");
            foreach (var (id, action, details) in rows)
            {
                var paint = color ? ColorOf(action) : null;
                text.Append(id.PadRight(idWidth)).Append("  ");
                text.Append(paint).Append(action).Append(paint is null ? null : Reset).Append(' ', actionWidth - action.Length);
                text.Append("  ").Append(details).Append('\n');
            }
        }

        foreach (var change in PreviewText.Changed(preview))
        {
            var symbol = change.Action switch { ChangeAction.Create => '+', ChangeAction.Delete => '-', _ => '~' };
            text.Append('\n').Append(Paint(symbol, color)).Append(' ').Append(change.Id).Append(" (").Append(PreviewText.Object(change)).Append(")\n");
            foreach (var note in preview.NotesFor(change.Id))
            {
                text.Append("    note: ").Append(OneLine(note)).Append('\n');
            }

            foreach (var field in change.Fields)
            {
                var line = PreviewText.FieldLine(field);
                text.Append("    ").Append(Paint(line[0], color)).Append(line.AsSpan(1)).Append('\n');
            }
        }

        var stackNotes = preview.StackNotes.ToList();
        if (stackNotes.Count > 0)
        {
            text.Append("\nNotes:\n");
            foreach (var note in stackNotes)
            {
                text.Append("  ").Append(OneLine(note)).Append('\n');
            }
        }

        var stackErrors = preview.Errors.Where(e => e.Id is null).ToList();
        if (stackErrors.Count > 0)
        {
            text.Append("\nErrors:\n");
            foreach (var error in stackErrors)
            {
                text.Append("  ").Append(OneLine(error.Message)).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string? ColorOf(string action) => action switch
    {
        "create" => Green,
        "update" => Yellow,
        "delete" or "error" => Red,
        _ => null,
    };

    private static string Paint(char symbol, bool color)
    {
        if (!color)
        {
            return symbol.ToString();
        }

        var paint = symbol switch { '+' => Green, '-' => Red, _ => Yellow };
        return $"{paint}{symbol}{Reset}";
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
