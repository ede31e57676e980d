using System.Collections.Immutable;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Semantics;

internal sealed partial class PackageChecker
{
    private static readonly HashSet<string> KnownDecorators = new(StringComparer.Ordinal) { "deprecated", "info" };

    private readonly List<SchemaSymbol> _building = [];
    private readonly Dictionary<string, Identifier> _walkedSchemaNames = new(StringComparer.Ordinal);

    private void BuildSchemas()
    {
        foreach (var module in Package.Modules)
        {
            _module = module;
            foreach (var statement in module.Body)
            {
                if (_schemas.TryGetValue(statement, out var symbol))
                {
                    Build(symbol);
                }
            }
        }
    }

    private void Build(SchemaSymbol symbol)
    {
        if (symbol.State != BuildState.NotBuilt || !_schemas.ContainsKey(symbol.Declaration))
        {
            return;
        }

        symbol.State = BuildState.Building;
        _building.Add(symbol);
        var savedModule = _module;
        _module = ModuleOf(symbol.Declaration) ?? _module;
        try
        {
            switch (symbol.Declaration)
            {
                case SchemaStatement schema:
                    BuildSchema(symbol, schema);
                    break;
                case RuleStatement rule:
                    BuildRule(symbol, rule);
                    break;
            }
        }
        finally
        {
            _module = savedModule;
            _building.Remove(symbol);
            symbol.State = BuildState.Built;
        }
    }

    private ModuleSyntax? ModuleOf(SyntaxNode node) =>
        Package.Modules.FirstOrDefault(m => ReferenceEquals(m.File, node.Span.File));

    private void BuildSchema(SchemaSymbol symbol, SchemaStatement schema)
    {
        if (schema.Parent is { } parent)
        {
            var type = SchemaReference(parent);
            if (type is { IsSchema: true, IsInstance: false } && !type.Schema!.IsMixin && !type.Schema.IsProtocol && !type.Schema.IsRule)
            {
                if (!InCycle(type.Schema, symbol))
                {
                    Build(type.Schema);
                    symbol.Base = type.Schema;
                }
            }
            else
            {
                Report(SemanticDiagnostics.InvalidInheritance(parent.Span, type));
            }
        }

        if (schema.ForHost is { } host)
        {
            if (!schema.IsMixin)
            {
                Report(SemanticDiagnostics.OnlyMixinForProtocol(host.Span));
            }
            else
            {
                var type = SchemaReference(host);
                if (type is { IsSchema: true, IsInstance: false } && type.Schema!.IsProtocol)
                {
                    Build(type.Schema);
                    symbol.Protocol = type.Schema;
                }
                else
                {
                    Report(SemanticDiagnostics.InvalidProtocol(host.Span, type));
                }
            }
        }

        AddAttribute(symbol, new SchemaAttributeSymbol("__settings__", KclType.Dict(KclType.Str, KclType.Any), true, false, null));
        var leftNames = LeftIdentifiers(schema.Body).Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        if (schema.IndexSignature is { } signature)
        {
            if (signature.KeyName is { } keyName && leftNames.Contains(keyName.Name))
            {
                Report(SemanticDiagnostics.IndexSignatureNameClash(signature.Span, keyName.Name));
            }

            symbol.IndexSignature = new IndexSignatureSymbol(signature.KeyName?.Name, ResolveType(signature.KeyType), ResolveType(signature.ValueType), signature.AnyOther);
        }

        foreach (var statement in schema.Body)
        {
            switch (statement)
            {
                case SchemaAttribute attribute:
                    DeclareAttribute(symbol, attribute.Name, ResolveType(attribute.Type), attribute.IsOptional, attribute.Value is not null);
                    break;
                case UnificationStatement unification:
                    DeclareAttribute(symbol, new Identifier(unification.Target.Span, unification.Target.Name), AsInstanceType(SchemaReferenceQuietly(unification.Value.Name)), false, true);
                    break;
            }
        }

        foreach (var mixin in schema.Mixins)
        {
            var mixinName = mixin is SelectorExpression selector ? selector.Attribute.Name : (mixin as NameExpression)?.Name ?? string.Empty;
            if (!mixinName.EndsWith("Mixin", StringComparison.Ordinal))
            {
                Report(SemanticDiagnostics.InvalidMixinName(mixin.Span, mixinName));
            }

            var type = SchemaReference(mixin);
            if (type is { IsSchema: true, IsInstance: false } && type.Schema!.IsMixin && !type.Schema.IsProtocol)
            {
                Build(type.Schema);
                foreach (var name in type.Schema.AttributeOrder)
                {
                    if (!symbol.Attributes.ContainsKey(name))
                    {
                        AddAttribute(symbol, type.Schema.Attributes[name]);
                    }
                }

                if (type.Schema.IsOpen)
                {
                    symbol.IsOpen = true;
                }
            }
            else
            {
                Report(SemanticDiagnostics.InvalidMixin(mixin.Span, type));
            }
        }

        // Names assigned in the body are attributes too, typed by their values at run time.
        foreach (var name in LeftIdentifiers(schema.Body))
        {
            if (symbol.GetAttribute(name.Name) is null)
            {
                AddAttribute(symbol, new SchemaAttributeSymbol(name.Name, KclType.Any, true, true, name.Span));
            }
        }

        symbol.Parameters = Parameters(schema.Parameters);
        CheckDecorators(schema.Decorators);
    }

