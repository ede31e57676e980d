namespace Konfig.Kcl.Text;

/// <summary>A source file's text and the offsets where its lines start, for turning offsets into line/column.</summary>
public sealed class SourceFile
{
    private readonly int[] _lineStarts;

    public SourceFile(string path, string text)
    {
        Path = path;
        Text = text;
        _lineStarts = ComputeLineStarts(text);
    }

    /// <summary>The path used in diagnostics (absolute where the file came from disk).</summary>
    public string Path { get; }

    public string Text { get; }

    public int LineCount => _lineStarts.Length;

    /// <summary>1-based line and column of an offset; the column counts UTF-16 code units from 1.</summary>
    public (int Line, int Column) GetLineColumn(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var index = Array.BinarySearch(_lineStarts, offset);
        var line = index >= 0 ? index : ~index - 1;
        return (line + 1, offset - _lineStarts[line] + 1);
    }

    /// <summary>The text of a 1-based line without its line break.</summary>
    public string GetLineText(int line)
    {
        if (line < 1 || line > _lineStarts.Length)
        {
            return string.Empty;
        }

        var start = _lineStarts[line - 1];
        var end = line < _lineStarts.Length ? _lineStarts[line] : Text.Length;
        while (end > start && (Text[end - 1] == '\n' || Text[end - 1] == '\r'))
        {
            end--;
        }

        return Text[start..end];
    }

    public int GetOffset(int line, int column) =>
        line < 1 || line > _lineStarts.Length ? Text.Length : Math.Min(_lineStarts[line - 1] + column - 1, Text.Length);

    private static int[] ComputeLineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
            else if (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n'))
            {
                starts.Add(i + 1);
            }
        }

        return [.. starts];
    }
}
