using System.Collections.Immutable;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Semantics;

internal sealed partial class PackageChecker
{
    /// <summary>A config entry key that names attributes: <c>a</c>, <c>a.b.c</c>, <c>"a"</c> or <c>a[0]</c>.</summary>
    private sealed record KeyPath(ImmutableArray<Identifier> Names, bool HasIndex);

    /// <summary>
    /// Checks config entries against the context on top of the stack (a schema, dict or list type) and
    /// returns the dict type of the literal, with its keys as attributes.
    /// </summary>
    private KclType Config(ImmutableArray<ConfigItem> items)
    {
        // Keys of a config are names inside it once defined (`{name = "a", full = name + "b"}`).
        var scope = new Scope(ScopeKind.Config, _scope);
        return InScope(scope, () => ConfigItems(items));
    }

    private static void DeclareConfigKeys(Scope scope, ImmutableArray<ConfigItem> items)
    {
        foreach (var item in items)
        {
            switch (item)
            {
                case ConfigEntry { Key: { } key } when KeyRoot(key) is { } root:
                    scope.Set(new Symbol(root.Name, SymbolKind.Variable, KclType.Any, root.Span));
                    break;
                case ConfigEntry { Key: StringLiteral text }:
                    scope.Set(new Symbol(text.Value, SymbolKind.Variable, KclType.Any, text.Span));
                    break;
                case ConfigIfEntry conditional:
                    DeclareConfigKeys(scope, conditional.Items);
                    DeclareConfigKeys(scope, conditional.Else);
                    if (conditional.ElseIf is { } elseIf)
                    {
                        DeclareConfigKeys(scope, [elseIf]);
                    }

                    break;
            }
        }
    }

    private static NameExpression? KeyRoot(Expression key) => key switch
    {
        NameExpression name => name,
        SelectorExpression selector => KeyRoot(selector.Value),
        _ => null,
    };

    private KclType ConfigItems(ImmutableArray<ConfigItem> items)
    {
        var keys = new List<KclType>();
        var values = new List<KclType>();
        var attributes = new List<DictAttribute>();
        foreach (var item in items)
        {
            switch (item)
            {
                case ConfigEntry { Key: null } unpack:
                    Unpack(unpack, keys, values, attributes);
                    break;
                case ConfigEntry entry:
                    Entry(entry, keys, values, attributes);
                    DeclareConfigKeys(_scope, [entry]);
                    break;
                case ConfigIfEntry conditional:
                    {
                        var type = ConfigIf(conditional);
                        DeclareConfigKeys(_scope, [conditional]);
                        if (type.IsDict)
                        {
                            keys.Add(type.Key!);
                            values.Add(type.Value!);
                            attributes.AddRange(type.Attributes);
                            if (ContextTop is { } top)
                            {
                                CheckAttributesAgainst(type, top, conditional.Span);
                            }
                        }

                        break;
                    }
            }
        }

        return KclType.Dict(TypeRelations.Sup(keys), TypeRelations.Sup(values), [.. attributes]);
    }

    private KclType ConfigIf(ConfigIfEntry conditional)
    {
        ExpressionWithoutContext(conditional.Condition);
        var body = Config(conditional.Items);
        var types = new List<KclType> { body };
        if (conditional.ElseIf is { } elseIf)
        {
            types.Add(ConfigIf(elseIf));
        }
        else if (!conditional.Else.IsDefaultOrEmpty)
        {
            types.Add(Config(conditional.Else));
        }

        if (types.Count == 1)
        {
            return body;
        }

        var attributes = types.SelectMany(t => t.IsDict ? t.Attributes : []).ToImmutableArray();
        return KclType.Dict(
            TypeRelations.Sup(types.Select(t => t.IsDict ? t.Key! : KclType.Any)),
            TypeRelations.Sup(types.Select(t => t.IsDict ? t.Value! : KclType.Any)),
            attributes);
    }

    private void Unpack(ConfigEntry unpack, List<KclType> keys, List<KclType> values, List<DictAttribute> attributes)
    {
        var type = ExpressionWithoutContext(unpack.Value);
        switch (type.Kind)
        {
            case TypeKind.Dict:
                keys.Add(type.Key!);
                values.Add(type.Value!);
                attributes.AddRange(type.Attributes);
                if (ContextTop is { } top)
                {
                    CheckAttributesAgainst(type, top, unpack.Value.Span);
                }

                break;
            case TypeKind.Schema:
                keys.Add(KclType.Str);
                values.Add(type.Schema!.GetIndexSignature()?.ValueType ?? KclType.Any);
                break;
            default:
                values.Add(KclType.Any);
                break;
        }
    }

