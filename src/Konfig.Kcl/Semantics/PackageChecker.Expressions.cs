using System.Collections.Immutable;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Semantics;

internal sealed partial class PackageChecker
{
    private KclType ExpressionWithoutContext(Expression expression) => WithContext(null, () => Expression(expression));

    /// <summary>
    /// The type of an expression. Config literals, lists, parentheses, binary and conditional expressions
    /// see the config context of their position; everything else is checked without one.
    /// </summary>
    private KclType Expression(Expression expression)
    {
        switch (expression)
        {
            case NumberLiteral number:
                if (number.Suffix is { } suffix)
                {
                    return KclType.NumberMultiplierLiteral(number.IsFloat ? (long)number.FloatValue : number.IntValue, suffix);
                }

                return number.IsFloat ? KclType.FloatLiteral(number.FloatValue) : KclType.IntLiteral(number.IntValue);
            case StringLiteral text:
                return KclType.StrLiteral(text.Value);
            case JoinedString joined:
                foreach (var part in joined.Parts)
                {
                    ExpressionWithoutContext(part);
                }

                return KclType.Str;
            case FormattedValue formatted:
                return ExpressionWithoutContext(formatted.Value);
            case ConstantLiteral constant:
                return constant.Kind switch
                {
                    LiteralKind.True => KclType.BoolLiteral(true),
                    LiteralKind.False => KclType.BoolLiteral(false),
                    _ => KclType.None,
                };
            case NameExpression name:
                return LookupName(name.Name, name.Span);
            case SelectorExpression selector:
                return LoadAttribute(ExpressionWithoutContext(selector.Value), selector.Attribute.Name, selector.Span);
            case IndexExpression index:
                return Subscript(index);
            case SliceExpression slice:
                {
                    var value = ExpressionWithoutContext(slice.Value);
                    foreach (var bound in new[] { slice.Lower, slice.Upper, slice.Step })
                    {
                        if (bound is not null)
                        {
                            ExpressionWithoutContext(bound);
                        }
                    }

                    return value.IsList ? value : value.IsStrLike ? KclType.Str : KclType.Any;
                }

            case CallExpression call:
                return Call(call);
            case ParenthesizedExpression paren:
                return Expression(paren.Inner);
            case UnaryExpression unary:
                return Unary(ExpressionWithoutContext(unary.Operand), unary.Operator);
            case BinaryExpression binary:
                {
                    var left = Expression(binary.Left);
                    var right = Expression(binary.Right);
                    return Binary(left, right, binary.Operator, binary.Left.Span);
                }

            case CompareExpression compare:
                return Compare(compare);
            case AsExpression cast:
                {
                    var value = ExpressionWithoutContext(cast.Value);
                    var target = ResolveType(cast.Type);
                    return Convert(value, target, cast.Value.Span);
                }

            case IfExpression conditional:
                {
                    ExpressionWithoutContext(conditional.Condition);
                    var body = Expression(conditional.Body);
                    var orElse = Expression(conditional.OrElse);
                    return TypeRelations.Sup([body, orElse]);
                }

            case StarredExpression starred:
                return Starred(ExpressionWithoutContext(starred.Value));
            case ListExpression list:
                return ListLiteral(list);
            case ListIfItem item:
                return ListIfItemType(item);
            case ConfigExpression config:
                return Config(config.Items);
            case ListComprehension comprehension:
                return InScope(new Scope(ScopeKind.Loop, _scope), () =>
                {
                    WithContext(null, () => Clauses(comprehension.Clauses));
                    return KclType.List(ExpressionWithoutContext(comprehension.Element));
                });
            case DictComprehension comprehension:
                return InScope(new Scope(ScopeKind.Loop, _scope), () =>
                {
                    WithContext(null, () => Clauses(comprehension.Clauses));
                    var key = ExpressionWithoutContext(comprehension.Key);
                    var value = ExpressionWithoutContext(comprehension.Value);
                    return KclType.Dict(key, value);
                });
            case QuantifierExpression quantifier:
                return Quantifier(quantifier);
            case LambdaExpression lambda:
                return Lambda(lambda);
            case SchemaExpression schema:
                return SchemaInstance(schema);
            default:
                return KclType.Any;
        }
    }

