using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Evaluation;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Semantics;

/// <summary>
/// Checks one package in the reference resolver's order: imports (checking imported packages first),
/// global declarations and schema types, then every statement. Split by area into partial files.
/// </summary>
internal sealed partial class PackageChecker
{
    private readonly ProgramChecker _program;
    private readonly Dictionary<ModuleSyntax, Dictionary<string, Symbol>> _imports = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<SyntaxNode, SchemaSymbol> _schemas = new(ReferenceEqualityComparer.Instance);
    private readonly List<ContextItem?> _context = [];
    private ModuleSyntax? _module;
    private int _lenientNames;
    private Scope _scope;

    public PackageChecker(ProgramChecker program, KclPackage package, string packagePath)
    {
        _program = program;
        Package = package;
        PackagePath = packagePath;
        PackageScope = new Scope(ScopeKind.Package, BuiltinScope.Instance);
        _scope = PackageScope;
    }

    public KclPackage Package { get; }

    public string PackagePath { get; }

    public Scope PackageScope { get; }

    /// <summary>The import statement being resolved, for reporting import cycles.</summary>
    public ImportStatement? CurrentImport { get; private set; }

    private bool IsMain => PackagePath == ProgramChecker.MainPackagePath;

    public void Check()
    {
        foreach (var module in Package.Modules)
        {
            _module = module;
            ResolveImports(module);
        }

        DeclareGlobals();
        BuildSchemas();
        foreach (var module in Package.Modules)
        {
            _module = module;
            _scope = PackageScope;
            _context.Clear();
            WalkStatements(module.Body);
        }
    }

    private void Report(Diagnostic diagnostic)
    {
        if (!_quiet)
        {
            _program.Report(diagnostic);
        }
    }

    /// <summary>A type expected for a config being checked, and where that expectation was declared.</summary>
    private sealed record ContextItem(KclType Type, TextSpan? Span);

    private ContextItem? ContextTop => _context.Count == 0 ? null : _context[^1];

    /// <summary>Runs <paramref name="action"/> with <paramref name="item"/> on top of the config context.</summary>
    private T WithContext<T>(ContextItem? item, Func<T> action)
    {
        _context.Add(item);
        try
        {
            return action();
        }
        finally
        {
            _context.RemoveAt(_context.Count - 1);
        }
    }

    private T InScope<T>(Scope scope, Func<T> action)
    {
        var saved = _scope;
        _scope = scope;
        try
        {
            return action();
        }
        finally
        {
            _scope = saved;
        }
    }

    /// <summary>The schema whose body is being checked (innermost), if any.</summary>
    private SchemaSymbol? CurrentSchema
    {
        get
        {
            for (var scope = _scope; scope is not null; scope = scope.Parent)
            {
                if (scope.Schema is not null)
                {
                    return scope.Schema;
                }
            }

            return null;
        }
    }

    /// <summary>
    /// Inside mixins, protocols and rules names may come from the host schema, and inside schemas with an
    /// unresolved ancestry from attributes the checker does not know: unknown names stay silent there.
    /// </summary>
    private bool SuppressUnknownNames()
    {
        for (var scope = _scope; scope is not null; scope = scope.Parent)
        {
            for (var schema = scope.Schema; schema is not null; schema = schema.Base)
            {
                if (schema.IsMixin || schema.IsProtocol || schema.IsRule || schema.IsOpen)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Finds a name the way the reference's resolve_var does; null when it is not defined anywhere.</summary>
    private KclType? FindName(string name)
    {
        for (var scope = _scope; scope is not null && scope.Kind != ScopeKind.Package; scope = scope.Parent)
        {
            var local = scope.GetLocal(name);
            if (scope.Schema is { } schema && local?.Kind != SymbolKind.Parameter)
            {
                if (schema.GetAttribute(name) is { } attribute && (!attribute.Type.IsAny || local is null))
                {
                    return attribute.Type;
                }
            }

            if (local is not null)
            {
                return local.Type;
            }
        }

        if (_module is not null && _imports.TryGetValue(_module, out var imports) && imports.TryGetValue(name, out var imported))
        {
            return imported.Type;
        }

        if (PackageScope.GetLocal(name) is { } global)
        {
            return global.Type;
        }

        // An import written in another file of the package: KCL scopes imports per file, but the checker
        // stays silent rather than guess.
        foreach (var other in _imports.Values)
        {
            if (other.ContainsKey(name))
            {
                return KclType.Any;
            }
        }

        return BuiltinScope.Instance.GetLocal(name)?.Type;
    }

    /// <summary>The type of a name, reporting "name 'x' is not defined" when nothing declares it.</summary>
    private KclType LookupName(string name, TextSpan span)
    {
        if (FindName(name) is { } type)
        {
            return type;
        }

        if (_lenientNames == 0 && !SuppressUnknownNames())
        {
            Report(SemanticDiagnostics.NameNotDefined(span, name, Suggestions.For(name, PackageScope.Names.Concat(BuiltinScope.Instance.Names))));
        }

        return KclType.Any;
    }

    private static bool IsPrivate(string name) => name.StartsWith('_');
}