    private void Entry(ConfigEntry entry, List<KclType> keys, List<KclType> values, List<DictAttribute> attributes)
    {
        var path = KeyPathOf(entry.Key!);
        if (path is null)
        {
            // An expression key: `"${name}": v`, `a[b]: v`, `1: v`. The reference keeps the context for the
            // value of such keys; the checker does so only for the invalid number keys, where it is harmless.
            var keyType = ExpressionWithoutContext(entry.Key!);
            var valueType = entry.Key is NumberLiteral ? Expression(entry.Value) : ExpressionWithoutContext(entry.Value);
            CheckAttributeKey(keyType, entry.Key!.Span);
            keys.Add(keyType);
            values.Add(valueType);
            return;
        }

        var names = path.Names;
        KclType? firstKey = null;
        if (names.Length == 1 && !path.HasIndex && entry.Key is NameExpression keyName && LoopVariable(keyName.Name) is { } loopVariable)
        {
            // `{k: v for k in …}`-style keys are variables, not attribute names.
            firstKey = loopVariable.Type;
            CheckAttributeKey(firstKey, keyName.Span);
        }

        // Push one context per name, checking each name against the schema it is added to.
        var levels = new List<ContextItem?>();
        foreach (var name in names)
        {
            var top = levels.Count == 0 ? ContextTop : levels[^1];
            if (top is not null)
            {
                CheckConfigAttribute(name, top);
            }

            levels.Add(top is null ? null : FindAttributeContext(top, name.Name));
        }

        foreach (var level in levels)
        {
            _context.Add(level);
        }

        KclType value;
        try
        {
            value = Expression(entry.Value);
        }
        finally
        {
            _context.RemoveRange(_context.Count - levels.Count, levels.Count);
        }

        var wrapped = path.HasIndex && entry.Operation != ConfigOperation.Insert ? KclType.List(value) : value;
        {
            // The value is checked at the deepest name that has an expectation, wrapped in one dict per
            // name below it (`a.b: 1` checks `{str(b):int(1)}` against the type of `a`).
            for (var i = names.Length - 1; i >= 0; i--)
            {
                if (levels[i] is not { } expectation)
                {
                    continue;
                }

                var checkedType = wrapped;
                for (var j = names.Length - 1; j > i; j--)
                {
                    checkedType = KclType.Dict(KclType.StrLiteral(names[j].Name), checkedType);
                }

                MustBeAssignable(checkedType, expectation.Type, names[i].Span, expectation.Span);
                break;
            }
        }

        var entryValue = wrapped;
        for (var j = names.Length - 1; j > 0; j--)
        {
            entryValue = KclType.Dict(KclType.StrLiteral(names[j].Name), entryValue);
        }

        var key = firstKey ?? KclType.StrLiteral(names[0].Name);
        keys.Add(key);
        values.Add(entryValue);
        if (firstKey is null)
        {
            attributes.Add(new DictAttribute(names[0].Name, entryValue, entry.Key!.Span));
        }
    }

    private Symbol? LoopVariable(string name)
    {
        for (var scope = _scope; scope is not null && scope.Kind != ScopeKind.Package; scope = scope.Parent)
        {
            if (scope.Kind == ScopeKind.Loop && scope.GetLocal(name) is { } symbol)
            {
                return symbol;
            }
        }

        return null;
    }

    private static KeyPath? KeyPathOf(Expression key)
    {
        switch (key)
        {
            case NameExpression name:
                return new KeyPath([new Identifier(name.Span, name.Name)], false);
            case StringLiteral text:
                return new KeyPath([new Identifier(text.Span, text.Value)], false);
            case SelectorExpression selector when !selector.IsOptional:
                {
                    var inner = KeyPathOf(selector.Value);
                    return inner is null || inner.HasIndex || selector.Value is StringLiteral
                        ? null
                        : new KeyPath(inner.Names.Add(selector.Attribute), false);
                }

            case IndexExpression { Index: NumberLiteral or UnaryExpression { Operand: NumberLiteral }, IsOptional: false } index
                when index.Value is NameExpression or SelectorExpression:
                {
                    var inner = KeyPathOf(index.Value);
                    return inner is null || inner.HasIndex ? null : inner with { HasIndex = true };
                }

            default:
                return null;
        }
    }

    private void CheckAttributeKey(KclType key, TextSpan span)
    {
        if (!key.IsAny && !key.IsKey)
        {
            Report(SemanticDiagnostics.AttributeMustBeString(span, key));
        }
    }

