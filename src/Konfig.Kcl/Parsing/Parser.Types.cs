using System.Collections.Immutable;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Parsing;

internal sealed partial class Parser
{
    /// <summary>type: type_element (OR type_element)*</summary>
    private TypeNode ParseType()
    {
        var start = _token;
        if (!EnterNesting())
        {
            return new NamedType(EmptySpanAt(_token), ["any"]);
        }

        try
        {
            var first = ParseTypeElement();
            if (!At(TokenKind.Pipe))
            {
                return first;
            }

            var elements = ImmutableArray.CreateBuilder<TypeNode>();
            elements.Add(first);
            while (At(TokenKind.Pipe))
            {
                Bump();
                elements.Add(ParseTypeElement());
            }

            return new UnionType(SpanFrom(start), elements.ToImmutable());
        }
        finally
        {
            ExitNesting();
        }
    }

    /// <summary>type_element: schema_type | function_type | basic_type | compound_type | literal_type</summary>
    private TypeNode ParseTypeElement()
    {
        var start = _token;
        switch (_token.Kind)
        {
            case TokenKind.Identifier:
                switch (_token.Keyword)
                {
                    case Keyword.True:
                        Bump();
                        return new LiteralType(start.Span, true, null);
                    case Keyword.False:
                        Bump();
                        return new LiteralType(start.Span, false, null);
                }

                var names = ParseDottedNames();
                return new NamedType(SpanFrom(start), [.. names.Select(n => n.Name)]);

            case TokenKind.String:
                {
                    var literal = ParseStringExpression();
                    return new LiteralType(literal.Span, literal is StringLiteral s ? s.Value : start.Text, null);
                }

            case TokenKind.Int:
                {
                    var number = ParseNumber();
                    return new LiteralType(number.Span, number.IntValue, number.Suffix);
                }

            case TokenKind.Float:
                {
                    var number = ParseNumber();
                    return new LiteralType(number.Span, number.FloatValue, null);
                }

            case TokenKind.LeftBracket:
                {
                    Bump();
                    if (At(TokenKind.RightBracket))
                    {
                        Bump();
                        return new ListType(SpanFrom(start), null);
                    }

                    var element = ParseType();
                    BumpToken(TokenKind.RightBracket);
                    return new ListType(SpanFrom(start), element);
                }

            case TokenKind.LeftBrace:
                {
                    Bump();
                    var key = At(TokenKind.Colon) ? null : ParseType();
                    BumpToken(TokenKind.Colon);
                    var value = At(TokenKind.RightBrace) ? null : ParseType();
                    BumpToken(TokenKind.RightBrace);
                    return new DictType(SpanFrom(start), key, value);
                }

            case TokenKind.LeftParen:
                {
                    // function_type: LEFT_PARENTHESES [type (COMMA type)*] RIGHT_PARENTHESES [RIGHT_ARROW type]
                    Bump();
                    var parameters = ImmutableArray.CreateBuilder<TypeNode>();
                    while (!At(TokenKind.RightParen) && !At(TokenKind.EndOfFile) && !At(TokenKind.Newline))
                    {
                        var marker = Mark();
                        parameters.Add(ParseType());
                        if (At(TokenKind.Comma))
                        {
                            Bump();
                        }
                        else if (marker == Mark() || !At(TokenKind.RightParen))
                        {
                            break;
                        }
                    }

                    BumpToken(TokenKind.RightParen);
                    TypeNode? returnType = null;
                    if (At(TokenKind.Arrow))
                    {
                        Bump();
                        returnType = ParseType();
                    }

                    return new FunctionType(SpanFrom(start), parameters.ToImmutable(), returnType);
                }
        }

        ReportExpected("any", "bool", "int", "float", "str", "True", "False", "identifier", "literal", "[", "{");
        return new NamedType(EmptySpanAt(_token), ["any"]);
    }

    /// <summary>A named type used as the name of a schema (<c>a: pkg.S {…}</c>): a name or selector chain with per-part spans.</summary>
    private Expression NameFromType(NamedType type)
    {
        var text = _file.Text;
        var position = type.Span.Start;
        Expression? expression = null;
        foreach (var part in type.Names)
        {
            while (position < type.Span.End && !Lexer.IsIdentifierStart(text[position]) && text[position] != '$')
            {
                position++;
            }

            var partStart = position;
            position = Math.Min(type.Span.End, position + part.Length + (position < text.Length && text[position] == '$' ? 1 : 0));
            var partSpan = new TextSpan(_file, partStart, position);
            expression = expression is null
                ? new NameExpression(partSpan, part)
                : new SelectorExpression(new TextSpan(_file, type.Span.Start, position), expression, new Identifier(partSpan, part), false);
        }

        return expression ?? new NameExpression(type.Span, string.Empty);
    }
}
