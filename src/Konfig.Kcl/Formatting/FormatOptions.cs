namespace Konfig.Kcl.Formatting;

/// <summary>
/// How the formatter indents: <see cref="IndentSize"/> spaces per level (4 by default, as the reference
/// formatter), or one tab per level when <see cref="UseTabs"/> is set.
/// </summary>
public sealed record FormatOptions
{
    public static FormatOptions Default { get; } = new();

    public int IndentSize { get; init; } = 4;

    public bool UseTabs { get; init; }

    /// <summary>The text of one indentation level.</summary>
    internal string IndentUnit => UseTabs ? "\t" : new string(' ', Math.Max(0, IndentSize));
}
