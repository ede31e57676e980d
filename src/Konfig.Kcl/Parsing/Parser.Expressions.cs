using System.Collections.Immutable;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Parsing;

internal sealed partial class Parser
{
    /// <summary>Binding strength of binary operators, loosest first.</summary>
    private enum Precedence
    {
        Lowest,
        Or,
        And,
        Compare,
        As,
        BitOr,
        BitXor,
        BitAnd,
        Shift,
        Sum,
        Product,
        Power,
    }

    /// <summary>test: if_expr | simple_expr</summary>
    private Expression ParseExpression()
    {
        if (At(TokenKind.Indent))
        {
            Report(ParseDiagnostics.UnexpectedToken(Where(_token), _token));
            Bump();
        }

        if (!EnterNesting())
        {
            return MissingExpression();
        }

        try
        {
            var start = _token;
            var operand = ParseSimpleExpression();
            if (At(Keyword.If))
            {
                return ParseIfExpression(operand, start);
            }

            return operand;
        }
        finally
        {
            ExitNesting();
        }
    }

    /// <summary>if_expr: simple_expr IF simple_expr ELSE test</summary>
    private Expression ParseIfExpression(Expression body, Token start)
    {
        Bump();
        var condition = ParseSimpleExpression();
        Expression orElse;
        if (At(Keyword.Else))
        {
            Bump();
            orElse = ParseExpression();
        }
        else
        {
            ReportExpected("else");
            orElse = MissingExpression();
        }

        return new IfExpression(SpanFrom(start), body, condition, orElse);
    }

    private Expression ParseSimpleExpression() => ParseBinary(Precedence.Lowest);

    /// <summary>
    /// A simple expression on a path that can recurse without passing <see cref="ParseExpression"/>
    /// (comprehension iterables, quantifier tests): it counts as one level of nesting.
    /// </summary>
    private Expression ParseNestedSimpleExpression()
    {
        if (!EnterNesting())
        {
            return MissingExpression();
        }

        try
        {
            return ParseSimpleExpression();
        }
        finally
        {
            ExitNesting();
        }
    }

    private (Precedence Precedence, int Length) BinaryPrecedence()
    {
        switch (_token.Kind)
        {
            case TokenKind.Identifier:
                return _token.Keyword switch
                {
                    Keyword.Or => (Precedence.Or, 1),
                    Keyword.And => (Precedence.And, 1),
                    Keyword.In or Keyword.Is => (Precedence.Compare, 1),
                    Keyword.Not when PeekToken().Is(Keyword.In) => (Precedence.Compare, 2),
                    Keyword.Not when PeekToken().Is(Keyword.Is) => (Precedence.Compare, 2),
                    Keyword.As => (Precedence.As, 1),
                    _ => (Precedence.Lowest, 0),
                };
            case TokenKind.EqualEqual or TokenKind.NotEqual or TokenKind.Less or TokenKind.LessEqual or TokenKind.Greater or TokenKind.GreaterEqual:
                return (Precedence.Compare, 1);
            case TokenKind.Pipe:
                return (Precedence.BitOr, 1);
            case TokenKind.Caret:
                return (Precedence.BitXor, 1);
            case TokenKind.Ampersand:
                return (Precedence.BitAnd, 1);
            case TokenKind.LessLess or TokenKind.GreaterGreater:
                return (Precedence.Shift, 1);
            case TokenKind.Plus or TokenKind.Minus:
                return (Precedence.Sum, 1);
            case TokenKind.Star or TokenKind.Slash or TokenKind.SlashSlash or TokenKind.Percent:
                return (Precedence.Product, 1);
            case TokenKind.StarStar:
                return (Precedence.Power, 1);
            default:
                return (Precedence.Lowest, 0);
        }
    }

    /// <summary>
    /// Precedence climbing over binary operators. Comparisons at one level chain into a single
    /// <see cref="CompareExpression"/>; <c>**</c> is right-associative.
    /// </summary>
    private Expression ParseBinary(Precedence minimum)
    {
        var start = _token;
        var left = ParseUnary();
        List<CompareOperator>? compareOperators = null;
        List<Expression>? comparators = null;
        var compareLeft = left;

        while (true)
        {
            var (precedence, _) = BinaryPrecedence();
            if (precedence <= minimum)
            {
                break;
            }

            var opToken = _token;
            if (precedence == Precedence.Compare)
            {
                var op = ReadCompareOperator();
                var right = ParseBinary(precedence);
                if (compareOperators is null)
                {
                    compareOperators = [];
                    comparators = [];
                    compareLeft = left;
                }

                compareOperators.Add(op);
                comparators!.Add(right);
                left = new CompareExpression(SpanFrom(start), compareLeft, [.. compareOperators], [.. comparators]);
                continue;
            }

            // A comparison chain ends when a looser binary operator follows it.
            compareOperators = null;
            comparators = null;

            Bump();
            if (precedence == Precedence.As)
            {
                var type = ParseType();
                left = new AsExpression(SpanFrom(start), left, type);
                continue;
            }

            Expression rightOperand;
            if (precedence == Precedence.Power)
            {
                // Right-associative, and the exponent may carry a sign: 2 ** -1.
                if (!EnterNesting())
                {
                    rightOperand = MissingExpression();
                }
                else
                {
                    try
                    {
                        rightOperand = ParseBinary(Precedence.Product);
                    }
                    finally
                    {
                        ExitNesting();
                    }
                }
            }
            else
            {
                rightOperand = ParseBinary(precedence);
            }

            left = new BinaryExpression(SpanFrom(start), BinaryOperatorOf(opToken), left, rightOperand);
        }

        return left;
    }

