// PLACEHOLDER until branch `frontend` lands in main: delete this file when the real parser is merged.
using System.Collections.Immutable;
using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Parsing;

public sealed record Token(TextSpan Span);

public sealed record ParseResult(ModuleSyntax Module, ImmutableArray<Token> Tokens, ImmutableArray<Diagnostic> Diagnostics);

public static class KclParser
{
    /// <summary>Only finds <c>import</c> lines, so the runner's package loading can be exercised.</summary>
    public static ParseResult Parse(SourceFile file)
    {
        var statements = ImmutableArray.CreateBuilder<Statement>();
        var offset = 0;
        foreach (var line in file.Text.Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (trimmed.StartsWith("import ", StringComparison.Ordinal))
            {
                var parts = trimmed[7..].Split('#')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var span = new TextSpan(file, offset, offset + trimmed.Length);
                var alias = parts.Length >= 3 && parts[1] == "as" ? new Identifier(span, parts[2]) : null;
                statements.Add(new ImportStatement(span, parts[0], alias));
            }

            offset += line.Length + 1;
        }

        var module = new ModuleSyntax(new TextSpan(file, 0, file.Text.Length), file, null, statements.ToImmutable());
        return new ParseResult(module, [], []);
    }
}
