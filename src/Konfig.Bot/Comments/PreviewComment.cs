using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Konfig.Engine.Output;
using Konfig.Engine.Planning;

namespace Konfig.Bot.Comments;

/// <summary>
/// The sticky pull-request comment with the preview of every affected stack. It starts with a hidden
/// marker (<see cref="Marker"/>; <c>&lt;!-- konfig:preview part=2/3 --&gt;</c> when split) by which the
/// bot finds its own comments again to edit them in place. Per stack a one-line summary, then the engine's
/// Markdown preview (<see cref="PreviewMarkdown"/>, where Secret values are already masked) or the errors
/// with <c>file:line</c>, collapsed in a <c>&lt;details&gt;</c> block. A body longer than GitHub takes
/// (<see cref="MaxLength"/>) is split into several comments between stacks; a stack too large for one
/// comment alone has its diff cut at a line outside any fence or block, with a note.
/// </summary>
public static partial class PreviewComment
{
    /// <summary>GitHub refuses comment bodies of 65,536 characters or more.</summary>
    public const int MaxLength = 65_536;

    public const string Marker = "<!-- konfig:preview -->";

    // Room for the marker, heading and footer of a part, so sections can be packed against the rest.
    private const int FrameReserve = 1_024;

    /// <summary>The comment bodies, each shorter than <paramref name="maxLength"/>; one unless it had to be split.</summary>
    /// <param name="commit">The commit previewed (shown abbreviated).</param>
    /// <param name="results">The stacks, in the order to show them.</param>
    public static IReadOnlyList<string> Render(string commit, IReadOnlyList<StackResult> results, int maxLength = MaxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 4 * FrameReserve);
        var budget = maxLength - FrameReserve;
        var sections = results.Select(r => Section(r, budget)).ToList();

        // Pack whole stacks into parts: a part ends between two stacks, never inside one.
        var parts = new List<StringBuilder>();
        var current = new StringBuilder();
        foreach (var section in sections)
        {
            if (current.Length > 0 && current.Length + section.Length > budget)
            {
                parts.Add(current);
                current = new StringBuilder();
            }

            current.Append(section);
        }

        parts.Add(current);

        var bodies = new List<string>();
        for (var i = 0; i < parts.Count; i++)
        {
            var body = new StringBuilder();
            body.Append(parts.Count == 1 ? Marker : PartMarker(i + 1, parts.Count)).Append('\n');
            body.Append("## Konfig preview");
            if (parts.Count > 1)
            {
                body.Append(CultureInfo.InvariantCulture, $" (part {i + 1} of {parts.Count})");
            }

            body.Append("\n\n");
            if (i == 0)
            {
                body.Append(Headline(commit, results)).Append("\n\n");
            }

            body.Append(results.Count == 0 ? "No stack is affected by this change.\n" : parts[i].ToString());
            if (i < parts.Count - 1)
            {
                body.Append("\n*Continued in the next comment.*\n");
            }

            bodies.Add(body.ToString());
        }

        return bodies;
    }

    /// <summary>Whether <paramref name="body"/> is one of the bot's preview comments, and which part of how many.</summary>
    public static bool TryParseMarker(string body, out int part, out int parts)
    {
        part = parts = 0;
        if (body.StartsWith(Marker, StringComparison.Ordinal))
        {
            part = parts = 1;
            return true;
        }

        var match = PartMarkerPattern().Match(body);
        if (!match.Success)
        {
            return false;
        }

        part = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        parts = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        return part >= 1 && part <= parts;
    }

    /// <summary>The one line shown for a stack, outside its details block.</summary>
    public static string SummaryLine(StackResult result)
    {
        var stack = $"<code>{WebUtility.HtmlEncode(result.Stack)}</code>";
        return result.Outcome switch
        {
            StackOutcome.Changes => $"🟡 {stack}: {Counts(result.Preview!.Counts)}",
            StackOutcome.NoChanges => $"⚪ {stack}: no changes",
            _ when result.Errors.Count > 0 =>
                $"❌ {stack}: {Count(result.Errors.Count, "error")}, first {Inline(result.Errors[0].ToString())}",
            _ => $"❌ {stack}: {Counts(result.Preview!.Counts)}",
        };
    }

    private static string Headline(string commit, IReadOnlyList<StackResult> results)
    {
        var changed = results.Count(r => r.Outcome == StackOutcome.Changes);
        var unchanged = results.Count(r => r.Outcome == StackOutcome.NoChanges);
        var failed = results.Count(r => r.Outcome == StackOutcome.Failed);
        var sha = commit.Length > 7 ? commit[..7] : commit;
        return $"At `{sha}`: {Count(results.Count, "stack")} affected: {changed} with changes, {unchanged} without, {failed} failed.";
    }

    private static string Section(StackResult result, int budget)
    {
        var head = new StringBuilder();
        head.Append(SummaryLine(result)).Append("\n\n<details><summary>");
        head.Append(result.Errors.Count > 0 ? "Errors" : "Preview").Append("</summary>\n\n");
        const string tail = "\n</details>\n\n";

        var content = result.Errors.Count > 0 ? Errors(result.Errors) : PreviewMarkdown.Render(result.Preview!);
        var room = budget - head.Length - tail.Length;
        if (content.Length > room)
        {
            var note = string.Create(CultureInfo.InvariantCulture, $"\n*The rest of this stack's preview is left out: it is {content.Length:N0} characters, more than a comment holds.*\n");
            content = MarkdownCut.AtBalancedLine(content, room - note.Length) + note;
        }

        return head + content + tail;
    }

    private static string Errors(IReadOnlyList<StackError> errors)
    {
        var text = new StringBuilder();
        foreach (var error in errors)
        {
            text.Append("- ");
            if (error.Location.Length > 0)
            {
                text.Append("<code>").Append(WebUtility.HtmlEncode(error.Location)).Append("</code>: ");
            }

            text.Append(WebUtility.HtmlEncode(error.Message.ReplaceLineEndings(" "))).Append('\n');
        }

        return text.ToString();
    }

    private static string Inline(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return WebUtility.HtmlEncode(line.Length > 200 ? line[..199] + "…" : line);
    }

    /// <summary>The counts as the engine's Markdown plan line words them.</summary>
    public static string Counts(PreviewCounts counts)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{counts.Create} to create, {counts.Update} to update, {counts.Delete} to delete");
        return counts.Errors == 0 ? text : $"{text}, {Count(counts.Errors, "error")}";
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : string.Create(CultureInfo.InvariantCulture, $"{n} {noun}s");

    private static string PartMarker(int part, int parts) => string.Create(CultureInfo.InvariantCulture, $"<!-- konfig:preview part={part}/{parts} -->");

    [GeneratedRegex(@"^<!-- konfig:preview part=(\d{1,4})/(\d{1,4}) -->", RegexOptions.CultureInvariant)]
    private static partial Regex PartMarkerPattern();
}