    private CompareOperator ReadCompareOperator()
    {
        var token = _token;
        Bump();
        switch (token.Kind)
        {
            case TokenKind.EqualEqual: return CompareOperator.Eq;
            case TokenKind.NotEqual: return CompareOperator.NotEq;
            case TokenKind.Less: return CompareOperator.Lt;
            case TokenKind.LessEqual: return CompareOperator.LtE;
            case TokenKind.Greater: return CompareOperator.Gt;
            case TokenKind.GreaterEqual: return CompareOperator.GtE;
        }

        switch (token.Keyword)
        {
            case Keyword.In:
                return CompareOperator.In;
            case Keyword.Is when At(Keyword.Not):
                Bump();
                return CompareOperator.IsNot;
            case Keyword.Is:
                return CompareOperator.Is;
            case Keyword.Not when At(Keyword.In):
                Bump();
                return CompareOperator.NotIn;
            default:
                // `not is`
                Report(ParseDiagnostics.NotIs(token.Span));
                Bump();
                return CompareOperator.IsNot;
        }
    }

    private static BinaryOperator BinaryOperatorOf(Token token) => token.Kind switch
    {
        TokenKind.Plus => BinaryOperator.Add,
        TokenKind.Minus => BinaryOperator.Sub,
        TokenKind.Star => BinaryOperator.Mul,
        TokenKind.Slash => BinaryOperator.Div,
        TokenKind.SlashSlash => BinaryOperator.FloorDiv,
        TokenKind.Percent => BinaryOperator.Mod,
        TokenKind.StarStar => BinaryOperator.Pow,
        TokenKind.LessLess => BinaryOperator.LShift,
        TokenKind.GreaterGreater => BinaryOperator.RShift,
        TokenKind.Pipe => BinaryOperator.BitOr,
        TokenKind.Caret => BinaryOperator.BitXor,
        TokenKind.Ampersand => BinaryOperator.BitAnd,
        _ => token.Is(Keyword.And) ? BinaryOperator.And : BinaryOperator.Or,
    };

    /// <summary>
    /// unary_expr: un_op operand. <c>-x ** 2</c> is <c>-(x ** 2)</c>; <c>not</c> takes a whole comparison
    /// (<c>not a in b</c> is <c>not (a in b)</c>), as the KCL spec's precedence table says.
    /// </summary>
    private Expression ParseUnary()
    {
        UnaryOperator op;
        switch (_token.Kind)
        {
            case TokenKind.Plus: op = UnaryOperator.Plus; break;
            case TokenKind.Minus: op = UnaryOperator.Minus; break;
            case TokenKind.Tilde: op = UnaryOperator.Invert; break;
            case TokenKind.Bang: op = UnaryOperator.Not; break;
            case TokenKind.Identifier when _token.Keyword == Keyword.Not: op = UnaryOperator.Not; break;
            default: return ParsePrimaryExpression();
        }

        var start = _token;
        Bump();
        if (!EnterNesting())
        {
            return new UnaryExpression(SpanFrom(start), op, MissingExpression());
        }

        try
        {
            var operand = ParseBinary(op == UnaryOperator.Not ? Precedence.And : Precedence.Product);
            return new UnaryExpression(SpanFrom(start), op, operand);
        }
        finally
        {
            ExitNesting();
        }
    }

    /// <summary>primary_expr: operand | primary_expr select_suffix | primary_expr call_suffix | primary_expr slice_suffix</summary>
    private Expression ParsePrimaryExpression()
    {
        var start = _token;
        var operand = ParseOperand();
        while (true)
        {
            switch (_token.Kind)
            {
                case TokenKind.Dot:
                    operand = ParseSelector(operand, start);
                    continue;
                case TokenKind.Question when PeekToken().Kind == TokenKind.Dot:
                    operand = ParseSelector(operand, start);
                    continue;
                case TokenKind.Question when PeekToken().Kind == TokenKind.LeftBracket:
                    operand = ParseSubscript(operand, start);
                    continue;
                case TokenKind.LeftParen:
                    {
                        var (arguments, keywords) = ParseCallArguments();
                        operand = new CallExpression(SpanFrom(start), operand, arguments, keywords);
                        continue;
                    }

                case TokenKind.LeftBracket:
                    operand = ParseSubscript(operand, start);
                    continue;
            }

            return operand;
        }
    }

