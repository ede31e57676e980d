using System.Collections.Immutable;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Parsing;

internal sealed partial class Parser
{
    /// <summary>
    /// schema_stmt: [decorators] (SCHEMA|MIXIN|PROTOCOL) NAME [LEFT_BRACKETS [schema_arguments] RIGHT_BRACKETS]
    ///   [LEFT_PARENTHESES identifier RIGHT_PARENTHESES] [for_host] COLON NEWLINE [schema_body]
    /// </summary>
    private SchemaStatement ParseSchemaStatement(ImmutableArray<Decorator> decorators)
    {
        var start = decorators.IsEmpty ? _token.Span.Start : decorators[0].Span.Start;
        var isMixin = false;
        var isProtocol = false;
        if (At(Keyword.Mixin))
        {
            isMixin = true;
        }
        else if (At(Keyword.Protocol))
        {
            isProtocol = true;
        }

        Bump();
        var name = JoinNames(ParseDottedNames());
        if (name.Name.EndsWith("Mixin", StringComparison.Ordinal))
        {
            isMixin = true;
        }
        else if (name.Name.EndsWith("Protocol", StringComparison.Ordinal))
        {
            isProtocol = true;
        }

        var parameters = ImmutableArray<Parameter>.Empty;
        if (At(TokenKind.LeftBracket))
        {
            parameters = ParseParameters(TokenKind.LeftBracket, [TokenKind.RightBracket], bumpClose: true);
            CheckParameterDefaults(parameters);
        }

        Expression? parent = null;
        if (At(TokenKind.LeftParen))
        {
            Bump();
            parent = ParseIdentifierExpression();
            BumpToken(TokenKind.RightParen);
        }

        var forHost = ParseForHost();
        BumpToken(TokenKind.Colon);
        SkipNewlines();

        if (!At(TokenKind.Indent))
        {
            return new SchemaStatement(SpanFrom(start), name, null, parent, forHost, isMixin, isProtocol, [], parameters, [], null, [], decorators);
        }

        ValidateDedent();
        BumpToken(TokenKind.Indent);
        var docstring = PeekToken().Kind == TokenKind.Colon ? null : ParseDocstring();
        var mixins = ImmutableArray<Expression>.Empty;
        if (At(Keyword.Mixin))
        {
            mixins = ParseMixins();
            SkipNewlines();
        }

        var body = ImmutableArray.CreateBuilder<Statement>();
        SchemaIndexSignature? indexSignature = null;
        while (true)
        {
            var marker = Mark();
            ValidateDedent();
            if (At(TokenKind.Dedent) || At(TokenKind.EndOfFile) || At(Keyword.Check))
            {
                break;
            }

            if (At(Keyword.Assert))
            {
                body.Add(ParseAssertStatement());
                continue;
            }

            if (At(Keyword.If))
            {
                body.Add(ParseIfStatement());
                continue;
            }

            if ((At(TokenKind.String) && PeekToken().Kind == TokenKind.Colon) || At(TokenKind.At) || PeekToken().Kind == TokenKind.Question)
            {
                body.Add(ParseSchemaAttribute());
                continue;
            }

            if (At(TokenKind.LeftBracket))
            {
                var bracket = _token;
                var (signature, list) = ParseIndexSignatureOrList();
                if (signature is not null)
                {
                    if (indexSignature is not null)
                    {
                        Report(ParseDiagnostics.DuplicateIndexSignature(bracket.Span));
                    }

                    indexSignature = signature;
                }
                else if (list is not null)
                {
                    body.Add(new ExpressionStatement(SpanFrom(bracket), [list]));
                }
                else
                {
                    Report(ParseDiagnostics.ExpectedIndexSignatureOrList(_token));
                }

                SkipNewlines();
                continue;
            }

            var statement = ParseExpressionOrAssignStatement(inSchema: true);
            if (statement is not null)
            {
                body.Add(statement);
            }
            else
            {
                Bump();
            }

            Drop(marker);
        }

        var checks = ParseCheckBlock();
        ValidateDedent();
        BumpToken(TokenKind.Dedent);
        var span = SpanFrom(start);
        SkipNewlines();
        return new SchemaStatement(span, name, docstring, parent, forHost, isMixin, isProtocol, mixins, parameters, body.ToImmutable(), indexSignature, checks, decorators);
    }

