namespace Konfig.Workspace.Formatting;

/// <summary>
/// The line break a formatted file is written with: <c>end_of_line</c> from .editorconfig when set, else the
/// one the file already uses (its first line break), so formatting a CRLF file does not rewrite every line.
/// </summary>
internal static class LineEndings
{
    public static string For(string? endOfLine, string original) => endOfLine?.ToLowerInvariant() switch
    {
        "lf" => "\n",
        "crlf" => "\r\n",
        "cr" => "\r",
        _ => Detect(original),
    };

    /// <summary>The formatter's text (line feeds) with <paramref name="newLine"/> for every line break.</summary>
    public static string Apply(string text, string newLine) =>
        newLine == "\n" ? text : text.ReplaceLineEndings("\n").Replace("\n", newLine, StringComparison.Ordinal);

    private static string Detect(string text)
    {
        var at = text.IndexOfAny(['\r', '\n']);
        if (at < 0 || text[at] == '\n')
        {
            return "\n";
        }

        return at + 1 < text.Length && text[at + 1] == '\n' ? "\r\n" : "\r";
    }
}
