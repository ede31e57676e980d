using System.Collections.Immutable;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Parsing;

internal sealed partial class Parser
{
    /// <summary>
    /// statement: simple_stmt | compound_stmt. Returns null (after reporting) when the current token cannot
    /// start a statement; the caller then skips it.
    /// </summary>
    private Statement? ParseStatement()
    {
        SkipNewlines();
        if (At(TokenKind.EndOfFile))
        {
            return null;
        }

        _depth++;
        try
        {
            if (_depth > MaxDepth || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
            {
                Report(ParseDiagnostics.NestingTooDeep(_token.Span));
                SkipNestedGroup();
                return null;
            }

            return ParseCompoundStatement() ?? ParseSimpleStatement();
        }
        finally
        {
            _depth--;
        }
    }

    private Statement? ParseCompoundStatement()
    {
        if (At(Keyword.If))
        {
            return ParseIfStatement();
        }

        var decorators = At(TokenKind.At) ? ParseDecorators() : ImmutableArray<Decorator>.Empty;
        if (At(Keyword.Schema) || At(Keyword.Mixin) || At(Keyword.Protocol))
        {
            return ParseSchemaStatement(decorators);
        }

        if (At(Keyword.Rule))
        {
            return ParseRuleStatement(decorators);
        }

        return null;
    }

    private Statement? ParseSimpleStatement()
    {
        SkipNewlines();
        if (At(TokenKind.EndOfFile))
        {
            return null;
        }

        if (At(Keyword.Import))
        {
            return ParseImportStatement();
        }

        // `type` is also an ordinary name; it starts an alias only when a name follows.
        if (At(Keyword.Type) && PeekToken().Kind == TokenKind.Identifier)
        {
            return ParseTypeAliasStatement();
        }

        if (At(Keyword.Assert))
        {
            return ParseAssertStatement();
        }

        if (_token.Kind is TokenKind.Tilde or TokenKind.Bang)
        {
            var start = _token;
            var expression = ParseExpression();
            var statement = new ExpressionStatement(SpanFrom(start), [expression]);
            SkipNewlines();
            return statement;
        }

        if (_token.Kind is TokenKind.Identifier or TokenKind.Int or TokenKind.Float or TokenKind.String
            or TokenKind.LeftParen or TokenKind.LeftBracket or TokenKind.LeftBrace)
        {
            return ParseExpressionOrAssignStatement(inSchema: false);
        }

        Report(ParseDiagnostics.UnexpectedToken(Where(_token), _token));
        return null;
    }

    /// <summary>
    /// expr_stmt | assign_stmt | aug_assign_stmt | unification_stmt; inside a schema body also
    /// <c>name: T [= value]</c> attributes.
    /// </summary>
    private Statement? ParseExpressionOrAssignStatement(bool inSchema)
    {
        var start = _token;
        var first = ParseExpression();
        var targets = new List<Expression> { first };
        Expression? value = null;
        TypeNode? type = null;

        if (At(TokenKind.Colon))
        {
            Bump();
            var typeStart = _token;
            type = ParseType();
            if ((At(TokenKind.LeftBrace) || At(TokenKind.LeftParen)) && type is NamedType named)
            {
                var name = NameFromType(named);
                var arguments = ImmutableArray<Expression>.Empty;
                var keywords = ImmutableArray<KeywordArgument>.Empty;
                if (At(TokenKind.LeftParen))
                {
                    (arguments, keywords) = ParseCallArguments();
                }

                var schema = ParseSchemaExpression(name, typeStart.Span.Start, arguments, keywords);
                NameExpression target;
                if (first is NameExpression simple)
                {
                    target = simple;
                }
                else
                {
                    Report(ParseDiagnostics.ExpectedIdentifier(start.Span));
                    target = new NameExpression(first.Span, string.Empty);
                }

                var unification = new UnificationStatement(SpanFrom(start), target, schema);
                SkipNewlines();
                return unification;
            }
        }
        else if (AugmentedOperator(_token.Kind) is { } augmented)
        {
            Bump();
            var augmentedValue = ParseExpression();
            ValidateAssignTarget(first);
            var statement = new AugmentedAssignStatement(SpanFrom(start), first, augmented, augmentedValue);
            SkipNewlines();
            return statement;
        }

        while (At(TokenKind.Assign))
        {
            Bump();
            var expression = ParseExpression();
            if (value is not null)
            {
                targets.Add(value);
            }

            value = expression;
        }

        // `name: T |= value` inside a schema: an attribute with a union default.
        if (AugmentedOperator(_token.Kind) is { } attributeOperator && targets.Count == 1 && type is not null && inSchema && AttributeName(first) is { } augmentedName)
        {
            Bump();
            var attributeValue = ParseExpression();
            var attribute = new SchemaAttribute(SpanFrom(start), augmentedName, type, false, attributeValue, AttributeOperation(attributeOperator), []);
            SkipNewlines();
            return attribute;
        }

        var end = _prev.Span.End;
        if (value is not null)
        {
            foreach (var target in targets)
            {
                ValidateAssignTarget(target);
            }

            SkipNewlines();
            var assignSpan = new TextSpan(_file, start.Span.Start, Math.Max(start.Span.Start, end));
            if (inSchema && targets.Count == 1 && type is not null && AttributeName(first) is { } attributeName)
            {
                return new SchemaAttribute(assignSpan, attributeName, type, false, value, ConfigOperation.Override, []);
            }

            return new AssignStatement(assignSpan, [.. targets], type, value);
        }

        if (targets.Count == 1 && type is not null && inSchema && AttributeName(first) is { } declaredName)
        {
            SkipNewlines();
            return new SchemaAttribute(new TextSpan(_file, start.Span.Start, Math.Max(start.Span.Start, end)), declaredName, type, false, null, null, []);
        }

        if (type is null)
        {
            var statement = new ExpressionStatement(SpanBetween(first, first), [first]);
            SkipNewlines();
            return statement;
        }

        var missing = MissingExpression();
        SkipNewlines();
        ReportExpected("=");
        if (inSchema)
        {
            return null;
        }

        return new AssignStatement(new TextSpan(_file, start.Span.Start, Math.Max(start.Span.Start, end)), [.. targets], type, missing);
    }

    private static BinaryOperator? AugmentedOperator(TokenKind kind) => kind switch
    {
        TokenKind.PlusAssign => BinaryOperator.Add,
        TokenKind.MinusAssign => BinaryOperator.Sub,
        TokenKind.StarAssign => BinaryOperator.Mul,
        TokenKind.StarStarAssign => BinaryOperator.Pow,
        TokenKind.SlashAssign => BinaryOperator.Div,
        TokenKind.SlashSlashAssign => BinaryOperator.FloorDiv,
        TokenKind.PercentAssign => BinaryOperator.Mod,
        TokenKind.AmpersandAssign => BinaryOperator.BitAnd,
        TokenKind.PipeAssign => BinaryOperator.BitOr,
        TokenKind.CaretAssign => BinaryOperator.BitXor,
        TokenKind.LessLessAssign => BinaryOperator.LShift,
        TokenKind.GreaterGreaterAssign => BinaryOperator.RShift,
        _ => null,
    };

    private static ConfigOperation AttributeOperation(BinaryOperator op) => op switch
    {
        BinaryOperator.BitOr => ConfigOperation.Union,
        BinaryOperator.Add => ConfigOperation.Insert,
        _ => ConfigOperation.Override,
    };

    /// <summary>The attribute name a schema-body target declares: a name, or a dotted name joined.</summary>
    private Identifier? AttributeName(Expression target) => target switch
    {
        NameExpression name => new Identifier(name.Span, name.Name),
        SelectorExpression { IsOptional: false } selector when DottedName(selector) is { } dotted => new Identifier(selector.Span, dotted),
        _ => null,
    };

    private static string? DottedName(Expression expression) => expression switch
    {
        NameExpression name => name.Name,
        SelectorExpression { IsOptional: false } selector when DottedName(selector.Value) is { } prefix => prefix + "." + selector.Attribute.Name,
        _ => null,
    };

    /// <summary>Assignment targets are a name followed by attribute and index accesses (no slices, no <c>?.</c>).</summary>
    private void ValidateAssignTarget(Expression target)
    {
        var current = target;
        while (true)
        {
            switch (current)
            {
                case NameExpression:
                case BadExpression:
                    return;
                case SelectorExpression selector:
                    if (selector.IsOptional)
                    {
                        Report(ParseDiagnostics.OptionalSelectorAssignTarget(selector.Span));
                        return;
                    }

                    current = selector.Value;
                    continue;
                case IndexExpression index:
                    if (index.IsOptional)
                    {
                        Report(ParseDiagnostics.IllegalAssignTarget(index.Span, "SubscriptExpression"));
                        return;
                    }

                    current = index.Value;
                    continue;
                case SliceExpression slice:
                    Report(ParseDiagnostics.SliceAssignTarget(slice.Span));
                    return;
                default:
                    Report(ParseDiagnostics.IllegalAssignTarget(current.Span, ReferenceNodeName(current)));
                    return;
            }
        }
    }

    /// <summary>The reference's name for an expression kind, used in messages.</summary>
    private static string ReferenceNodeName(Expression expression) => expression switch
    {
        NameExpression => "Identifier",
        SelectorExpression => "SelectorExpression",
        IndexExpression or SliceExpression => "SubscriptExpression",
        CallExpression => "CallExpression",
        BinaryExpression => "BinaryExpression",
        UnaryExpression => "UnaryExpression",
        CompareExpression => "CompareExpression",
        ListExpression => "ListExpression",
        ListComprehension => "ListComprehension",
        ConfigExpression => "ConfigExpression",
        DictComprehension => "DictComprehension",
        SchemaExpression => "SchemaExpression",
        ParenthesizedExpression => "ParenExpression",
        IfExpression => "IfExpression",
        LambdaExpression => "LambdaExpression",
        QuantifierExpression => "QuantExpression",
        NumberLiteral => "NumberLiteral",
        StringLiteral => "StringLiteral",
        JoinedString => "JoinedString",
        ConstantLiteral => "NameConstantLiteral",
        AsExpression => "AsExpression",
        StarredExpression => "StarredExpression",
        _ => expression.GetType().Name,
    };

    /// <summary>assert_stmt: ASSERT simple_expr (IF simple_expr)? (COMMA test)?</summary>
    /// <summary>The <c>if simple_expr</c> guard that assert statements and check conditions share.</summary>
    private Expression? ParseOptionalIfCondition()
    {
        if (!At(Keyword.If))
        {
            return null;
        }

        Bump();
        return ParseSimpleExpression();
    }

    private AssertStatement ParseAssertStatement()
    {
        var start = _token;
        BumpKeyword(Keyword.Assert);
        var test = ParseSimpleExpression();
        var condition = ParseOptionalIfCondition();

        Expression? message = null;
        if (At(TokenKind.Comma))
        {
            Bump();
            message = ParseExpression();
        }

        var statement = new AssertStatement(SpanFrom(start), test, condition, message);
        SkipNewlines();
        return statement;
    }

    /// <summary>import_stmt: IMPORT dot_name (AS NAME)?</summary>
    private ImportStatement ParseImportStatement()
    {
        var start = _token;
        BumpKeyword(Keyword.Import);
        var path = new System.Text.StringBuilder();
        while (_token.Kind is TokenKind.Ellipsis or TokenKind.Dot)
        {
            path.Append(_token.Kind == TokenKind.Ellipsis ? "..." : ".");
            Bump();
        }

        var names = ParseDottedNames();
        path.Append(string.Join('.', names.Select(n => n.Name)));

        Identifier? alias = null;
        if (At(Keyword.As))
        {
            Bump();
            var aliasNames = ParseDottedNames();
            if (aliasNames.Count == 1)
            {
                alias = aliasNames[0];
            }
            else
            {
                Report(ParseDiagnostics.InvalidImportAsName(_token.Span));
            }
        }

        var statement = new ImportStatement(SpanFrom(start), path.ToString(), alias);
        SkipNewlines();
        return statement;
    }

    /// <summary>type_alias_stmt: TYPE NAME ASSIGN type</summary>
    private TypeAliasStatement ParseTypeAliasStatement()
    {
        var start = _token;
        BumpKeyword(Keyword.Type);
        var name = ParseSingleName();
        BumpToken(TokenKind.Assign);
        var type = ParseType();
        SkipNewlines();
        return new TypeAliasStatement(SpanFrom(start), name, type);
    }

    /// <summary>if_stmt: IF test COLON execution_block (ELIF test COLON execution_block)* (ELSE COLON execution_block)?</summary>
    private IfStatement ParseIfStatement()
    {
        var start = _token;
        BumpKeyword(Keyword.If);
        var condition = ParseExpression();
        BumpToken(TokenKind.Colon);
        var body = ParseExecutionBlock();
        if (At(TokenKind.Newline))
        {
            SkipNewlines();
        }

        var elifs = new List<(Token Start, Expression Condition, ImmutableArray<Statement> Body, int End)>();
        while (At(Keyword.Elif))
        {
            elifs.Add(ParseElifClause());
        }

        if (At(TokenKind.Newline))
        {
            SkipNewlines();
        }

        var orElse = ImmutableArray<Statement>.Empty;
        if (At(Keyword.Else))
        {
            var elseToken = _token;
            Bump();
            if (At(Keyword.If))
            {
                // `else if`: report it like the reference, then read it as `elif`.
                Report(ParseDiagnostics.ElseIf(elseToken.Span));
                elifs.Add(ParseElifClause());
                if (At(TokenKind.Newline))
                {
                    SkipNewlines();
                }
            }
            else
            {
                if (!At(TokenKind.Colon))
                {
                    ReportExpected(":");
                }

                Bump();
                orElse = ParseExecutionBlock();
            }
        }

        for (var i = elifs.Count - 1; i >= 0; i--)
        {
            var (elifStart, elifCondition, elifBody, end) = elifs[i];
            var elifEnd = orElse.IsEmpty ? end : Math.Max(end, orElse[^1].Span.End);
            orElse = [new IfStatement(new TextSpan(_file, elifStart.Span.Start, elifEnd), elifCondition, elifBody, orElse)];
        }

        var statement = new IfStatement(SpanFrom(start), condition, body, orElse);
        SkipNewlines();
        return statement;
    }

    /// <summary>(ELIF | IF after ELSE) test COLON execution_block, with where the clause starts and ends.</summary>
    private (Token Start, Expression Condition, ImmutableArray<Statement> Body, int End) ParseElifClause()
    {
        var start = _token;
        Bump();
        var condition = ParseExpression();
        BumpToken(TokenKind.Colon);
        var body = ParseExecutionBlock();
        return (start, condition, body, _prev.Span.End);
    }

    /// <summary>execution_block: if_simple_stmt | NEWLINE _INDENT schema_init_stmt+ _DEDENT</summary>
    private ImmutableArray<Statement> ParseExecutionBlock()
    {
        if (!At(TokenKind.Newline))
        {
            var statement = ParseExpressionOrAssignStatement(inSchema: false);
            if (statement is null)
            {
                Bump();
                return [];
            }

            return [statement];
        }

        SkipNewlines();
        return ParseBlockStatements();
    }

    /// <summary>An indented block of statements: INDENT statement+ DEDENT.</summary>
    private ImmutableArray<Statement> ParseBlockStatements()
    {
        var statements = ImmutableArray.CreateBuilder<Statement>();
        ValidateDedent();
        BumpToken(TokenKind.Indent);
        while (true)
        {
            if (At(TokenKind.EndOfFile))
            {
                break;
            }

            ValidateDedent();
            if (At(TokenKind.Dedent))
            {
                Bump();
                break;
            }

            var statement = ParseStatement();
            if (statement is not null)
            {
                statements.Add(statement);
            }
            else if (!At(TokenKind.Dedent))
            {
                Bump();
            }
        }

        SkipNewlines();
        return statements.ToImmutable();
    }

    /// <summary>decorators: (AT decorator_expr NEWLINE)+</summary>
    private ImmutableArray<Decorator> ParseDecorators()
    {
        var decorators = ImmutableArray.CreateBuilder<Decorator>();
        while (At(TokenKind.At))
        {
            var start = _token;
            Bump();
            var expression = ParseExpression();
            switch (expression)
            {
                case NameExpression or SelectorExpression when DottedName(expression) is { } name:
                    decorators.Add(new Decorator(SpanFrom(start), new Identifier(expression.Span, name), [], []));
                    break;
                case CallExpression call when DottedName(call.Function) is { } callName:
                    decorators.Add(new Decorator(SpanFrom(start), new Identifier(call.Function.Span, callName), call.Arguments, call.Keywords));
                    break;
                default:
                    ReportExpected("identifier");
                    break;
            }

            SkipNewlines();
        }

        SkipNewlines();
        return decorators.ToImmutable();
    }

    /// <summary>NAME (DOT NAME)*, reporting missing names like the reference (an empty name stands in).</summary>
    private List<Identifier> ParseDottedNames()
    {
        var names = new List<Identifier>();
        if (!At(TokenKind.Identifier))
        {
            ReportExpected("identifier");
            names.Add(new Identifier(EmptySpanAt(_token), string.Empty));
            return names;
        }

        names.Add(new Identifier(_token.Span, Name(_token)));
        Bump();
        while (At(TokenKind.Dot))
        {
            Bump();
            if (At(TokenKind.Identifier))
            {
                names.Add(new Identifier(_token.Span, Name(_token)));
                Bump();
            }
            else
            {
                ReportExpected("identifier");
                names.Add(new Identifier(EmptySpanAt(_token), string.Empty));
            }
        }

        return names;
    }

    /// <summary>A name where only a plain name is allowed (dotted names are reported).</summary>
    private Identifier ParseSingleName()
    {
        var start = _token;
        var names = ParseDottedNames();
        if (names.Count == 1)
        {
            return names[0];
        }

        Report(ParseDiagnostics.ExpectedIdentifier(start.Span));
        return new Identifier(SpanFrom(start), string.Join('.', names.Select(n => n.Name)));
    }

    /// <summary>Dotted names as an expression: a name or a selector chain.</summary>
    private Expression ParseIdentifierExpression()
    {
        var start = _token.Span.Start;
        var names = ParseDottedNames();
        Expression expression = new NameExpression(names[0].Span, names[0].Name);
        for (var i = 1; i < names.Count; i++)
        {
            expression = new SelectorExpression(new TextSpan(_file, start, Math.Max(start, names[i].Span.End)), expression, names[i], false);
        }

        return expression;
    }
}