    private Identifier JoinNames(List<Identifier> names) =>
        names.Count == 1 ? names[0] : new Identifier(new TextSpan(_file, names[0].Span.Start, Math.Max(names[0].Span.Start, names[^1].Span.End)), string.Join('.', names.Select(n => n.Name)));

    private Expression? ParseForHost()
    {
        if (!At(Keyword.For))
        {
            return null;
        }

        Bump();
        var start = _token;
        var expression = ParseExpression();
        if (DottedName(expression) is null)
        {
            Report(ParseDiagnostics.ExpectedIdentifier(start.Span));
        }

        return expression;
    }

    /// <summary>
    /// schema_arguments: schema_argument (COMMA schema_argument)*; schema_argument: NAME [COLON type] [ASSIGN test].
    /// With <paramref name="open"/> set, it must be the current token.
    /// </summary>
    private ImmutableArray<Parameter> ParseParameters(TokenKind? open, TokenKind[] close, bool bumpClose)
    {
        if (open is { } openKind)
        {
            if (!At(openKind))
            {
                return [];
            }

            Bump();
        }

        // Braced lambda parameters (`lambda {\n x,\n y: int,\n} -> T {…}`) may span lines, as the
        // formatter writes long signatures; line breaks inside them do not matter.
        var multiline = open == TokenKind.LeftBrace;
        var parameters = ImmutableArray.CreateBuilder<Parameter>();
        while (true)
        {
            var marker = Mark();
            if (multiline)
            {
                SkipLayout();
            }

            if (Array.IndexOf(close, _token.Kind) >= 0)
            {
                if (bumpClose)
                {
                    Bump();
                }

                break;
            }

            if (_token.Kind is TokenKind.Newline or TokenKind.EndOfFile)
            {
                ReportExpected([.. close.Select(Describe)]);
                break;
            }

            var start = _token;
            var name = JoinNames(ParseDottedNames());
            TypeNode? type = null;
            if (At(TokenKind.Colon))
            {
                Bump();
                type = ParseType();
            }

            Expression? defaultValue = null;
            if (At(TokenKind.Assign))
            {
                Bump();
                defaultValue = ParseExpression();
            }

            parameters.Add(new Parameter(SpanFrom(start), name, type, defaultValue));
            if (At(TokenKind.Comma))
            {
                Bump();
            }

            Drop(marker);
        }

        SkipNewlines();
        return parameters.ToImmutable();
    }

    /// <summary>A parameter without a default may not follow one with a default; reported at each earlier default.</summary>
    private void CheckParameterDefaults(ImmutableArray<Parameter> parameters)
    {
        var lastRequired = -1;
        for (var i = parameters.Length - 1; i >= 0; i--)
        {
            if (parameters[i].Default is null)
            {
                lastRequired = i;
                break;
            }
        }

        for (var i = lastRequired - 1; i >= 0; i--)
        {
            if (parameters[i].Default is { } value)
            {
                Report(ParseDiagnostics.NonDefaultAfterDefault(value.Span));
            }
        }
    }

    /// <summary>mixin_stmt: MIXIN LEFT_BRACKETS [mixins | multiline_mixins] RIGHT_BRACKETS NEWLINE</summary>
    private ImmutableArray<Expression> ParseMixins()
    {
        BumpKeyword(Keyword.Mixin);
        var mixins = ImmutableArray.CreateBuilder<Expression>();
        BumpToken(TokenKind.LeftBracket);
        var hasNewline = false;
        if (At(TokenKind.Newline))
        {
            hasNewline = true;
            SkipNewlines();
            if (At(TokenKind.Indent))
            {
                Bump();
            }
            else
            {
                ReportExpected("indent");
            }
        }

        while (true)
        {
            ValidateDedent();
            if (_token.Kind is TokenKind.RightBracket or TokenKind.Dedent or TokenKind.EndOfFile)
            {
                break;
            }

            var marker = Mark();
            mixins.Add(ParseIdentifierExpression());
            if (At(TokenKind.Comma))
            {
                Bump();
            }

            if (At(TokenKind.Newline))
            {
                SkipNewlines();
            }

            if (marker == Mark())
            {
                Bump();
            }
        }

        if (hasNewline)
        {
            ValidateDedent();
            if (At(TokenKind.Dedent))
            {
                Bump();
            }
            else
            {
                ReportExpected("dedent");
            }
        }

        BumpToken(TokenKind.RightBracket);
        return mixins.ToImmutable();
    }

