namespace Konfig.Rewrite.Selection;

/// <summary>
/// Which stacks of a workspace to work on. The stacks named by <see cref="Folders"/>, <see cref="Projects"/>
/// and <see cref="Globs"/> are put together (or every stack, with <see cref="All"/>, or when only filters are
/// given); <see cref="Where"/> then keeps those that pass every filter.
/// </summary>
public sealed record StackQuery
{
    /// <summary>Folders, relative to the working directory: a stack folder, or a folder above stacks.</summary>
    public IReadOnlyList<string> Folders { get; init; } = [];

    public bool All { get; init; }

    /// <summary>Project names (project.yaml's <c>name</c>).</summary>
    public IReadOnlyList<string> Projects { get; init; } = [];

    public IReadOnlyList<StackPathGlob> Globs { get; init; } = [];

    public IReadOnlyList<MetadataFilter> Where { get; init; } = [];

    public bool IsEmpty => Folders.Count == 0 && !All && Projects.Count == 0 && Globs.Count == 0 && Where.Count == 0;
}