    private void BuildRule(SchemaSymbol symbol, RuleStatement rule)
    {
        // Rules take no config; the checker only needs their parameters.
        symbol.IsOpen = true;
        symbol.Parameters = Parameters(rule.Parameters);
        CheckDecorators(rule.Decorators);
    }

    private ImmutableArray<ParameterSymbol> Parameters(ImmutableArray<Parameter> parameters) =>
        [.. parameters.Select(p => new ParameterSymbol(p.Name.Name, p.Type is null ? KclType.Any : ResolveType(p.Type), p.Default is not null, p.Span))];

    private void CheckDecorators(ImmutableArray<Decorator> decorators)
    {
        foreach (var decorator in decorators)
        {
            if (!KnownDecorators.Contains(decorator.Name.Name))
            {
                Report(SemanticDiagnostics.UnknownDecorator(decorator.Name.Span, decorator.Name.Name));
            }
        }
    }

    private static void AddAttribute(SchemaSymbol symbol, SchemaAttributeSymbol attribute)
    {
        if (!symbol.Attributes.ContainsKey(attribute.Name))
        {
            symbol.AttributeOrder.Add(attribute.Name);
        }

        symbol.Attributes[attribute.Name] = attribute;
    }

    /// <summary>The reference's checks for a declared attribute against the base schema and the index signature.</summary>
    private void DeclareAttribute(SchemaSymbol symbol, Identifier name, KclType type, bool isOptional, bool hasDefault)
    {
        var inherited = symbol.Base?.GetAttribute(name.Name);
        if (!symbol.Attributes.TryGetValue(name.Name, out var own))
        {
            own = new SchemaAttributeSymbol(name.Name, type, inherited?.IsOptional ?? isOptional, hasDefault, name.Span);
            AddAttribute(symbol, own);
        }

        // An annotation the checker could not resolve is any: it says nothing about the override.
        var baseType = inherited?.Type ?? KclType.Any;
        if (!type.IsAny && (!TypeRelations.IsUpperBound(own.Type, type) || !TypeRelations.IsUpperBound(baseType, type)))
        {
            Report(SemanticDiagnostics.FieldTypeChanged(name.Span, name.Name, own.Type, type));
        }

        if (isOptional && !own.IsOptional)
        {
            Report(SemanticDiagnostics.RequiredToOptional(name.Span, name.Name));
        }

        if (symbol.IndexSignature is { AnyOther: false } signature && !type.IsAny && !TypeRelations.IsUpperBound(signature.ValueType, type))
        {
            Report(SemanticDiagnostics.IndexSignatureMismatch(name.Span, type, name.Name, signature));
        }
    }

    /// <summary>Whether making <paramref name="parent"/> the base of <paramref name="child"/> closes a cycle; reports it.</summary>
    private bool InCycle(SchemaSymbol parent, SchemaSymbol child)
    {
        var at = _building.IndexOf(parent);
        if (at < 0 || parent.State != BuildState.Building)
        {
            return false;
        }

        var members = _building.Skip(at).ToList();
        if (!members.Contains(child))
        {
            members.Add(child);
        }

        var ordered = members.OrderBy(DeclarationOrder).ToList();
        var names = ordered.Select(m => IsMain ? m.Name : PackagePath + "." + m.Name).ToList();
        foreach (var member in ordered)
        {
            var name = member.Declaration is SchemaStatement s ? s.Name.Span : member.Declaration.Span;
            Report(SemanticDiagnostics.CircularSchemas(name, names));
        }

        return true;
    }

    private int DeclarationOrder(SchemaSymbol symbol)
    {
        var order = 0;
        foreach (var module in Package.Modules)
        {
            foreach (var statement in module.Body)
            {
                if (ReferenceEquals(statement, symbol.Declaration))
                {
                    return order;
                }

                order++;
            }
        }

        return order;
    }

    /// <summary>The type a schema name in a parent, mixin or host position refers to, reporting unknown names.</summary>
    private KclType SchemaReference(Expression expression) => expression switch
    {
        NameExpression name => LookupName(name.Name, name.Span),
        SelectorExpression selector => LoadAttribute(SchemaReference(selector.Value), selector.Attribute.Name, selector.Span),
        _ => KclType.Any,
    };

    private KclType SchemaReferenceQuietly(Expression expression)
    {
        var saved = _quiet;
        _quiet = true;
        try
        {
            return SchemaReference(expression);
        }
        finally
        {
            _quiet = saved;
        }
    }

    /// <summary>Names a schema body assigns or declares: its attributes, in order (if-blocks included).</summary>
    private static IEnumerable<Identifier> LeftIdentifiers(ImmutableArray<Statement> body)
    {
        foreach (var statement in body)
        {
            switch (statement)
            {
                case SchemaAttribute attribute:
                    yield return attribute.Name;
                    break;
                case AssignStatement assign:
                    foreach (var target in assign.Targets)
                    {
                        if (target is NameExpression name)
                        {
                            yield return new Identifier(name.Span, name.Name);
                        }
                    }

                    break;
                case UnificationStatement unification:
                    yield return new Identifier(unification.Target.Span, unification.Target.Name);
                    break;
                case IfStatement branch:
                    foreach (var name in LeftIdentifiers(branch.Body).Concat(LeftIdentifiers(branch.Else)))
                    {
                        yield return name;
                    }

                    break;
            }
        }
    }
}