    /// <summary>attribute_stmt: [decorators] (identifier | STRING) [QUESTION] COLON type [(ASSIGN|COMP_OR) test]</summary>
    private SchemaAttribute ParseSchemaAttribute()
    {
        var start = _token;
        var decorators = ImmutableArray<Decorator>.Empty;
        if (At(TokenKind.At))
        {
            decorators = ParseDecorators();
            SkipNewlines();
        }

        Identifier name;
        if (At(TokenKind.String))
        {
            var literal = ParseStringExpression();
            name = new Identifier(literal.Span, literal is StringLiteral s ? s.Value : string.Empty);
        }
        else
        {
            name = JoinNames(ParseDottedNames());
        }

        var isOptional = false;
        if (At(TokenKind.Question))
        {
            Bump();
            isOptional = true;
        }

        BumpToken(TokenKind.Colon);
        var type = ParseType();
        ConfigOperation? operation = null;
        if (At(TokenKind.Assign))
        {
            Bump();
            operation = ConfigOperation.Override;
        }
        else if (AugmentedOperator(_token.Kind) is { } op)
        {
            Bump();
            operation = AttributeOperation(op);
        }

        var value = operation is null ? null : ParseExpression();
        var attribute = new SchemaAttribute(SpanFrom(start), name, type, isOptional, value, operation, decorators);
        SkipNewlines();
        return attribute;
    }

    /// <summary>After <c>[</c> in a schema body: an index signature, or a list expression statement.</summary>
    private (SchemaIndexSignature? Signature, Expression? List) ParseIndexSignatureOrList()
    {
        var bracket = _token;
        BumpToken(TokenKind.LeftBracket);
        var peek = PeekToken().Kind;
        var peek2 = PeekToken(2).Kind;
        if (_token.Kind is TokenKind.Newline or TokenKind.RightBracket)
        {
            return (null, ParseListExpression(bracket));
        }

        if (At(TokenKind.Identifier) && peek != TokenKind.Colon && peek2 != TokenKind.Colon)
        {
            return (null, ParseListExpression(bracket));
        }

        if ((At(TokenKind.Ellipsis) && peek == TokenKind.Identifier) || At(TokenKind.Identifier))
        {
            return (ParseIndexSignature(bracket), null);
        }

        return (null, null);
    }

    /// <summary>schema_index_signature: LEFT_BRACKETS [NAME COLON] [ELLIPSIS] basic_type RIGHT_BRACKETS COLON type [ASSIGN test] NEWLINE</summary>
    private SchemaIndexSignature ParseIndexSignature(Token bracket)
    {
        Identifier? keyName = null;
        TypeNode keyType;
        var anyOther = false;
        if (At(TokenKind.Ellipsis))
        {
            Bump();
            anyOther = true;
            keyType = ParseType();
        }
        else
        {
            var nameStart = _token;
            var names = ParseDottedNames();
            if (At(TokenKind.RightBracket))
            {
                keyType = new NamedType(SpanFrom(nameStart), [.. names.Select(n => n.Name)]);
            }
            else
            {
                keyName = JoinNames(names);
                BumpToken(TokenKind.Colon);
                if (At(TokenKind.Ellipsis))
                {
                    Bump();
                    anyOther = true;
                }

                keyType = ParseType();
            }
        }

        BumpToken(TokenKind.RightBracket);
        BumpToken(TokenKind.Colon);
        var valueType = ParseType();
        Expression? value = null;
        if (At(TokenKind.Assign))
        {
            Bump();
            value = ParseExpression();
        }

        var signature = new SchemaIndexSignature(SpanFrom(bracket), keyName, keyType, valueType, value, anyOther);
        SkipNewlines();
        return signature;
    }

