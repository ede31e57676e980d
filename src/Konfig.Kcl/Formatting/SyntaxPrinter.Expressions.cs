using System.Collections.Immutable;
using Konfig.Kcl.Syntax;

namespace Konfig.Kcl.Formatting;

internal sealed partial class SyntaxPrinter
{
    /// <summary>Prints an expression; its lines feed the one-line decisions of the collections inside it.</summary>
    private void Expr(Expression expression)
    {
        _expressionEndLines.Push(EndLine(expression.Span));
        SeeLine(Line(expression));
        Walk(expression);
        _expressionEndLines.Pop();
    }

    private int CurrentExpressionEndLine => _expressionEndLines.Count > 0 ? _expressionEndLines.Peek() : 0;

    private void Walk(Expression expression)
    {
        switch (expression)
        {
            case NameExpression name:
                Write(LiteralText.Name(name.Span, name.Name));
                break;
            case SelectorExpression selector:
                Expr(selector.Value);
                Write(selector.IsOptional ? "?." : ".");
                Write(LiteralText.Name(selector.Attribute.Span, selector.Attribute.Name));
                break;
            case IndexExpression index:
                Expr(index.Value);
                Write(index.IsOptional ? "?[" : "[");
                Expr(index.Index);
                Write(']');
                break;
            case SliceExpression slice:
                Expr(slice.Value);
                Write(slice.IsOptional ? "?[" : "[");
                OptionalExpr(slice.Lower);
                Write(':');
                OptionalExpr(slice.Upper);
                Write(':');
                OptionalExpr(slice.Step);
                Write(']');
                break;
            case CallExpression call:
                Expr(call.Function);
                Write('(');
                Arguments(call.Arguments, call.Keywords);
                Write(')');
                break;
            case NumberLiteral number:
                Write(LiteralText.Number(number));
                break;
            case StringLiteral text:
                Write(LiteralText.String(text));
                break;
            case JoinedString joined:
                Write(LiteralText.JoinedString(joined));
                break;
            case ConstantLiteral constant:
                Write(LiteralText.Constant(constant.Kind));
                break;
            case ParenthesizedExpression parenthesized:
                Write('(');
                Expr(parenthesized.Inner);
                Write(')');
                break;
            case UnaryExpression unary:
                Write(OperatorText.Symbol(unary.Operator));
                Expr(unary.Operand);
                break;
            case BinaryExpression binary:
                Expr(binary.Left);
                Write(' ');
                Write(OperatorText.Symbol(binary.Operator));
                Write(' ');
                Expr(binary.Right);
                break;
            case CompareExpression compare:
                Expr(compare.Left);
                for (var i = 0; i < compare.Operators.Length; i++)
                {
                    Write(' ');
                    Write(OperatorText.Symbol(compare.Operators[i]));
                    Write(' ');
                    Expr(compare.Comparators[i]);
                }

                break;
            case AsExpression cast:
                Expr(cast.Value);
                Write(" as ");
                Write(TypeText.Of(cast.Type));
                break;
            case IfExpression conditional:
                Expr(conditional.Body);
                Write(" if ");
                Expr(conditional.Condition);
                Write(" else ");
                Expr(conditional.OrElse);
                break;
            case StarredExpression starred:
                Write('*');
                Expr(starred.Value);
                break;
            case ListExpression list:
                List(list);
                break;
            case ListIfItem item:
                ListIf(item);
                break;
            case ConfigExpression config:
                Config(config);
                break;
            case ListComprehension comprehension:
                Write('[');
                Expr(comprehension.Element);
                Clauses(comprehension.Clauses);
                Write(']');
                break;
            case DictComprehension comprehension:
                Write('{');
                Expr(comprehension.Key);
                Write(EntryOperator(comprehension.Operation));
                Expr(comprehension.Value);
                Clauses(comprehension.Clauses);
                Write('}');
                break;
            case QuantifierExpression quantifier:
                Quantifier(quantifier);
                break;
            case LambdaExpression lambda:
                Lambda(lambda);
                break;
            case SchemaExpression schema:
                SchemaInstance(schema);
                break;
            case FormattedValue formatted:
                // Only found inside a joined string, which prints as written; kept for callers printing a part.
                Write("${");
                Expr(formatted.Value);
                if (formatted.FormatSpec is not null)
                {
                    Write(": ");
                    Write(formatted.FormatSpec);
                }

                Write('}');
                break;
            case BadExpression:
                break;
        }
    }

