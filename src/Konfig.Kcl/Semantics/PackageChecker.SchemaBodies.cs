using System.Collections.Immutable;
using Konfig.Kcl.Syntax;

namespace Konfig.Kcl.Semantics;

/// <summary>Checking schema and rule bodies: attributes with their defaults, statements and check blocks.</summary>
internal sealed partial class PackageChecker
{
    private void WalkSchema(SchemaStatement schema)
    {
        if (!_schemas.TryGetValue(schema, out var symbol))
        {
            return;
        }

        CheckUniqueSchemaName(schema.Name);
        var scope = new Scope(ScopeKind.Schema, PackageScope) { Schema = symbol };
        foreach (var parameter in symbol.Parameters)
        {
            scope.Set(new Symbol(parameter.Name, SymbolKind.Parameter, parameter.Type, parameter.Span));
        }

        // Parameters of base schemas receive the same arguments at run time; the checker lets the body see them.
        for (var ancestor = symbol.Base; ancestor is not null; ancestor = ancestor.Base)
        {
            foreach (var parameter in ancestor.Parameters)
            {
                if (!scope.Contains(parameter.Name))
                {
                    scope.Set(new Symbol(parameter.Name, SymbolKind.Variable, KclType.Any, parameter.Span));
                }
            }
        }

        if (symbol.IndexSignature is { KeyName: { } keyName } signature)
        {
            scope.Set(new Symbol(keyName, SymbolKind.Variable, signature.KeyType, schema.IndexSignature!.Span));
        }

        foreach (var name in LeftIdentifiers(schema.Body))
        {
            if (!scope.Contains(name.Name))
            {
                scope.Set(new Symbol(name.Name, SymbolKind.Variable, KclType.Any, name.Span));
            }
        }

        InScope(scope, () =>
        {
            foreach (var parameter in schema.Parameters)
            {
                if (parameter.Default is { } value)
                {
                    ExpressionWithoutContext(value);
                }
            }

            if (schema.IndexSignature?.Value is { } defaultValue)
            {
                ExpressionWithoutContext(defaultValue);
            }

            WalkStatements(schema.Body);
            WalkChecks(schema.Checks);
            return 0;
        });
    }

    private void WalkRule(RuleStatement rule)
    {
        if (!_schemas.TryGetValue(rule, out var symbol))
        {
            return;
        }

        CheckUniqueSchemaName(rule.Name);
        var scope = new Scope(ScopeKind.Schema, PackageScope) { Schema = symbol };
        foreach (var parameter in symbol.Parameters)
        {
            scope.Set(new Symbol(parameter.Name, SymbolKind.Parameter, parameter.Type, parameter.Span));
        }

        InScope(scope, () =>
        {
            WalkChecks(rule.Checks);
            return 0;
        });
    }

    private void WalkChecks(ImmutableArray<CheckCondition> checks)
    {
        foreach (var check in checks)
        {
            ExpressionWithoutContext(check.Test);
            if (check.Condition is { } condition)
            {
                ExpressionWithoutContext(condition);
            }

            if (check.Message is { } message)
            {
                ExpressionWithoutContext(message);
            }
        }
    }

    private void CheckUniqueSchemaName(Identifier name)
    {
        if (_walkedSchemaNames.TryGetValue(name.Name, out var first))
        {
            Report(SemanticDiagnostics.UniqueKeyWithDeclaration(name.Span, name.Name, first.Span));
            return;
        }

        _walkedSchemaNames[name.Name] = name;
    }

    private void WalkSchemaAttribute(SchemaAttribute attribute)
    {
        CheckDecorators(attribute.Decorators);
        var expected = CurrentSchema?.GetAttribute(attribute.Name.Name)?.Type ?? KclType.Any;
        if (attribute.Value is not { } value)
        {
            return;
        }

        var context = expected.IsSchema ? new ContextItem(KclType.SchemaOf(expected.Schema!, true), null) : null;

        // Defaults are evaluated only when the attribute is not given; older KCL did not resolve their
        // names, and models in the wild use that (`enabled?: bool = false`), so unknown names stay silent.
        _lenientNames++;
        KclType valueType;
        try
        {
            valueType = WithContext(context, () => Expression(value));
        }
        finally
        {
            _lenientNames--;
        }

        if (attribute.Operation == ConfigOperation.Union)
        {
            valueType = Binary(valueType, expected, BinaryOperator.BitOr, attribute.Name.Span);
        }

        if (attribute.Operation != ConfigOperation.Insert)
        {
            MustBeAssignable(valueType, expected, attribute.Name.Span, null);
        }
    }
}
