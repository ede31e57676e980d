namespace Konfig.Rewrite.Overrides;

/// <summary>Line-level questions about a text by offset: where the line starts and ends, its indentation.</summary>
internal static class SourceLines
{
    public static int LineStart(string text, int offset)
    {
        var index = offset > 0 ? text.LastIndexOf('\n', offset - 1) : -1;
        return index + 1;
    }

    /// <summary>Offset of the line break ending the line (or the text's end).</summary>
    public static int LineEnd(string text, int offset)
    {
        var index = text.IndexOf('\n', offset);
        return index < 0 ? text.Length : index;
    }

    /// <summary>Offset just past the line break ending the line (or the text's end).</summary>
    public static int NextLineStart(string text, int offset)
    {
        var end = LineEnd(text, offset);
        return end < text.Length ? end + 1 : end;
    }

    public static string Indentation(string text, int offset)
    {
        var start = LineStart(text, offset);
        var end = start;
        while (end < text.Length && (text[end] == ' ' || text[end] == '\t'))
        {
            end++;
        }

        return text[start..end];
    }

    /// <summary>Indentation in four-column levels (a tab counts as one level).</summary>
    /// <summary>The 1-based line of <paramref name="offset"/> (the end of the text counts as the line after a final line break).</summary>
    public static int LineNumber(string text, int offset) => text.AsSpan(0, Math.Min(offset, text.Length)).Count('\n') + 1;

    public static int IndentLevel(string indentation) => indentation.Sum(c => c == '\t' ? 4 : 1) / 4;

    public static bool IsFirstOnLine(string text, int offset) => IsBlank(text, LineStart(text, offset), offset);

    public static bool IsBlank(string text, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when only whitespace, commas or a comment follow <paramref name="offset"/> up to the line's end.</summary>
    public static bool OnlyTrailingTrivia(string text, int offset)
    {
        var end = LineEnd(text, offset);
        for (var i = offset; i < end; i++)
        {
            if (text[i] == '#')
            {
                return true;
            }

            if (!char.IsWhiteSpace(text[i]) && text[i] != ',')
            {
                return false;
            }
        }

        return true;
    }

    public static bool SameLine(string text, int first, int second) =>
        text.IndexOf('\n', Math.Min(first, second), Math.Abs(second - first)) < 0;
}