    private KclType ListLiteral(ListExpression list)
    {
        // Items of a list literal are checked against the item type of an expected list.
        var top = ContextTop;
        var itemContext = top is { Type.IsList: true } ? new ContextItem(top.Type.Item!, top.Span) : null;
        var types = new List<KclType>();
        foreach (var item in list.Items)
        {
            types.Add(WithContext(itemContext, () => Expression(item)));
        }

        return KclType.List(TypeRelations.Sup(types));
    }

    private KclType ListIfItemType(ListIfItem item)
    {
        ExpressionWithoutContext(item.Condition);
        var types = new List<KclType>();
        foreach (var element in item.Items)
        {
            types.Add(Expression(element));
        }

        if (item.ElseIf is { } elseIf)
        {
            types.Add(ListIfItemType(elseIf));
        }

        foreach (var element in item.Else)
        {
            types.Add(Expression(element));
        }

        return TypeRelations.Sup(types);
    }

    private static KclType Starred(KclType value) => value.Kind switch
    {
        TypeKind.List => value.Item!,
        TypeKind.Dict => value.Key!,
        TypeKind.Schema => KclType.Str,
        _ => KclType.Any,
    };

    private KclType Subscript(IndexExpression index)
    {
        var value = ExpressionWithoutContext(index.Value);
        var key = ExpressionWithoutContext(index.Index);
        switch (value.Kind)
        {
            case TypeKind.List:
                return value.Item!;
            case TypeKind.Str or TypeKind.StrLit:
                return KclType.Str;
            case TypeKind.Dict:
                if (index.Index is StringLiteral literal && value.Attributes.FirstOrDefault(a => a.Name == literal.Value) is { } attribute)
                {
                    return attribute.Type;
                }

                return key.IsAny || key.IsNone || key.IsKey ? value.Value! : KclType.Any;
            case TypeKind.Schema:
                if (index.Index is StringLiteral name && value.Schema!.GetAttribute(name.Value) is { } schemaAttribute)
                {
                    return schemaAttribute.Type;
                }

                return KclType.Any;
            default:
                return KclType.Any;
        }
    }

    /// <summary><c>for a, b in iterable if cond</c> clauses: declares the loop variables in the current scope.</summary>
    private int Clauses(ImmutableArray<ComprehensionClause> clauses)
    {
        foreach (var clause in clauses)
        {
            var iterable = Expression(clause.Iterable);
            DeclareLoopTargets(clause.Targets, iterable);
            foreach (var condition in clause.Conditions)
            {
                Expression(condition);
            }
        }

        return 0;
    }

    private void DeclareLoopTargets(ImmutableArray<Identifier> targets, KclType iterable)
    {
        var (first, second) = iterable.Kind switch
        {
            TypeKind.List => targets.Length == 1 ? (iterable.Item!, KclType.Any) : (KclType.Int, iterable.Item!),
            TypeKind.Dict => (iterable.Key!, iterable.Value!),
            TypeKind.Schema => (KclType.Str, KclType.Any),
            TypeKind.Str or TypeKind.StrLit => targets.Length == 1 ? (KclType.Str, KclType.Any) : (KclType.Int, KclType.Str),
            _ => (KclType.Any, KclType.Any),
        };
        for (var i = 0; i < targets.Length; i++)
        {
            var type = i == 0 ? first : i == 1 ? second : KclType.Any;
            _scope.Set(new Symbol(targets[i].Name, SymbolKind.Variable, TypeRelations.ToVariableType(type), targets[i].Span));
        }
    }

    private KclType Quantifier(QuantifierExpression quantifier)
    {
        var iterable = ExpressionWithoutContext(quantifier.Iterable);
        return InScope(new Scope(ScopeKind.Loop, _scope), () =>
        {
            DeclareLoopTargets(quantifier.Targets, iterable);
            if (quantifier.Condition is { } condition)
            {
                ExpressionWithoutContext(condition);
            }

            var test = ExpressionWithoutContext(quantifier.Test);
            return quantifier.Kind switch
            {
                QuantifierKind.All or QuantifierKind.Any => KclType.Bool,
                QuantifierKind.Map => KclType.List(test),
                _ => iterable.IsAny ? KclType.Any : iterable,
            };
        });
    }

