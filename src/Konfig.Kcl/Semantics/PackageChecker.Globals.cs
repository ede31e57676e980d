using System.Collections.Immutable;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Semantics;

internal sealed partial class PackageChecker
{
    private readonly Dictionary<string, TypeAliasStatement> _aliases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KclType> _aliasTypes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _resolvingAliases = new(StringComparer.Ordinal);
    private readonly HashSet<Symbol> _declaredInBranch = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// The reference's init_global_types: schema and rule names, type aliases, then the top-level
    /// variables with their annotated types, reporting reassigned immutable names on the way.
    /// </summary>
    private void DeclareGlobals()
    {
        foreach (var module in Package.Modules)
        {
            _module = module;
            foreach (var statement in module.Body)
            {
                switch (statement)
                {
                    case SchemaStatement schema:
                        DeclareSchema(statement, schema.Name, new SchemaSymbol(schema.Name.Name, PackagePath, schema)
                        {
                            IsMixin = schema.IsMixin,
                            IsProtocol = schema.IsProtocol,
                        });
                        break;
                    case RuleStatement rule:
                        DeclareSchema(statement, rule.Name, new SchemaSymbol(rule.Name.Name, PackagePath, rule) { IsRule = true });
                        break;
                    case TypeAliasStatement alias:
                        _aliases[alias.Name.Name] = alias;
                        PackageScope.Set(new Symbol(alias.Name.Name, SymbolKind.TypeAlias, KclType.Any, alias.Name.Span));
                        break;
                }
            }
        }

        foreach (var module in Package.Modules)
        {
            _module = module;
            foreach (var statement in module.Body)
            {
                if (statement is TypeAliasStatement alias)
                {
                    PackageScope.Set(new Symbol(alias.Name.Name, SymbolKind.TypeAlias, ResolveAlias(alias.Name.Name), alias.Name.Span));
                }
            }
        }

        // Two passes, as the reference: the second sees every annotation the first recorded.
        for (var pass = 0; pass < 2; pass++)
        {
            _firstPass = pass == 0;
            foreach (var module in Package.Modules)
            {
                _module = module;
                DeclareVariables(module.Body, topLevel: true);
            }
        }
    }

    private bool _firstPass;

    private void DeclareSchema(Statement statement, Identifier name, SchemaSymbol symbol)
    {
        if (PackageScope.GetLocal(name.Name) is { Kind: SymbolKind.Definition })
        {
            Report(SemanticDiagnostics.UniqueKey(statement.Span, name.Name));
        }

        _schemas[statement] = symbol;
        PackageScope.Set(new Symbol(name.Name, SymbolKind.Definition, KclType.SchemaOf(symbol, isInstance: false), name.Span));
    }

    private KclType ResolveAlias(string name)
    {
        if (_aliasTypes.TryGetValue(name, out var known))
        {
            return known;
        }

        if (!_aliases.TryGetValue(name, out var alias) || !_resolvingAliases.Add(name))
        {
            return KclType.Any;
        }

        var type = ResolveType(alias.Type);
        _resolvingAliases.Remove(name);
        _aliasTypes[name] = type;
        return type;
    }

    private void DeclareVariables(ImmutableArray<Statement> body, bool topLevel)
    {
        foreach (var statement in body)
        {
            switch (statement)
            {
                case AssignStatement assign:
                    foreach (var target in assign.Targets)
                    {
                        if (target is NameExpression name)
                        {
                            DeclareVariable(name.Name, name.Span, assign, topLevel);
                        }
                        else if (topLevel && _firstPass)
                        {
                            CheckModifiedGlobal(target, augmented: false);
                        }
                    }

                    break;
                case AugmentedAssignStatement augmented when topLevel && _firstPass:
                    CheckModifiedGlobal(augmented.Target, augmented: true);
                    break;
                case UnificationStatement unification:
                    DeclareUnification(unification, topLevel);
                    break;
                case IfStatement branch:
                    DeclareVariables(branch.Body, topLevel: false);
                    DeclareVariables(branch.Else, topLevel: false);
                    break;
            }
        }
    }

    private Symbol? FindGlobalDeclaration(string name) =>
        PackageScope.GetLocal(name) ?? (_module is not null && _imports.TryGetValue(_module, out var imports) ? imports.GetValueOrDefault(name) : null);

    private void DeclareVariable(string name, TextSpan span, AssignStatement assign, bool topLevel)
    {
        var existing = FindGlobalDeclaration(name);
        if (existing is not null && !IsPrivate(name) && topLevel && !_declaredInBranch.Contains(existing) && existing.Span is { } declared
            && (_firstPass || existing.Span != span))
        {
            if (_firstPass)
            {
                Report(SemanticDiagnostics.ImmutableAssign(span, name, declared));
            }

            return;
        }

        KclType type;
        if (assign.Type is not null)
        {
            type = ResolveType(assign.Type);
        }
        else if (assign.Value is LambdaExpression lambda)
        {
            type = KclType.FunctionOf(LambdaSignature(lambda, report: false));
        }
        else
        {
            type = existing?.Type ?? KclType.Any;
        }

        if (existing is not null && PackageScope.GetLocal(name) is { } global)
        {
            if (assign.Type is not null && global.Kind == SymbolKind.Variable)
            {
                // A new annotation must not narrow the declared type; the latest one wins.
                if (!TypeRelations.IsUpperBound(global.Type, type))
                {
                    Report(SemanticDiagnostics.CannotChangeType(span, name, global.Type, global.Span, global.Type));
                }

                global.Type = type;
                global.Span = span;
                global.HasAssignedType = true;
            }

            return;
        }

        var symbol = new Symbol(name, SymbolKind.Variable, type, span) { HasAssignedType = assign.Type is not null };
        PackageScope.Set(symbol);
        if (!topLevel)
        {
            _declaredInBranch.Add(symbol);
        }
    }

    private void DeclareUnification(UnificationStatement unification, bool topLevel)
    {
        var name = unification.Target.Name;
        var existing = FindGlobalDeclaration(name);
        if (existing is not null)
        {
            if (_firstPass && !IsPrivate(name) && topLevel && !existing.IsUnification && !_declaredInBranch.Contains(existing) && existing.Span is { } declared)
            {
                Report(SemanticDiagnostics.ImmutableAssign(unification.Target.Span, name, declared));
            }

            return;
        }

        var symbol = new Symbol(name, SymbolKind.Variable, KclType.Any, unification.Target.Span) { IsUnification = true };
        PackageScope.Set(symbol);
        if (!topLevel)
        {
            _declaredInBranch.Add(symbol);
        }
    }

    /// <summary><c>a.b = 1</c> or <c>a += 1</c> on an exported global declared earlier.</summary>
    private void CheckModifiedGlobal(Expression target, bool augmented)
    {
        if (RootName(target) is not { } root || IsPrivate(root.Name))
        {
            return;
        }

        var existing = FindGlobalDeclaration(root.Name);
        if (existing?.Span is not { } declared || _declaredInBranch.Contains(existing))
        {
            return;
        }

        if (augmented && target is NameExpression)
        {
            Report(SemanticDiagnostics.ImmutableModify(target.Span, root.Name, declared));
        }
        else if (!augmented)
        {
            Report(SemanticDiagnostics.ImmutableAssign(target.Span, root.Name, declared));
        }
    }

    private static NameExpression? RootName(Expression target) => target switch
    {
        NameExpression name => name,
        SelectorExpression selector => RootName(selector.Value),
        IndexExpression index => RootName(index.Value),
        SliceExpression slice => RootName(slice.Value),
        _ => null,
    };
}
