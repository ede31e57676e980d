namespace Konfig.Kcl.Text;

/// <summary>A half-open range [Start, End) of offsets in one source file.</summary>
public readonly record struct TextSpan(SourceFile File, int Start, int End)
{
    public int Length => End - Start;

    public (int Line, int Column) StartPosition => File.GetLineColumn(Start);

    public (int Line, int Column) EndPosition => File.GetLineColumn(End);

    public string Text => File.Text[Start..End];

    public static TextSpan Between(TextSpan first, TextSpan last) => new(first.File, first.Start, last.End);

    public override string ToString()
    {
        var (line, column) = StartPosition;
        return $"{File.Path}:{line}:{column}";
    }
}