    private KclType Lambda(LambdaExpression lambda)
    {
        foreach (var parameter in lambda.Parameters)
        {
            if (parameter.Default is { } value)
            {
                ExpressionWithoutContext(value);
            }
        }

        var signature = LambdaSignature(lambda, report: true);
        var scope = new Scope(ScopeKind.Lambda, _scope);
        foreach (var parameter in signature.Parameters)
        {
            scope.Set(new Symbol(parameter.Name, SymbolKind.Parameter, parameter.Type, parameter.Span));
        }

        InScope(scope, () =>
        {
            for (var i = 0; i < lambda.Body.Length; i++)
            {
                var statement = lambda.Body[i];
                var context = i == lambda.Body.Length - 1 && statement is ExpressionStatement && signature.Return.IsSchema
                    ? new ContextItem(KclType.SchemaOf(signature.Return.Schema!, true), null)
                    : null;
                WithContext(context, () => WalkStatement(statement));
            }

            return 0;
        });
        return KclType.FunctionOf(signature);
    }

    /// <summary><c>Name {…}</c> / <c>Name(args) {…}</c>: the config is checked against the schema.</summary>
    private KclType SchemaInstance(SchemaExpression expression)
    {
        var type = WithContext(null, () => SchemaNameType(expression.Name));
        if (!type.IsSchema)
        {
            WithContext(null, () => Config(expression.Config.Items));
            foreach (var argument in expression.Arguments)
            {
                ExpressionWithoutContext(argument);
            }

            foreach (var keyword in expression.Keywords)
            {
                ExpressionWithoutContext(keyword.Value);
            }

            return KclType.Any;
        }

        var instance = KclType.SchemaOf(type.Schema!, isInstance: true);
        WithContext(new ContextItem(instance, null), () => Config(expression.Config.Items));
        if (!type.IsInstance)
        {
            CheckArguments(expression.Name, expression.Arguments, expression.Keywords, type.Schema!.Parameters, isSchema: true, expression.Name.Span);
        }

        return instance;
    }

    private KclType SchemaNameType(Expression name) => name switch
    {
        NameExpression simple => LookupName(simple.Name, simple.Span),
        SelectorExpression selector => LoadAttribute(SchemaNameType(selector.Value), selector.Attribute.Name, selector.Span),
        _ => Expression(name),
    };

    /// <summary>The reference's load_attr: members of schemas, modules and dicts; other types give any.</summary>
    private KclType LoadAttribute(KclType owner, string attribute, TextSpan span)
    {
        switch (owner.Kind)
        {
            case TypeKind.Module:
                if (LoadModuleMember(owner, attribute) is { } member)
                {
                    return member;
                }

                Report(SemanticDiagnostics.AttributeNotFound(span, attribute, owner, []));
                return KclType.Any;
            case TypeKind.Schema:
                {
                    var schema = owner.Schema!;
                    if (schema.GetAttribute(attribute) is { } found)
                    {
                        return found.Type;
                    }

                    if (!owner.IsInstance && attribute == "instances")
                    {
                        return KclType.FunctionOf(new FunctionSignature([], KclType.List(KclType.Any), IsVariadic: true));
                    }

                    if (schema.AcceptsUnknownAttributes())
                    {
                        return schema.GetIndexSignature()?.ValueType ?? KclType.Any;
                    }

                    IEnumerable<string> candidates = owner.IsInstance ? schema.AttributeOrder : ["instances"];
                    Report(SemanticDiagnostics.AttributeNotFound(span, attribute, owner, Suggestions.For(attribute, candidates)));
                    return KclType.Any;
                }

            case TypeKind.Dict:
                return owner.Attributes.FirstOrDefault(a => a.Name == attribute)?.Type ?? owner.Value!;
            case TypeKind.Str or TypeKind.StrLit:
                return KclType.FunctionOf(new FunctionSignature([], KclType.Any, IsVariadic: true));
            default:
                return KclType.Any;
        }
    }
}
