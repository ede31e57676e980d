using System.Collections.Immutable;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Syntax;

public abstract record TypeNode(TextSpan Span) : SyntaxNode(Span);

/// <summary>
/// A named type: a basic type (<c>int</c>, <c>float</c>, <c>str</c>, <c>bool</c>, <c>any</c>, <c>None</c>)
/// or a schema, possibly package-qualified (<c>pkg.Schema</c>: <see cref="Names"/> holds each part).
/// </summary>
public sealed record NamedType(TextSpan Span, ImmutableArray<string> Names) : TypeNode(Span)
{
    /// <summary>The dotted name, joined once: type checks read it on every checked value.</summary>
    public string FullName { get; } = string.Join('.', Names);
}

/// <summary><c>[T]</c>; <see cref="Element"/> is null for <c>[]</c>.</summary>
public sealed record ListType(TextSpan Span, TypeNode? Element) : TypeNode(Span);

/// <summary><c>{K:V}</c>; parts are null for <c>{}</c>.</summary>
public sealed record DictType(TextSpan Span, TypeNode? Key, TypeNode? Value) : TypeNode(Span);

/// <summary><c>A | B | "x" | 1</c>.</summary>
public sealed record UnionType(TextSpan Span, ImmutableArray<TypeNode> Types) : TypeNode(Span);

/// <summary>A literal type: a string, int, float or bool constant (<see cref="Value"/> is string, long, double or bool), or None.</summary>
public sealed record LiteralType(TextSpan Span, object? Value, string? Suffix) : TypeNode(Span);

/// <summary><c>(int, str) -&gt; bool</c>.</summary>
public sealed record FunctionType(TextSpan Span, ImmutableArray<TypeNode> Parameters, TypeNode? Return) : TypeNode(Span);