    private void OptionalExpr(Expression? expression)
    {
        if (expression is not null)
        {
            Expr(expression);
        }
    }

    private void Arguments(ImmutableArray<Expression> arguments, ImmutableArray<KeywordArgument> keywords)
    {
        for (var i = 0; i < arguments.Length; i++)
        {
            if (i > 0)
            {
                Write(", ");
            }

            Expr(arguments[i]);
        }

        if (!arguments.IsEmpty && !keywords.IsEmpty)
        {
            Write(", ");
        }

        for (var i = 0; i < keywords.Length; i++)
        {
            if (i > 0)
            {
                Write(", ");
            }

            Write(LiteralText.Name(keywords[i].Name.Span, keywords[i].Name.Name));
            Write('=');
            Expr(keywords[i].Value);
        }
    }

    private void Clauses(ImmutableArray<ComprehensionClause> clauses)
    {
        foreach (var clause in clauses)
        {
            Write(" for ");
            Targets(clause.Targets);
            Write(" in ");
            Expr(clause.Iterable);
            foreach (var condition in clause.Conditions)
            {
                Write(" if ");
                Expr(condition);
            }
        }
    }

    private void Targets(ImmutableArray<Identifier> targets)
    {
        for (var i = 0; i < targets.Length; i++)
        {
            if (i > 0)
            {
                Write(", ");
            }

            Write(LiteralText.Name(targets[i].Span, targets[i].Name));
        }
    }

    private static string EntryOperator(ConfigOperation operation) => operation switch
    {
        ConfigOperation.Override => " = ",
        ConfigOperation.Insert => " += ",
        _ => ": ",
    };

    /// <summary><c>Name(args) {config}</c>; the name is printed without counting as a node.</summary>
    private void SchemaInstance(SchemaExpression schema)
    {
        PlainName(schema.Name);
        if (!schema.Arguments.IsEmpty || !schema.Keywords.IsEmpty)
        {
            Write('(');
            Arguments(schema.Arguments, schema.Keywords);
            Write(')');
        }

        Write(' ');
        Expr(schema.Config);
    }

    private void PlainName(Expression name)
    {
        switch (name)
        {
            case NameExpression simple:
                Write(LiteralText.Name(simple.Span, simple.Name));
                break;
            case SelectorExpression selector:
                PlainName(selector.Value);
                Write('.');
                Write(LiteralText.Name(selector.Attribute.Span, selector.Attribute.Name));
                break;
            default:
                Expr(name);
                break;
        }
    }

    private void Quantifier(QuantifierExpression quantifier)
    {
        // One line when the test starts on the line being printed (that of the quantifier).
        var oneLine = _lastLine > 0 && Line(quantifier.Test) == _lastLine;
        Write(quantifier.Kind switch
        {
            QuantifierKind.All => "all ",
            QuantifierKind.Any => "any ",
            QuantifierKind.Map => "map ",
            _ => "filter ",
        });
        Targets(quantifier.Targets);
        Write(" in ");
        Expr(quantifier.Iterable);
        Write(" {");
        if (!oneLine)
        {
            _indent++;
            NewLine();
        }

        Expr(quantifier.Test);
        if (quantifier.Condition is not null)
        {
            Write(" if ");
            Expr(quantifier.Condition);
        }

        if (!oneLine)
        {
            _indent--;
            NewLine();
        }

        Write('}');
    }
}
