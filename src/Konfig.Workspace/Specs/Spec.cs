namespace Konfig.Workspace.Specs;

/// <summary>What a stack compiles to: its resources, in the order the program emitted them.</summary>
public sealed record Spec(IReadOnlyList<Resource> Resources)
{
    public static readonly Spec Empty = new([]);
}
