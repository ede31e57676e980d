using Konfig.Kcl.Text;

namespace Konfig.Kcl.Semantics;

public enum SymbolKind
{
    Variable,
    Attribute,
    Definition,
    Parameter,
    TypeAlias,
    Module,
}

/// <summary>A name in a scope: its kind, where it was declared and its current type (mutable while checking).</summary>
internal sealed class Symbol(string name, SymbolKind kind, KclType type, TextSpan? span)
{
    public string Name { get; } = name;

    public SymbolKind Kind { get; } = kind;

    public KclType Type { get; set; } = type;

    public TextSpan? Span { get; set; } = span;

    /// <summary>Set when the symbol came from a unification (<c>a: A {…}</c>), which may be repeated.</summary>
    public bool IsUnification { get; init; }

    /// <summary>Set once a plain assignment has given the symbol its type.</summary>
    public bool HasAssignedType { get; set; }
}
