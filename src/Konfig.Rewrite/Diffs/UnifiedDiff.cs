using System.Globalization;
using System.Text;

namespace Konfig.Rewrite.Diffs;

/// <summary>
/// A unified diff of two texts, as <c>diff -u</c> and <c>git diff</c> write it and <c>git apply</c>/<c>patch</c>
/// read it: <c>--- a/PATH</c>, <c>+++ b/PATH</c>, then hunks <c>@@ -l,n +l,n @@</c> with 3 lines of context
/// (hunks closer than that merge). A last line without a line break is followed by
/// <c>\ No newline at end of file</c>. Identical texts give the empty string.
/// </summary>
public static class UnifiedDiff
{
    public const int ContextLines = 3;

    private const string NoNewline = "\\ No newline at end of file";

    /// <param name="path">The file's path as the diff names it, '/' separated (relative to the repository root for git apply).</param>
    public static string Create(string path, string oldText, string newText)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(oldText);
        ArgumentNullException.ThrowIfNull(newText);
        if (string.Equals(oldText, newText, StringComparison.Ordinal))
        {
            return string.Empty;
        }

        var oldLines = SplitLines(oldText);
        var newLines = SplitLines(newText);
        var edits = LineDiff.Compute(oldLines, newLines);
        var output = new StringBuilder();
        output.Append("--- a/").Append(path).Append('\n');
        output.Append("+++ b/").Append(path).Append('\n');
        foreach (var (start, end) in Hunks(edits))
        {
            WriteHunk(output, edits, start, end, oldLines, newLines);
        }

        return output.ToString();
    }

    /// <summary>Lines added and removed between the texts (for summaries).</summary>
    public static (int Added, int Removed) Count(string oldText, string newText)
    {
        var edits = LineDiff.Compute(SplitLines(oldText), SplitLines(newText));
        return (edits.Count(e => e.Kind == EditKind.Insert), edits.Count(e => e.Kind == EditKind.Delete));
    }

    /// <summary>The text's lines, each with its own terminator (\n, \r\n or \r); the last may have none.</summary>
    public static IReadOnlyList<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                lines.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }

    /// <summary>Ranges [start, end) of the edit script that make one hunk each: the changes plus their context.</summary>
    private static List<(int Start, int End)> Hunks(IReadOnlyList<LineEdit> edits)
    {
        var hunks = new List<(int Start, int End)>();
        var i = 0;
        while (i < edits.Count)
        {
            if (edits[i].Kind == EditKind.Equal)
            {
                i++;
                continue;
            }

            var start = Math.Max(0, i - ContextLines);
            var end = i;
            while (end < edits.Count)
            {
                // Extend over this change; then over equal lines if another change follows within twice the context.
                while (end < edits.Count && edits[end].Kind != EditKind.Equal)
                {
                    end++;
                }

                var equalRun = end;
                while (equalRun < edits.Count && edits[equalRun].Kind == EditKind.Equal)
                {
                    equalRun++;
                }

                if (equalRun < edits.Count && equalRun - end <= 2 * ContextLines)
                {
                    end = equalRun;
                    continue;
                }

                end = Math.Min(end + ContextLines, equalRun);
                break;
            }

            if (hunks.Count > 0 && start <= hunks[^1].End)
            {
                start = hunks[^1].Start;
                hunks.RemoveAt(hunks.Count - 1);
            }

            hunks.Add((start, end));
            i = end;
        }

        return hunks;
    }

    private static void WriteHunk(StringBuilder output, IReadOnlyList<LineEdit> edits, int start, int end,
        IReadOnlyList<string> oldLines, IReadOnlyList<string> newLines)
    {
        var oldCount = 0;
        var newCount = 0;
        for (var i = start; i < end; i++)
        {
            oldCount += edits[i].Kind == EditKind.Insert ? 0 : 1;
            newCount += edits[i].Kind == EditKind.Delete ? 0 : 1;
        }

        // An empty side names the line before the hunk (0 at the start of the file), as diff does.
        var oldStart = oldCount == 0 ? edits[start].OldIndex : edits[start].OldIndex + 1;
        var newStart = newCount == 0 ? edits[start].NewIndex : edits[start].NewIndex + 1;
        output.Append(CultureInfo.InvariantCulture, $"@@ -{oldStart},{oldCount} +{newStart},{newCount} @@\n");
        for (var i = start; i < end; i++)
        {
            var edit = edits[i];
            var (marker, line) = edit.Kind switch
            {
                EditKind.Equal => (' ', oldLines[edit.OldIndex]),
                EditKind.Delete => ('-', oldLines[edit.OldIndex]),
                _ => ('+', newLines[edit.NewIndex]),
            };
            output.Append(marker).Append(line);
            if (!line.EndsWith('\n') && !line.EndsWith('\r'))
            {
                output.Append('\n').Append(NoNewline).Append('\n');
            }
        }
    }
}
