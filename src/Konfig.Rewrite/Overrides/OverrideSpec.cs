using System.Collections.Immutable;

namespace Konfig.Rewrite.Overrides;

/// <summary>
/// One parsed override spec such as <c>app.labels['dot.key']="v"</c>: the path split into its parts
/// (quotes of quoted keys removed), the operation and the value source text (empty for a delete).
/// </summary>
public sealed record OverrideSpec(string Text, ImmutableArray<string> Path, OverrideOperation Operation, string Value)
{
    /// <summary>The top-level variable the spec changes.</summary>
    public string Target => Path[0];

    /// <summary>The keys below <see cref="Target"/>; empty when the spec changes the variable itself.</summary>
    public ImmutableArray<string> FieldPath => Path[1..];

    public override string ToString() => Text;
}