    /// <summary>check_block: CHECK COLON NEWLINE _INDENT check_expr+ _DEDENT</summary>
    private ImmutableArray<CheckCondition> ParseCheckBlock()
    {
        if (!At(Keyword.Check))
        {
            return [];
        }

        Bump();
        BumpToken(TokenKind.Colon);
        SkipNewlines();
        BumpToken(TokenKind.Indent);
        var checks = ParseCheckConditions();
        ValidateDedent();
        BumpToken(TokenKind.Dedent);
        return checks;
    }

    private ImmutableArray<CheckCondition> ParseCheckConditions()
    {
        var checks = ImmutableArray.CreateBuilder<CheckCondition>();
        while (!At(TokenKind.Dedent))
        {
            var marker = Mark();
            if (At(TokenKind.EndOfFile))
            {
                ReportExpected("newline");
                break;
            }

            checks.Add(ParseCheckCondition());
            SkipNewlines();
            Drop(marker);
        }

        return checks.ToImmutable();
    }

    /// <summary>check_expr: simple_expr [IF simple_expr] [COMMA primary_expr] NEWLINE</summary>
    private CheckCondition ParseCheckCondition()
    {
        var start = _token;
        var test = ParseSimpleExpression();
        var condition = ParseOptionalIfCondition();

        Expression? message = null;
        if (At(TokenKind.Comma))
        {
            Bump();
            message = ParsePrimaryExpression();
        }

        return new CheckCondition(SpanFrom(start), test, condition, message);
    }

    /// <summary>
    /// rule_stmt: [decorators] RULE NAME [LEFT_BRACKETS [schema_arguments] RIGHT_BRACKETS]
    ///   [LEFT_PARENTHESES identifier (COMMA identifier)* RIGHT_PARENTHESES] [for_host] COLON NEWLINE [rule_body]
    /// </summary>
    private RuleStatement ParseRuleStatement(ImmutableArray<Decorator> decorators)
    {
        var start = decorators.IsEmpty ? _token.Span.Start : decorators[0].Span.Start;
        BumpKeyword(Keyword.Rule);
        var name = JoinNames(ParseDottedNames());
        var parameters = ImmutableArray<Parameter>.Empty;
        if (At(TokenKind.LeftBracket))
        {
            parameters = ParseParameters(TokenKind.LeftBracket, [TokenKind.RightBracket], bumpClose: true);
            CheckParameterDefaults(parameters);
        }

        var parents = ImmutableArray.CreateBuilder<Expression>();
        if (At(TokenKind.LeftParen))
        {
            Bump();
            while (true)
            {
                if (At(TokenKind.RightParen))
                {
                    Bump();
                    break;
                }

                if (_token.Kind is TokenKind.Newline or TokenKind.EndOfFile)
                {
                    ReportExpected(")", ",");
                    break;
                }

                var parentStart = _token;
                var parent = ParseExpression();
                if (DottedName(parent) is null)
                {
                    Report(ParseDiagnostics.ExpectedIdentifier(parentStart.Span));
                }

                parents.Add(parent);
                if (_token.Kind is not (TokenKind.Comma or TokenKind.RightParen or TokenKind.Newline or TokenKind.EndOfFile))
                {
                    ReportExpected(",", ")");
                    Bump();
                }

                if (At(TokenKind.Comma))
                {
                    Bump();
                }
            }
        }

        var forHost = ParseForHost();
        BumpToken(TokenKind.Colon);
        SkipNewlines();
        BumpToken(TokenKind.Indent);
        string? docstring = null;
        if (At(TokenKind.String))
        {
            var layout = StringLiterals.Analyze(_file.Text, _token.Span.Start, _token.Span.End);
            docstring = DecodeStringValue(_token, layout);
            ParseStringExpression();
            SkipNewlines();
        }

        ValidateDedent();
        var checks = ParseCheckConditions();
        ValidateDedent();
        BumpToken(TokenKind.Dedent);
        var span = SpanFrom(start);
        return new RuleStatement(span, name, docstring, parents.ToImmutable(), forHost, parameters, checks, decorators);
    }
}
