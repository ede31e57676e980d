namespace Konfig.Bot.Comments;

/// <summary>
/// Cuts Markdown short without breaking it: only at the end of a line where no code fence and no
/// <c>&lt;details&gt;</c> block is open, so what is kept renders as it would have in full.
/// </summary>
internal static class MarkdownCut
{
    /// <summary>The longest prefix of whole lines, at most <paramref name="maxLength"/> characters, ending where the Markdown is balanced.</summary>
    public static string AtBalancedLine(string markdown, int maxLength)
    {
        var best = 0;
        var fence = 0; // length of the open fence's backtick run, 0 when none is open
        var details = 0;
        var start = 0;
        while (start < markdown.Length)
        {
            var end = markdown.IndexOf('\n', start);
            end = end < 0 ? markdown.Length : end + 1;
            if (end > maxLength)
            {
                break;
            }

            var line = markdown.AsSpan(start, end - start).TrimEnd('\n').TrimStart(' ');
            var ticks = line.Length - line.TrimStart('`').Length;
            if (fence == 0 && ticks >= 3)
            {
                fence = ticks;
            }
            else if (fence > 0 && ticks >= fence && line.Trim('`').IsWhiteSpace())
            {
                fence = 0;
            }
            else if (fence == 0)
            {
                details += Occurrences(line, "<details") - Occurrences(line, "</details>");
            }

            if (fence == 0 && details == 0)
            {
                best = end;
            }

            start = end;
        }

        return markdown[..best];
    }

    private static int Occurrences(ReadOnlySpan<char> line, string tag)
    {
        var count = 0;
        for (var at = line.IndexOf(tag, StringComparison.Ordinal); at >= 0; at = line.IndexOf(tag, StringComparison.Ordinal))
        {
            count++;
            line = line[(at + tag.Length)..];
        }

        return count;
    }
}