    /// <summary>select_suffix: [QUESTION] DOT NAME</summary>
    private Expression ParseSelector(Expression value, Token start)
    {
        var isOptional = false;
        if (At(TokenKind.Question))
        {
            Bump();
            isOptional = true;
        }

        Bump();
        Identifier attribute;
        if (At(TokenKind.Identifier))
        {
            attribute = new Identifier(_token.Span, Name(_token));
            Bump();
        }
        else
        {
            ReportExpected("identifier");
            attribute = new Identifier(EmptySpanAt(_token), string.Empty);
        }

        return new SelectorExpression(SpanFrom(start), value, attribute, isOptional);
    }

    /// <summary>call_suffix: LEFT_PARENTHESES [arguments [COMMA]] RIGHT_PARENTHESES</summary>
    private (ImmutableArray<Expression> Arguments, ImmutableArray<KeywordArgument> Keywords) ParseCallArguments()
    {
        BumpToken(TokenKind.LeftParen);
        var arguments = ImmutableArray.CreateBuilder<Expression>();
        var keywords = ImmutableArray.CreateBuilder<KeywordArgument>();
        SkipLayout();
        while (!At(TokenKind.RightParen) && !At(TokenKind.EndOfFile))
        {
            var marker = Mark();
            var start = _token;
            var expression = ParseExpression();
            if (At(TokenKind.Assign))
            {
                Bump();
                Identifier name;
                if (expression is NameExpression simple)
                {
                    name = new Identifier(simple.Span, simple.Name);
                }
                else
                {
                    ReportExpected("identifier");
                    name = new Identifier(expression.Span, string.Empty);
                }

                SkipLayout();
                var value = ParseExpression();
                keywords.Add(new KeywordArgument(SpanFrom(start), name, value));
            }
            else
            {
                if (keywords.Count > 0)
                {
                    Report(ParseDiagnostics.PositionalAfterKeyword(start.Span));
                }

                arguments.Add(expression);
            }

            SkipLayout();
            if (!At(TokenKind.Comma))
            {
                if (marker == Mark())
                {
                    // Nothing was read (the expression error is already reported): give up on the arguments.
                    break;
                }

                break;
            }

            Bump();
            SkipLayout();
        }

        if (At(TokenKind.RightParen))
        {
            Bump();
        }
        else
        {
            ReportExpected(")");
        }

        return (arguments.ToImmutable(), keywords.ToImmutable());
    }

    /// <summary>slice_suffix: [QUESTION] LEFT_BRACKETS (expr | [expr] COLON [expr] [COLON [expr]]) RIGHT_BRACKETS</summary>
    private Expression ParseSubscript(Expression value, Token start)
    {
        var isOptional = false;
        if (At(TokenKind.Question))
        {
            Bump();
            isOptional = true;
        }

        BumpToken(TokenKind.LeftBracket);
        var round = 0;
        var isSlice = false;
        var colons = 0;
        var parts = new Expression?[3];
        var partIndex = 0;
        var consecutive = 0;
        while (round <= 4)
        {
            if (At(TokenKind.Colon))
            {
                Bump();
                isSlice = true;
                colons++;
                partIndex = Math.Min(partIndex + 1, 2);
                if (colons > 2)
                {
                    ReportExpected("expression", "]");
                }

                consecutive--;
            }
            else if (At(TokenKind.RightBracket) || At(TokenKind.EndOfFile))
            {
                break;
            }
            else
            {
                if (!isSlice && round == 1)
                {
                    Report(ParseDiagnostics.ListIndexHasOneExpression(_token.Span));
                }

                parts[partIndex] = ParseExpression();
                consecutive++;
                if (consecutive > 1)
                {
                    Report(ParseDiagnostics.ConsecutiveExpressions(_token.Span));
                }
            }

            round++;
        }

        if (At(TokenKind.RightBracket))
        {
            Bump();
        }
        else
        {
            ReportExpected("]");
        }

        if (isSlice)
        {
            return new SliceExpression(SpanFrom(start), value, parts[0], parts[1], parts[2], isOptional);
        }

        if (parts[0] is null)
        {
            Report(ParseDiagnostics.Syntax(_token.Span, $"expected expression got {ParseDiagnostics.Describe(_token)}"));
        }

        return new IndexExpression(SpanFrom(start), value, parts[0] ?? MissingExpression(), isOptional);
    }

    /// <summary>
    /// operand: identifier | number | string | constant | quant_expr | list_expr | list_comp | config_expr
    ///   | dict_comp | identifier call_suffix | schema_expr | lambda_expr | paren_expr
    /// </summary>
    private Expression ParseOperand()
    {
        var start = _token;
        switch (_token.Kind)
        {
            case TokenKind.Identifier:
                switch (_token.Keyword)
                {
                    case Keyword.NoneValue:
                        Bump();
                        return new ConstantLiteral(start.Span, LiteralKind.None);
                    case Keyword.Undefined:
                        Bump();
                        return new ConstantLiteral(start.Span, LiteralKind.Undefined);
                    case Keyword.True:
                        Bump();
                        return new ConstantLiteral(start.Span, LiteralKind.True);
                    case Keyword.False:
                        Bump();
                        return new ConstantLiteral(start.Span, LiteralKind.False);
                    case Keyword.Lambda:
                        return ParseLambdaExpression();
                    case Keyword.All or Keyword.Any or Keyword.Map or Keyword.Filter:
                        return ParseQuantifierExpression();
                }

                var name = ParseIdentifierExpression();
                if (At(TokenKind.LeftBrace))
                {
                    return ParseSchemaExpression(name, start.Span.Start, [], []);
                }

                if (At(TokenKind.LeftParen))
                {
                    var (arguments, keywords) = ParseCallArguments();
                    if (At(TokenKind.LeftBrace))
                    {
                        return ParseSchemaExpression(name, start.Span.Start, arguments, keywords);
                    }

                    return new CallExpression(SpanFrom(start), name, arguments, keywords);
                }

                return name;
            case TokenKind.Int or TokenKind.Float:
                return ParseNumber();
            case TokenKind.String:
                return ParseStringExpression();
            case TokenKind.LeftParen:
                return ParseParenthesized();
            case TokenKind.LeftBracket:
                return ParseListExpression(null);
            case TokenKind.LeftBrace:
                return ParseConfigExpression();
            default:
                ReportExpected(ParseDiagnostics.OperandStart);
                return MissingExpression();
        }
    }

