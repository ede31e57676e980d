using System.Collections.Immutable;
using Konfig.Kcl.Syntax;

namespace Konfig.Kcl.Formatting;

/// <summary>Schemas, rules and their parts: decorators, parameters, attributes, index signatures, checks.</summary>
internal sealed partial class SyntaxPrinter
{
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
