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

    private void Decorators(ImmutableArray<Decorator> decorators)
    {
        for (var i = 0; i < decorators.Length; i++)
        {
            if (i > 0)
            {
                NewLine();
            }

            CommentsBefore(Line(decorators[i]));
            Write('@');
            Write(decorators[i].Name.Name);
            Write('(');
            Arguments(decorators[i].Arguments, decorators[i].Keywords);
            Write(')');
        }

        if (!decorators.IsEmpty)
        {
            NewLine();
        }
    }

    private void Schema(SchemaStatement schema)
    {
        Decorators(schema.Decorators);
        Write(schema.IsMixin ? "mixin " : schema.IsProtocol ? "protocol " : "schema ");
        Write(LiteralText.Name(schema.Name.Span, schema.Name.Name));
        if (!schema.Parameters.IsEmpty)
        {
            Write('[');
            Parameters(schema.Parameters);
            Write(']');
        }

        if (schema.Parent is not null)
        {
            Write('(');
            Expr(schema.Parent);
            Write(')');
        }

        ForHost(schema.ForHost);
        Write(':');
        NewLineWithoutFill();
        _indent++;
        if (schema.Docstring is not null && _tokens?.BlockDocstring(schema.Name.Span.Start) is { } doc)
        {
            Fill();
            Write(doc);
            NewLineWithoutFill();
        }

        if (!schema.Mixins.IsEmpty)
        {
            Fill();
            Write("mixin [");
            _indent++;
            NewLine();
            for (var i = 0; i < schema.Mixins.Length; i++)
            {
                if (i > 0)
                {
                    Write(',');
                    NewLine();
                }

                CommentsBefore(Line(schema.Mixins[i]));
                Expr(schema.Mixins[i]);
            }

            _indent--;
            NewLine();
            Write(']');
            NewLineWithoutFill();
        }

        if (schema.IndexSignature is { } signature)
        {
            Fill();
            CommentsBefore(Line(signature));
            IndexSignature(signature);
            NewLineWithoutFill();
        }

        Statements(schema.Body);
        NewLineWithoutFill();
        if (!schema.Checks.IsEmpty)
        {
            Fill();
            Write("check:");
            _indent++;
            NewLine();
            Checks(schema.Checks);
            NewLineWithoutFill();
            _indent--;
            NewLineWithoutFill();
        }

        _indent--;
    }

    private void IndexSignature(SchemaIndexSignature signature)
    {
        Write('[');
        if (signature.AnyOther)
        {
            Write("...");
        }

        if (signature.KeyName is not null)
        {
            Write(LiteralText.Name(signature.KeyName.Span, signature.KeyName.Name));
            Write(": ");
        }

        Write(TypeText.Of(signature.KeyType));
        Write("]: ");
        Write(TypeText.Of(signature.ValueType));
        if (signature.Value is not null)
        {
            Write(" = ");
            Expr(signature.Value);
        }
    }

    private void Checks(ImmutableArray<CheckCondition> checks)
    {
        for (var i = 0; i < checks.Length; i++)
        {
            if (i > 0)
            {
                NewLine();
            }

            CommentsBefore(Line(checks[i]));
            Expr(checks[i].Test);
            Condition(checks[i].Condition, checks[i].Message);
        }
    }

    private void ForHost(Expression? host)
    {
        if (host is not null)
        {
            Write(" for ");
            Expr(host);
        }
    }

    private void Rule(RuleStatement rule)
    {
        Decorators(rule.Decorators);
        Write("rule ");
        Write(LiteralText.Name(rule.Name.Span, rule.Name.Name));
        if (!rule.Parameters.IsEmpty)
        {
            Write('[');
            Parameters(rule.Parameters);
            Write(']');
        }

        if (!rule.Parents.IsEmpty)
        {
            Write('(');
            for (var i = 0; i < rule.Parents.Length; i++)
            {
                if (i > 0)
                {
                    Write(", ");
                }

                Expr(rule.Parents[i]);
            }

            Write(')');
        }

        ForHost(rule.ForHost);
        Write(':');
        _indent++;
        NewLine();
        if (rule.Docstring is not null && _tokens?.BlockDocstring(rule.Name.Span.Start) is { } doc)
        {
            Write(doc);
            NewLine();
        }

        if (!rule.Checks.IsEmpty)
        {
            Checks(rule.Checks);
            NewLineWithoutFill();
        }

        _indent--;
    }

    private void Attribute(SchemaAttribute attribute)
    {
        Decorators(attribute.Decorators);
        Write(AttributeName(attribute.Name));
        if (attribute.IsOptional)
        {
            Write('?');
        }

        Write(": ");
        Write(TypeText.Of(attribute.Type));
        if (attribute.Value is not null)
        {
            Write(' ');
            Write(AttributeOperator(attribute));
            Write(' ');
            Expr(attribute.Value);
        }
    }

    /// <summary>A name written as a string stays quoted; other names are written as they are.</summary>
    private static string AttributeName(Identifier name)
    {
        var quoted = name.Span.File is { } file && name.Span.Length > 0 && file.Text[name.Span.Start] is '"' or '\'';
        return quoted || !LiteralText.IsIdentifierPath(name.Name) ? LiteralText.DebugQuote(name.Name) : LiteralText.Name(name.Span, name.Name);
    }

    private string AttributeOperator(SchemaAttribute attribute)
    {
        // The tree folds the augmented operators; the token between the type and the value says which was written.
        if (_tokens?.FirstSignificantAtOrAfter(attribute.Type.Span.End) is { } token && token.Span.End <= attribute.Value!.Span.Start && token.Text.EndsWith('='))
        {
            return token.Text;
        }

        return attribute.Operation switch
        {
            ConfigOperation.Union => "|=",
            ConfigOperation.Insert => "+=",
            _ => "=",
        };
    }

    private void Parameters(ImmutableArray<Parameter> parameters)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            if (i > 0)
            {
                Write(", ");
            }

            Parameter(parameters[i]);
        }
    }

    private void Parameter(Parameter parameter)
    {
        Write(LiteralText.Name(parameter.Name.Span, parameter.Name.Name));
        if (parameter.Type is not null)
        {
            Write(": ");
            Write(TypeText.Of(parameter.Type));
        }

        if (parameter.Default is not null)
        {
            Write(" = ");
            Expr(parameter.Default);
        }
    }
}