    private ParenthesizedExpression ParseParenthesized()
    {
        var start = _token;
        Bump();
        SkipLayout();
        var inner = ParseExpression();
        SkipLayout();
        if (At(TokenKind.RightParen))
        {
            Bump();
        }
        else
        {
            ReportExpected(")");
        }

        return new ParenthesizedExpression(SpanFrom(start), inner);
    }

    private NumberLiteral ParseNumber()
    {
        var token = _token;
        Bump();
        var isFloat = token.Kind == TokenKind.Float;
        var (digits, suffix) = NumberLiterals.SplitSuffix(token.Text);
        if (suffix is not null && (isFloat || !NumberLiterals.IsValidSuffix(suffix)))
        {
            // Already reported by the lexer (or ignored for floats, like the reference).
            suffix = null;
        }

        if (isFloat)
        {
            NumberLiterals.TryParseFloat(digits, out var floatValue);
            return new NumberLiteral(token.Span, true, 0, floatValue, null);
        }

        if (!NumberLiterals.TryParseInt(digits, out var intValue))
        {
            // Out of range, or digits the base does not allow (the lexer already reported those of 0x/0o/0b).
            if (!(digits.Length > 1 && digits[0] == '0' && digits[1] is 'x' or 'X' or 'o' or 'O' or 'b' or 'B'))
            {
                Report(ParseDiagnostics.ExpectedOneOf(token.Span, token, "int"));
            }

            intValue = 0;
        }

        return new NumberLiteral(token.Span, false, intValue, intValue, suffix);
    }

