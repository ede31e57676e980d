using System.Collections.Immutable;
using Konfig.Kcl.Syntax;

namespace Konfig.Kcl.Formatting;

internal sealed partial class SyntaxPrinter
{
    /// <summary>
    /// A statement list. One blank line follows the imports; a blank line (or more) in the source between two
    /// statements becomes one. Every statement ends with its own line break.
    /// </summary>
    private void Statements(ImmutableArray<Statement> statements)
    {
        Statement? previous = null;
        foreach (var statement in statements)
        {
            if (previous is not null && (AfterImports(previous, statement) || KeepsBlankLine(previous, statement)))
            {
                NewLineWithoutFill();
            }

            Fill();
            CommentsBefore(Line(statement));
            Statement(statement);
            previous = statement;
        }
    }

    private static bool AfterImports(Statement previous, Statement statement) =>
        previous is ImportStatement && statement is not ImportStatement;

    private bool KeepsBlankLine(Statement previous, Statement statement)
    {
        // A block (schema, rule, if) ends where the next statement starts, as the reference parser places the
        // dedent there: a blank line after a block is never "kept" (blocks print their own).
        if (previous is SchemaStatement or RuleStatement or IfStatement)
        {
            return false;
        }

        var line = Line(statement);
        var previousEnd = EndLine(previous.Span);
        if (line > previousEnd + 2)
        {
            return true;
        }

        // Exactly one blank line, unless comments fill the gap (they are printed there instead).
        if (line == previousEnd + 2 && line > 0 && !HasCommentsBefore(line))
        {
            return true;
        }

        // Not in the reference: two or more comments to print here means that, once a trailing comment has moved
        // onto its own line, the next run would see a gap and add the blank line; add it now so a second run
        // changes nothing.
        return CommentCountBefore(line) >= 2;
    }

    private void Statement(Statement statement)
    {
        switch (statement)
        {
            case ExpressionStatement expression:
                for (var i = 0; i < expression.Expressions.Length; i++)
                {
                    if (i > 0)
                    {
                        Write(", ");
                    }

                    Expr(expression.Expressions[i]);
                }

                break;
            case AssignStatement assign:
                for (var i = 0; i < assign.Targets.Length; i++)
                {
                    Expr(assign.Targets[i]);
                    if (i == 0 && assign.Type is not null)
                    {
                        Write(": ");
                        Write(TypeText.Of(assign.Type));
                    }

                    Write(" = ");
                }

                Expr(assign.Value);
                break;
            case AugmentedAssignStatement augmented:
                Expr(augmented.Target);
                Write(' ');
                Write(OperatorText.Symbol(augmented.Operator));
                Write("= ");
                Expr(augmented.Value);
                break;
            case UnificationStatement unification:
                Expr(unification.Target);
                Write(": ");
                SchemaInstance(unification.Value);
                break;
            case TypeAliasStatement alias:
                Write("type ");
                Write(LiteralText.Name(alias.Name.Span, alias.Name.Name));
                Write(" = ");
                Write(TypeText.Of(alias.Type));
                break;
            case AssertStatement assert:
                Write("assert ");
                Expr(assert.Test);
                Condition(assert.Condition, assert.Message);
                break;
            case ImportStatement import:
                Write("import ");
                Write(import.Path);
                if (import.Alias is not null)
                {
                    Write(" as ");
                    Write(LiteralText.Name(import.Alias.Span, import.Alias.Name));
                }

                break;
            case IfStatement ifStatement:
                If(ifStatement);
                return;
            case SchemaStatement schema:
                Schema(schema);
                return;
            case RuleStatement rule:
                Rule(rule);
                return;
            case SchemaAttribute attribute:
                Attribute(attribute);
                break;
        }

        NewLineWithoutFill();
    }

    /// <summary>The <c> if condition, message</c> tail of an assert or a check.</summary>
    private void Condition(Expression? condition, Expression? message)
    {
        if (condition is not null)
        {
            Write(" if ");
            Expr(condition);
        }

        if (message is not null)
        {
            Write(", ");
            Expr(message);
        }
    }

    private void If(IfStatement statement)
    {
        Write("if ");
        Expr(statement.Condition);
        Write(':');
        NewLineWithoutFill();
        _indent++;
        Statements(statement.Body);
        _indent--;
        if (statement.Else.IsEmpty)
        {
            // The reference leaves a blank line after an if without else.
            NewLineWithoutFill();
        }
        else if (statement.Else is [IfStatement elif])
        {
            Fill();
            Write("el");
            If(elif);
        }
        else
        {
            Fill();
            Write("else:");
            NewLineWithoutFill();
            _indent++;
            Statements(statement.Else);
            _indent--;
        }
    }
}
