namespace Konfig.Kcl.Semantics;

public enum ScopeKind
{
    Builtin,
    Package,
    Module,
    Schema,
    Lambda,
    Loop,
    Config,
}

/// <summary>A lexical scope: names declared in it and a link to the enclosing scope.</summary>
internal sealed class Scope(ScopeKind kind, Scope? parent)
{
    private readonly Dictionary<string, Symbol> _symbols = new(StringComparer.Ordinal);

    public ScopeKind Kind { get; } = kind;

    public Scope? Parent { get; } = parent;

    /// <summary>The schema whose body this scope is (attributes resolve through it).</summary>
    public SchemaSymbol? Schema { get; init; }

    public IEnumerable<string> Names => _symbols.Keys;

    public bool Contains(string name) => _symbols.ContainsKey(name);

    public Symbol? GetLocal(string name) => _symbols.GetValueOrDefault(name);

    public void Set(Symbol symbol) => _symbols[symbol.Name] = symbol;

    public Symbol? Lookup(string name)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope._symbols.TryGetValue(name, out var symbol))
            {
                return symbol;
            }
        }

        return null;
    }
}
