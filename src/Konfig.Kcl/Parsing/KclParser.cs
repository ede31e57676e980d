using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Parsing;

/// <summary>Entry point of the front end: source text in, syntax tree and diagnostics out. Never throws on bad input.</summary>
public static class KclParser
{
    public static ParseResult Parse(SourceFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var diagnostics = new List<Diagnostic>();
        var tokens = Lexer.Tokenize(file, 0, file.Text.Length, diagnostics);
        var module = new Parser(file, tokens, diagnostics, depth: 0).ParseModule();
        if (diagnostics.Count >= ParseDiagnostics.MaxPerFile)
        {
            diagnostics.Add(ParseDiagnostics.TooManyErrors(new TextSpan(file, file.Text.Length, file.Text.Length)));
        }

        return new ParseResult(module, tokens, [.. diagnostics]);
    }
}
