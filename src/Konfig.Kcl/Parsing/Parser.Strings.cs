using System.Collections.Immutable;
using System.Text;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Parsing;

internal sealed partial class Parser
{
    /// <summary>
    /// string: STRING | LONG_STRING. A non-raw string containing <c>${…}</c> becomes a <see cref="JoinedString"/>
    /// whose interpolated expressions are parsed in place, so their spans point into the file.
    /// </summary>
    private Expression ParseStringExpression()
    {
        var token = _token;
        Bump();
        var text = _file.Text;
        var layout = StringLiterals.Analyze(text, token.Span.Start, token.Span.End);
        var contentStart = SkipLeadingNewline(text, layout);
        if (layout.IsRaw || text.AsSpan(contentStart, layout.ContentEnd - contentStart).IndexOf("${", StringComparison.Ordinal) < 0)
        {
            return new StringLiteral(token.Span, DecodeStringValue(token, layout), layout.IsRaw, layout.IsLong);
        }

        var parts = ImmutableArray.CreateBuilder<Expression>();
        var builder = new StringBuilder();
        var segmentStart = contentStart;
        var i = contentStart;
        while (i < layout.ContentEnd)
        {
            var c = text[i];
            if (c == '\\')
            {
                i += 2;
                continue;
            }

            if (c != '$' || i + 1 >= layout.ContentEnd || text[i + 1] != '{')
            {
                i++;
                continue;
            }

            AddLiteralPart(parts, builder, token, segmentStart, i, layout);
            var close = FindInterpolationEnd(text, i + 2, layout.ContentEnd);
            if (close < 0)
            {
                Report(ParseDiagnostics.UnterminatedInterpolation(token.Span));
                segmentStart = i;
                i = layout.ContentEnd;
                break;
            }

            parts.Add(ParseInterpolation(i, close));
            i = close + 1;
            segmentStart = i;
        }

        AddLiteralPart(parts, builder, token, segmentStart, layout.ContentEnd, layout);
        if (!parts.Any(part => part is FormattedValue))
        {
            // Only escaped `\${`: a plain string after all.
            return new StringLiteral(token.Span, DecodeStringValue(token, layout), false, layout.IsLong);
        }

        return new JoinedString(token.Span, parts.ToImmutable(), layout.IsLong);
    }

    private static int SkipLeadingNewline(string text, StringLayout layout)
    {
        // A triple-quoted string that starts with a line break does not include it.
        var start = layout.ContentStart;
        if (layout.IsLong && start < layout.ContentEnd)
        {
            if (text[start] == '\n')
            {
                return start + 1;
            }

            if (text[start] == '\r' && start + 1 < layout.ContentEnd && text[start + 1] == '\n')
            {
                return start + 2;
            }
        }

        return start;
    }

    private string DecodeStringValue(Token token, StringLayout layout)
    {
        var builder = new StringBuilder();
        var start = SkipLeadingNewline(_file.Text, layout);
        if (!StringLiterals.Decode(_file.Text, start, layout.ContentEnd, layout.IsRaw, builder))
        {
            Report(ParseDiagnostics.InvalidStringSyntax(new TextSpan(_file, layout.ContentStart, token.Span.End)));
        }

        return builder.ToString();
    }

    private void AddLiteralPart(ImmutableArray<Expression>.Builder parts, StringBuilder builder, Token token, int start, int end, StringLayout layout)
    {
        if (end <= start)
        {
            return;
        }

        builder.Clear();
        if (!StringLiterals.Decode(_file.Text, start, end, isRaw: false, builder))
        {
            Report(ParseDiagnostics.InvalidStringSyntax(new TextSpan(_file, start, token.Span.End)));
        }

        parts.Add(new StringLiteral(new TextSpan(_file, start, end), builder.ToString(), false, layout.IsLong));
    }

    /// <summary>The offset of the <c>}</c> closing an interpolation whose expression starts at <paramref name="start"/>, or -1.</summary>
    private static int FindInterpolationEnd(string text, int start, int end)
    {
        var depth = 0;
        char quote = '\0';
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }

                continue;
            }

            switch (c)
            {
                case '\'' or '"':
                    quote = c;
                    break;
                case '{' or '[' or '(':
                    depth++;
                    break;
                case ']' or ')':
                    depth--;
                    break;
                case '}':
                    if (depth == 0)
                    {
                        return i;
                    }

                    depth--;
                    break;
            }
        }

        return -1;
    }

    /// <summary><c>${expr}</c> or <c>${expr: #spec}</c> between <paramref name="dollar"/> and <paramref name="close"/> (the <c>}</c>).</summary>
    private FormattedValue ParseInterpolation(int dollar, int close)
    {
        var span = new TextSpan(_file, dollar, close + 1);
        var innerStart = dollar + 2;
        var source = _file.Text[innerStart..close];
        if (string.IsNullOrWhiteSpace(source))
        {
            Report(ParseDiagnostics.EmptyInterpolation(span));
            return new FormattedValue(span, new BadExpression(new TextSpan(_file, innerStart, close)), null);
        }

        var tokens = Lexer.Tokenize(_file, innerStart, close, _diagnostics);
        var parser = new Parser(_file, tokens, _diagnostics, _depth + 1);
        var value = parser.ParseExpression();
        string? spec = null;
        if (parser.At(TokenKind.Colon))
        {
            var colon = parser._token;
            var comment = colon.TrailingTrivia.FirstOrDefault(t => t.Kind == TriviaKind.Comment);
            if (comment.Kind == TriviaKind.Comment && comment.Span.File is not null)
            {
                spec = comment.Text;
            }
            else
            {
                Report(ParseDiagnostics.InvalidFormatSpec(parser.PeekToken().Span));
            }

            parser.Bump();
        }

        parser.SkipNewlines();
        if (!parser.At(TokenKind.EndOfFile))
        {
            Report(ParseDiagnostics.InvalidInterpolation(new TextSpan(_file, innerStart, close), source));
        }

        return new FormattedValue(span, value, spec);
    }
}