    /// <summary>
    /// quant_expr: quant_op [ identifier COMMA ] identifier IN quant_target LEFT_BRACE
    ///   (simple_expr [IF simple_expr] | NEWLINE _INDENT simple_expr [IF simple_expr] NEWLINE _DEDENT)? RIGHT_BRACE
    /// </summary>
    private Expression ParseQuantifierExpression()
    {
        var start = _token;
        var kind = _token.Keyword switch
        {
            Keyword.All => QuantifierKind.All,
            Keyword.Any => QuantifierKind.Any,
            Keyword.Map => QuantifierKind.Map,
            _ => QuantifierKind.Filter,
        };
        Bump();
        var targets = ImmutableArray.CreateBuilder<Identifier>();
        targets.Add(ParseSingleName());
        if (At(TokenKind.Comma))
        {
            Bump();
            targets.Add(ParseSingleName());
        }

        if (At(Keyword.In))
        {
            Bump();
        }
        else
        {
            ReportExpected("in");
        }

        var iterable = ParseQuantifierTarget();
        if (At(TokenKind.LeftBrace))
        {
            Bump();
        }
        else
        {
            ReportExpected("{");
        }

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

        var test = ParseNestedSimpleExpression();
        Expression? condition = null;
        if (At(Keyword.If))
        {
            Bump();
            condition = ParseExpression();
        }

        if (hasNewline)
        {
            if (At(TokenKind.Newline))
            {
                SkipNewlines();
            }
            else
            {
                ReportExpected("newline");
            }

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

        if (At(TokenKind.RightBrace))
        {
            Bump();
        }
        else
        {
            ReportExpected("}");
        }

        return new QuantifierExpression(SpanFrom(start), kind, targets.ToImmutable(), iterable, test, condition);
    }

    /// <summary>quant_target: string | identifier | list_expr | list_comp | config_expr | dict_comp (and a call or selector on them).</summary>
    private Expression ParseQuantifierTarget()
    {
        var start = _token;
        Expression target;
        switch (_token.Kind)
        {
            case TokenKind.Identifier when _token.Keyword is Keyword.NoneValue or Keyword.Undefined or Keyword.Lambda or Keyword.All or Keyword.Any or Keyword.Map or Keyword.Filter:
                ReportExpected("None", "Undefined", "lambda", "any", "all", "map", "filter");
                return MissingExpression();
            case TokenKind.Identifier:
                target = ParseIdentifierExpression();
                break;
            case TokenKind.String:
                target = ParseStringExpression();
                break;
            case TokenKind.LeftBracket:
                target = ParseListExpression(null);
                break;
            case TokenKind.LeftBrace:
                target = ParseConfigExpression();
                break;
            case TokenKind.LeftParen:
                target = ParseParenthesized();
                break;
            default:
                ReportExpected("identifier", "literal");
                return MissingExpression();
        }

        // Calls, indexes and attribute accesses on the target (`all x in f(y) {…}`); a `{` starts the body.
        while (true)
        {
            switch (_token.Kind)
            {
                case TokenKind.Dot:
                case TokenKind.Question when PeekToken().Kind == TokenKind.Dot:
                    target = ParseSelector(target, start);
                    continue;
                case TokenKind.LeftParen:
                    {
                        var (arguments, keywords) = ParseCallArguments();
                        target = new CallExpression(SpanFrom(start), target, arguments, keywords);
                        continue;
                    }

                case TokenKind.LeftBracket:
                case TokenKind.Question when PeekToken().Kind == TokenKind.LeftBracket:
                    target = ParseSubscript(target, start);
                    continue;
            }

            return target;
        }
    }

    /// <summary>
    /// list_expr: LEFT_BRACKETS [list_items | NEWLINE _INDENT list_items _DEDENT] RIGHT_BRACKETS;
    /// list_comp: LEFT_BRACKETS (expr comp_clause+ | NEWLINE _INDENT expr comp_clause+ _DEDENT) RIGHT_BRACKETS.
    /// <paramref name="openBracket"/> is the already consumed <c>[</c>, or null to consume it here.
    /// </summary>
    private Expression ParseListExpression(Token? openBracket)
    {
        var start = openBracket ?? _token;
        if (openBracket is null)
        {
            Bump();
        }

        if (At(TokenKind.RightBracket))
        {
            Bump();
            return new ListExpression(SpanFrom(start), []);
        }

        if (At(TokenKind.Newline))
        {
            SkipNewlines();
            CleanAllIndentations();
            if (At(TokenKind.RightBracket))
            {
                Bump();
                return new ListExpression(SpanFrom(start), []);
            }
        }

        var itemStart = _token;
        var items = ParseListItems();
        var clauses = ParseComprehensionClauses();
        SkipNewlines();
        CleanAllIndentations();
        if (At(TokenKind.RightBracket))
        {
            Bump();
        }
        else
        {
            ReportExpected("]");
        }

        if (clauses.IsEmpty)
        {
            return new ListExpression(SpanFrom(start), items);
        }

        if (items.Length > 1)
        {
            Report(ParseDiagnostics.MultipleListCompElements(itemStart.Span, items.Length));
        }
        else if (items.Length == 0)
        {
            Report(ParseDiagnostics.MissingListCompElement(itemStart.Span));
            return new ListExpression(SpanFrom(start), items);
        }

        return new ListComprehension(SpanFrom(start), items[0], clauses);
    }

    /// <summary>list_items: list_item ((COMMA [NEWLINE] | NEWLINE) list_item)* [COMMA] [NEWLINE]</summary>
    private ImmutableArray<Expression> ParseListItems()
    {
        var items = ImmutableArray.CreateBuilder<Expression>();
        while (true)
        {
            SkipNewlines();
            CleanAllIndentations();
            if (_token.Kind is TokenKind.RightBracket or TokenKind.EndOfFile || At(Keyword.For))
            {
                break;
            }

            var marker = Mark();
            var item = ParseListItem();
            if (item is BadExpression { Span.Length: 0 } && items.Count > 0)
            {
                ReportExpected(",");
                Bump();
            }
            else
            {
                items.Add(item);
            }

            if (At(TokenKind.Comma))
            {
                Bump();
            }

            Drop(marker);
        }

        return items.ToImmutable();
    }

    /// <summary>list_item: test | star_expr | if_item</summary>
    private Expression ParseListItem()
    {
        if (At(TokenKind.Star))
        {
            var start = _token;
            Bump();
            var value = ParseExpression();
            return new StarredExpression(SpanFrom(start), value);
        }

        if (At(Keyword.If))
        {
            return ParseListIfItem();
        }

        return ParseExpression();
    }

    /// <summary>if_item: IF test COLON if_item_exec_block (ELIF test COLON if_item_exec_block)* (ELSE COLON if_item_exec_block)?</summary>
    private ListIfItem ParseListIfItem()
    {
        var start = _token;
        BumpKeyword(Keyword.If);
        var condition = ParseExpression();
        BumpToken(TokenKind.Colon);
        var items = ParseListIfItemBlock();
        SkipNewlines();

        var elifs = new List<(Token Start, Expression Condition, ImmutableArray<Expression> Items, int End)>();
        while (At(Keyword.Elif))
        {
            var elifStart = _token;
            Bump();
            var elifCondition = ParseExpression();
            BumpToken(TokenKind.Colon);
            var elifItems = ParseListIfItemBlock();
            elifs.Add((elifStart, elifCondition, elifItems, _prev.Span.End));
            SkipNewlines();
        }

        var orElse = ImmutableArray<Expression>.Empty;
        if (At(Keyword.Else))
        {
            Bump();
            BumpToken(TokenKind.Colon);
            orElse = ParseListIfItemBlock();
        }

        // An elif holds the rest of the chain, so its span runs to the chain's end.
        var chainEnd = orElse.IsEmpty ? (elifs.Count > 0 ? elifs[^1].End : 0) : orElse[^1].Span.End;
        ListIfItem? elseIf = null;
        for (var i = elifs.Count - 1; i >= 0; i--)
        {
            var (elifStart, elifCondition, elifItems, _) = elifs[i];
            elseIf = new ListIfItem(new TextSpan(_file, elifStart.Span.Start, Math.Max(elifStart.Span.Start, chainEnd)), elifCondition, elifItems, elseIf, elseIf is null ? orElse : []);
        }

        return new ListIfItem(SpanFrom(start), condition, items, elseIf, elseIf is null ? orElse : []);
    }

    /// <summary>if_item_exec_block: list_item [NEWLINE] | NEWLINE _INDENT list_item ((COMMA [NEWLINE] | NEWLINE) list_item)* [COMMA] [NEWLINE] _DEDENT</summary>
    private ImmutableArray<Expression> ParseListIfItemBlock()
    {
        if (!At(TokenKind.Newline))
        {
            return [ParseListItem()];
        }

        SkipNewlines();
        BumpToken(TokenKind.Indent);
        var items = ImmutableArray.CreateBuilder<Expression>();
        while (true)
        {
            ValidateDedent();
            if (_token.Kind is TokenKind.Dedent or TokenKind.EndOfFile or TokenKind.RightBracket)
            {
                break;
            }

            var marker = Mark();
            items.Add(ParseListItem());
            if (At(TokenKind.Comma))
            {
                Bump();
            }

            SkipNewlines();
            Drop(marker);
        }

        ValidateDedent();
        BumpToken(TokenKind.Dedent);
        return items.ToImmutable();
    }

    /// <summary>
    /// config_expr: LEFT_BRACE [config_entries | NEWLINE _INDENT config_entries _DEDENT] RIGHT_BRACE;
    /// config_comp: LEFT_BRACE (config_entry comp_clause+ | NEWLINE _INDENT config_entry comp_clause+ _DEDENT) RIGHT_BRACE.
    /// </summary>
    private Expression ParseConfigExpression()
    {
        var start = _token;
        Bump();
        if (At(TokenKind.RightBrace))
        {
            Bump();
            return new ConfigExpression(SpanFrom(start), []);
        }

        if (At(TokenKind.Newline))
        {
            SkipNewlines();
            CleanAllIndentations();
            if (At(TokenKind.RightBrace))
            {
                Bump();
                return new ConfigExpression(SpanFrom(start), []);
            }
        }

        var itemStart = _token;
        var items = ParseConfigEntries();
        var clauses = ParseComprehensionClauses();
        SkipNewlines();
        CleanAllIndentations();
        if (At(TokenKind.RightBrace))
        {
            Bump();
        }
        else
        {
            ReportExpected("}");
        }

        if (clauses.IsEmpty)
        {
            return new ConfigExpression(SpanFrom(start), items);
        }

        if (items.Length > 1)
        {
            Report(ParseDiagnostics.MultipleConfigCompEntries(itemStart.Span, items.Length));
        }
        else if (items.Length == 0)
        {
            Report(ParseDiagnostics.MissingConfigCompEntry(itemStart.Span));
            return new ConfigExpression(SpanFrom(start), items);
        }

        if (items[0] is not ConfigEntry { Key: { } key } entry)
        {
            Report(ParseDiagnostics.MissingConfigCompEntry(itemStart.Span));
            return new ConfigExpression(SpanFrom(start), items);
        }

        return new DictComprehension(SpanFrom(start), key, entry.Operation, entry.Value, clauses);
    }

    /// <summary>config_entries: config_entry ((COMMA [NEWLINE] | NEWLINE) config_entry)* [COMMA] [NEWLINE]</summary>
    private ImmutableArray<ConfigItem> ParseConfigEntries()
    {
        var entries = ImmutableArray.CreateBuilder<ConfigItem>();
        while (true)
        {
            SkipNewlines();
            CleanAllIndentations();
            if (_token.Kind is TokenKind.RightBrace or TokenKind.EndOfFile || At(Keyword.For))
            {
                break;
            }

            var marker = Mark();
            entries.Add(ParseConfigEntry());
            if (At(TokenKind.Comma))
            {
                Bump();
            }

            Drop(marker);
        }

        return entries.ToImmutable();
    }

    /// <summary>config_entry: expr (COLON | ASSIGN | COMP_PLUS) expr | double_star_expr | if_entry</summary>
    private ConfigItem ParseConfigEntry()
    {
        var start = _token;
        if (At(TokenKind.StarStar))
        {
            Bump();
            var unpacked = ParseExpression();
            return new ConfigEntry(SpanFrom(start), null, ConfigOperation.Union, unpacked);
        }

        if (At(Keyword.If))
        {
            return ParseConfigIfEntry();
        }

        var key = ParseExpression();
        var operation = ReadConfigOperation(bumpOnError: true);
        var value = ParseExpression();
        return new ConfigEntry(SpanFrom(start), key, operation, value);
    }

    private ConfigOperation ReadConfigOperation(bool bumpOnError)
    {
        ConfigOperation operation;
        switch (_token.Kind)
        {
            case TokenKind.Colon:
                operation = ConfigOperation.Union;
                break;
            case TokenKind.Assign:
                operation = ConfigOperation.Override;
                break;
            case TokenKind.PlusAssign:
                operation = ConfigOperation.Insert;
                break;
            default:
                ReportExpected(":", "=", "+=");
                if (bumpOnError)
                {
                    Bump();
                }

                return ConfigOperation.Override;
        }

        Bump();
        return operation;
    }

    /// <summary>if_entry: IF expr COLON if_entry_exec_block (ELIF expr COLON if_entry_exec_block)* (ELSE COLON if_entry_exec_block)?</summary>
    private ConfigIfEntry ParseConfigIfEntry()
    {
        var start = _token;
        BumpKeyword(Keyword.If);
        var condition = ParseExpression();
        BumpToken(TokenKind.Colon);
        var items = ParseConfigIfEntryBlock();
        SkipNewlines();

        var elifs = new List<(Token Start, Expression Condition, ImmutableArray<ConfigItem> Items, int End)>();
        var end = _prev.Span.End;
        while (At(Keyword.Elif))
        {
            var elifStart = _token;
            Bump();
            var elifCondition = ParseExpression();
            BumpToken(TokenKind.Colon);
            var elifItems = ParseConfigIfEntryBlock();
            end = _prev.Span.End;
            elifs.Add((elifStart, elifCondition, elifItems, end));
            SkipNewlines();
        }

        var orElse = ImmutableArray<ConfigItem>.Empty;
        if (At(Keyword.Else))
        {
            Bump();
            BumpToken(TokenKind.Colon);
            orElse = ParseConfigIfEntryBlock();
            end = _prev.Span.End;
        }

        if (At(TokenKind.Comma))
        {
            Bump();
        }

        SkipNewlines();

        // An elif holds the rest of the chain, so its span runs to the chain's end.
        ConfigIfEntry? elseIf = null;
        for (var i = elifs.Count - 1; i >= 0; i--)
        {
            var (elifStart, elifCondition, elifItems, _) = elifs[i];
            elseIf = new ConfigIfEntry(new TextSpan(_file, elifStart.Span.Start, Math.Max(elifStart.Span.Start, end)), elifCondition, elifItems, elseIf, elseIf is null ? orElse : []);
        }

        return new ConfigIfEntry(new TextSpan(_file, start.Span.Start, Math.Max(start.Span.Start, end)), condition, items, elseIf, elseIf is null ? orElse : []);
    }

    /// <summary>if_entry_exec_block: one entry on the same line, or NEWLINE _INDENT entries _DEDENT.</summary>
    private ImmutableArray<ConfigItem> ParseConfigIfEntryBlock()
    {
        var items = ImmutableArray.CreateBuilder<ConfigItem>();
        var block = At(TokenKind.Newline);
        if (block)
        {
            SkipNewlines();
            BumpToken(TokenKind.Indent);
        }

        if (!block)
        {
            ParseConfigIfBodyItem(items, block);
        }
        else
        {
            while (ParseConfigIfBodyItem(items, block))
            {
                if (At(TokenKind.Comma))
                {
                    Bump();
                }

                SkipNewlines();
            }

            SkipNewlines();
        }

        return items.ToImmutable();
    }

    private bool ParseConfigIfBodyItem(ImmutableArray<ConfigItem>.Builder items, bool block)
    {
        var marker = Mark();
        if (block)
        {
            if (At(TokenKind.Dedent) && _token.DedentMismatch == 0)
            {
                Bump();
                return false;
            }
        }
        else if (At(TokenKind.Newline))
        {
            return false;
        }

        if (At(Keyword.Elif) || At(Keyword.Else) || At(TokenKind.EndOfFile) || At(TokenKind.RightBrace))
        {
            return false;
        }

        var start = _token;
        if (At(Keyword.If))
        {
            items.Add(ParseConfigIfEntry());
            return true;
        }

        ValidateDedent();
        if (At(TokenKind.Dedent) || At(TokenKind.Newline))
        {
            return false;
        }

        if (At(TokenKind.StarStar))
        {
            Bump();
            var unpacked = ParsePrimaryExpression();
            items.Add(new ConfigEntry(SpanFrom(start), null, ConfigOperation.Override, unpacked));
            return true;
        }

        var key = ParseExpression();
        var operation = ReadConfigOperation(bumpOnError: false);
        var value = ParseExpression();
        items.Add(new ConfigEntry(SpanFrom(start), key, operation, value));
        Drop(marker);
        return true;
    }

    /// <summary>comp_clause+</summary>
    private ImmutableArray<ComprehensionClause> ParseComprehensionClauses()
    {
        var clauses = ImmutableArray.CreateBuilder<ComprehensionClause>();
        while (At(Keyword.For))
        {
            clauses.Add(ParseComprehensionClause());
        }

        return clauses.ToImmutable();
    }

    /// <summary>comp_clause: FOR loop_variables [COMMA] IN simple_expr [NEWLINE] (IF expr)*</summary>
    private ComprehensionClause ParseComprehensionClause()
    {
        var start = _token;
        Bump();
        var targets = ImmutableArray.CreateBuilder<Identifier>();
        targets.Add(ParseLoopVariable());
        while (At(TokenKind.Comma))
        {
            Bump();
            if (At(Keyword.In))
            {
                break;
            }

            targets.Add(ParseLoopVariable());
        }

        if (targets.Count > 2)
        {
            var second = targets[1].Span;
            Report(ParseDiagnostics.TooManyLoopVariables(new TextSpan(_file, second.End, second.End), targets.Count));
        }

        if (!At(Keyword.In))
        {
            ReportExpected("in");
        }

        Bump();
        var iterable = ParseNestedSimpleExpression();
        SkipNewlines();
        CleanAllIndentations();
        var conditions = ImmutableArray.CreateBuilder<Expression>();
        while (At(Keyword.If))
        {
            Bump();
            conditions.Add(ParseExpression());
            SkipNewlines();
            CleanAllIndentations();
        }

        return new ComprehensionClause(SpanFrom(start), targets.ToImmutable(), iterable, conditions.ToImmutable());
    }

    private Identifier ParseLoopVariable()
    {
        var names = ParseDottedNames();
        if (names.Count > 1)
        {
            Report(ParseDiagnostics.LoopVariableNotIdentifier(names[0].Span));
        }

        return JoinNames(names);
    }

    /// <summary>schema_expr: identifier [LEFT_PARENTHESES [arguments] RIGHT_PARENTHESES] config_expr</summary>
    private SchemaExpression ParseSchemaExpression(Expression name, int start, ImmutableArray<Expression> arguments, ImmutableArray<KeywordArgument> keywords)
    {
        var config = ParseConfigExpression();
        if (config is not ConfigExpression configExpression)
        {
            Report(ParseDiagnostics.Syntax(config.Span, "a schema can not be instantiated with a dict comprehension"));
            configExpression = new ConfigExpression(config.Span, []);
        }

        return new SchemaExpression(SpanFrom(start), name, arguments, keywords, configExpression);
    }

    /// <summary>lambda_expr: LAMBDA [schema_arguments] [RIGHT_ARROW type] LEFT_BRACE [expr_stmt | NEWLINE _INDENT schema_init_stmt+ _DEDENT] RIGHT_BRACE</summary>
    private LambdaExpression ParseLambdaExpression()
    {
        var start = _token;
        BumpKeyword(Keyword.Lambda);
        var parameters = ImmutableArray<Parameter>.Empty;
        if (_token.Kind is not (TokenKind.Arrow or TokenKind.LeftParen or TokenKind.LeftBracket or TokenKind.LeftBrace))
        {
            parameters = ParseParameters(null, [TokenKind.Arrow, TokenKind.LeftBrace], bumpClose: false);
        }
        else if (At(TokenKind.LeftBrace) && BracedGroupIsFollowedByBody())
        {
            // `lambda {x: T} -> R {…}`: parameters written in braces.
            parameters = ParseParameters(TokenKind.LeftBrace, [TokenKind.RightBrace], bumpClose: true);
        }

        TypeNode? returnType = null;
        if (At(TokenKind.Arrow))
        {
            Bump();
            returnType = ParseType();
        }

        BumpToken(TokenKind.LeftBrace);
        var hasNewline = false;
        if (At(TokenKind.Newline))
        {
            hasNewline = true;
            SkipNewlines();
            CleanAllIndentations();
        }

        var body = ImmutableArray.CreateBuilder<Statement>();
        while (true)
        {
            var marker = Mark();
            CleanAllIndentations();
            if (_token.Kind is TokenKind.RightBrace or TokenKind.EndOfFile)
            {
                break;
            }

            var statement = ParseStatement();
            if (statement is not null)
            {
                body.Add(statement);
                SkipNewlines();
            }
            else
            {
                Bump();
            }

            Drop(marker);
        }

        if (hasNewline)
        {
            CleanAllDedents();
        }

        BumpToken(TokenKind.RightBrace);
        return new LambdaExpression(SpanFrom(start), parameters, returnType, body.ToImmutable());
    }

    /// <summary>Whether the brace group starting at the current token is followed by <c>-&gt;</c> or another <c>{</c>.</summary>
    private bool BracedGroupIsFollowedByBody()
    {
        var depth = 0;
        for (var i = _index; i < _tokens.Length; i++)
        {
            var kind = _tokens[i].Kind;
            if (kind is TokenKind.LeftBrace or TokenKind.LeftBracket or TokenKind.LeftParen)
            {
                depth++;
            }
            else if (kind is TokenKind.RightBrace or TokenKind.RightBracket or TokenKind.RightParen)
            {
                depth--;
                if (depth == 0)
                {
                    var next = i + 1 < _tokens.Length ? _tokens[i + 1].Kind : TokenKind.EndOfFile;
                    return next is TokenKind.Arrow or TokenKind.LeftBrace;
                }
            }
            else if (kind == TokenKind.EndOfFile)
            {
                break;
            }
        }

        return false;
    }
}
