using System.Collections.Immutable;
using Konfig.Kcl.Syntax;

namespace Konfig.Kcl.Semantics;

internal sealed partial class PackageChecker
{
    /// <summary>Checks statements in order; the result is the type of the last one (a lambda's value).</summary>
    private KclType WalkStatements(ImmutableArray<Statement> statements)
    {
        var last = KclType.Any;
        foreach (var statement in statements)
        {
            last = WalkStatement(statement);
        }

        return last;
    }

    private KclType WalkStatement(Statement statement)
    {
        switch (statement)
        {
            case ExpressionStatement expression:
                var type = KclType.Any;
                foreach (var item in expression.Expressions)
                {
                    type = Expression(item);
                }

                return type;
            case AssignStatement assign:
                return WalkAssign(assign);
            case AugmentedAssignStatement augmented:
                return WalkAugmentedAssign(augmented);
            case UnificationStatement unification:
                return WalkUnification(unification);
            case IfStatement branch:
                ExpressionWithoutContext(branch.Condition);
                WalkStatements(branch.Body);
                WalkStatements(branch.Else);
                return KclType.Any;
            case AssertStatement assert:
                ExpressionWithoutContext(assert.Test);
                if (assert.Condition is { } condition)
                {
                    ExpressionWithoutContext(condition);
                }

                if (assert.Message is { } message)
                {
                    ExpressionWithoutContext(message);
                }

                return KclType.Any;
            case SchemaStatement schema:
                WalkSchema(schema);
                return KclType.Any;
            case RuleStatement rule:
                WalkRule(rule);
                return KclType.Any;
            case SchemaAttribute attribute:
                WalkSchemaAttribute(attribute);
                return KclType.Any;
            default:
                return KclType.Any;
        }
    }

    /// <summary>The scope an assignment declares into: the nearest package, schema or lambda scope.</summary>
    private Scope DeclaringScope()
    {
        for (var scope = _scope; scope is not null; scope = scope.Parent)
        {
            if (scope.Kind is ScopeKind.Package or ScopeKind.Schema or ScopeKind.Lambda)
            {
                return scope;
            }
        }

        return PackageScope;
    }

    /// <summary>The symbol an assignment to <paramref name="name"/> stores into, and the type it expects.</summary>
    private (Symbol? Symbol, KclType Expected) AssignTarget(NameExpression name)
    {
        var scope = DeclaringScope();
        if (scope.Kind == ScopeKind.Schema && scope.Schema?.GetAttribute(name.Name) is { } attribute)
        {
            return (scope.GetLocal(name.Name), attribute.Type);
        }

        var symbol = scope.GetLocal(name.Name);
        if (symbol is null)
        {
            symbol = new Symbol(name.Name, SymbolKind.Variable, KclType.Any, name.Span);
            scope.Set(symbol);
        }

        return (symbol, symbol.Type);
    }

    private KclType WalkAssign(AssignStatement assign)
    {
        KclType? valueType = null;
        foreach (var target in assign.Targets)
        {
            if (target is not NameExpression name)
            {
                ExpressionWithoutContext(target);
                valueType ??= ExpressionWithoutContext(assign.Value);
                continue;
            }

            var (symbol, expected) = AssignTarget(name);
            if (valueType is null)
            {
                ContextItem? context = null;
                if (expected.IsSchema)
                {
                    context = new ContextItem(KclType.SchemaOf(expected.Schema!, true), name.Span);
                }
                else if (assign.Type is not null && (expected.IsDict || expected.IsList))
                {
                    context = new ContextItem(expected, name.Span);
                }

                valueType = WithContext(context, () => Expression(assign.Value));
            }

            if (assign.Type is not null && symbol is not null && !expected.IsAny && DeclaringScope().Kind == ScopeKind.Package)
            {
                var annotation = ResolveTypeQuietly(assign.Type);
                if (!annotation.IsAny && !TypeRelations.IsUpperBound(annotation, expected))
                {
                    Report(SemanticDiagnostics.CannotChangeType(name.Span, name.Name, annotation, symbol.Span, expected));
                }
            }

            MustBeAssignable(valueType, expected, name.Span, null);
            if (symbol is not null && !valueType.IsAny && expected.IsAny && assign.Type is null && symbol.Kind == SymbolKind.Variable)
            {
                symbol.Type = TypeRelations.ToVariableType(valueType);
            }
            else if (symbol is not null && expected.IsDict && !expected.Attributes.IsDefaultOrEmpty)
            {
                // Reassigned: the keys of the first value no longer describe it.
                symbol.Type = KclType.Dict(expected.Key!, expected.Value!);
            }
        }

        return valueType ?? KclType.Any;
    }

    private KclType WalkAugmentedAssign(AugmentedAssignStatement augmented)
    {
        var left = ExpressionWithoutContext(augmented.Target);
        var right = ExpressionWithoutContext(augmented.Value);
        var result = Binary(left, right, augmented.Operator, augmented.Target.Span);
        if (augmented.Target is NameExpression name)
        {
            var (_, expected) = AssignTarget(name);
            MustBeAssignable(result, expected, name.Span, null);
        }

        return result;
    }

    private KclType WalkUnification(UnificationStatement unification)
    {
        var (symbol, expected) = AssignTarget(unification.Target);
        var type = Expression(unification.Value);
        MustBeAssignable(type, expected, unification.Target.Span, null);
        if (symbol is not null && expected.IsAny && !type.IsAny)
        {
            symbol.Type = type;
        }

        return expected;
    }
}