    /// <summary>"Cannot add member": the name must be an attribute of the schema (or of all schemas of a union).</summary>
    private void CheckConfigAttribute(Identifier name, ContextItem top)
    {
        var type = top.Type;
        if (type.IsSchema)
        {
            var schema = type.Schema!;
            if (schema.GetAttribute(name.Name) is null)
            {
                if (LiteralKeys(schema) is { } keys)
                {
                    if (!keys.Contains(name.Name))
                    {
                        Report(SemanticDiagnostics.CannotAddMember(name.Span, name.Name, schema.Name, Suggestions.For(name.Name, keys)));
                    }
                }
                else if (!schema.AcceptsUnknownAttributes())
                {
                    Report(SemanticDiagnostics.CannotAddMember(name.Span, name.Name, schema.Name, Suggestions.For(name.Name, schema.AttributeOrder)));
                }
            }
        }
        else if (type.IsUnion && type.Types.All(t => t.IsSchema))
        {
            if (type.Types.All(t => t.Schema!.GetAttribute(name.Name) is null && !t.Schema.AcceptsUnknownAttributes()))
            {
                Report(SemanticDiagnostics.CannotAddMemberToSchemas(name.Span, name.Name, type.Types.Select(t => t.Schema!.Name)));
            }
        }
    }

    /// <summary>The keys an index signature allows when its key type is a string literal or a union of them.</summary>
    private static List<string>? LiteralKeys(SchemaSymbol schema)
    {
        if (schema.GetIndexSignature() is not { } signature || schema.AcceptsUnknownAttributesBesidesIndexSignature())
        {
            return null;
        }

        var key = signature.KeyType;
        var members = key.IsUnion ? key.Types : [key];
        return members.All(m => m.Kind == TypeKind.StrLit) ? [.. members.Select(m => m.StrValue)] : null;
    }

    /// <summary>The expectation for the value of attribute <paramref name="name"/> inside <paramref name="top"/>.</summary>
    private static ContextItem? FindAttributeContext(ContextItem top, string name)
    {
        var type = top.Type;
        switch (type.Kind)
        {
            case TypeKind.Dict:
                return new ContextItem(type.Value!, top.Span);
            case TypeKind.List:
                return new ContextItem(type.Item!, top.Span);
            case TypeKind.Schema:
                {
                    if (type.Schema!.GetAttribute(name) is { } attribute)
                    {
                        return attribute.Type.IsAny ? null : new ContextItem(attribute.Type, attribute.Span);
                    }

                    return type.Schema.GetIndexSignature() is { } signature ? new ContextItem(signature.ValueType, top.Span) : null;
                }

            default:
                return null;
        }
    }

    /// <summary>
    /// Checks the keys a dict type remembers (from <c>**x</c> or an if-entry) against a schema or dict
    /// expectation, pointing at where each key was written.
    /// </summary>
    private void CheckAttributesAgainst(KclType dict, ContextItem expectation, TextSpan span)
    {
        foreach (var attribute in dict.Attributes)
        {
            var got = TypeRelations.ToVariableType(attribute.Type);
            if (expectation.Type.IsSchema)
            {
                var schema = expectation.Type.Schema!;
                var declared = schema.GetAttribute(attribute.Name);
                if (declared is null)
                {
                    if (!schema.AcceptsUnknownAttributes())
                    {
                        Report(SemanticDiagnostics.ConfigAttributeDefinedHere(
                            SemanticDiagnostics.CannotAddMember(span, attribute.Name, schema.Name, Suggestions.For(attribute.Name, schema.AttributeOrder)),
                            attribute.Span));
                    }

                    continue;
                }

                if (declared.Type.IsAny)
                {
                    continue;
                }

                if (!CheckType(got, declared.Type, span))
                {
                    Report(SemanticDiagnostics.ConfigAttributeDefinedHere(
                        SemanticDiagnostics.Mismatch(span, declared.Type, got, declared.Span),
                        attribute.Span));
                }

                if (got.IsDict && !got.Attributes.IsDefaultOrEmpty && declared.Type.IsSchema)
                {
                    CheckAttributesAgainst(got, new ContextItem(declared.Type, declared.Span), span);
                }
            }
            else if (expectation.Type.IsDict && !CheckType(got, expectation.Type.Value!, span))
            {
                Report(SemanticDiagnostics.ConfigAttributeDefinedHere(
                    SemanticDiagnostics.Mismatch(span, expectation.Type.Value!, got, expectation.Span),
                    attribute.Span));
            }
        }
    }
}
