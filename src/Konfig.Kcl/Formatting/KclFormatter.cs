using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Parsing;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Formatting;

/// <summary>
/// <c>kcl fmt</c>: parses a file and prints its tree back in the reference formatter's layout (kcl-lang/kcl
/// <c>tools/src/format</c> over <c>ast_pretty</c>), keeping comments. Files with syntax errors are returned
/// as diagnostics and not formatted.
/// </summary>
public static class KclFormatter
{
    public static FormatResult Format(SourceFile file, FormatOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        var parse = KclParser.Parse(file);
        if (parse.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return new FormatResult(null, parse.Diagnostics);
        }

        var printer = new SyntaxPrinter(options ?? FormatOptions.Default, CommentQueue.FromTokens(parse.Tokens), new SourceTokens(parse.Tokens));
        return new FormatResult(printer.PrintModule(parse.Module), parse.Diagnostics);
    }

    /// <summary>Formats source text held in memory (the path is only used in diagnostics).</summary>
    public static FormatResult Format(string path, string text, FormatOptions? options = null) =>
        Format(new SourceFile(path, text), options);
}
