using System.Globalization;

namespace Konfig.Rewrite.Preview;

/// <summary>Where the old side of a preview came from.</summary>
public enum PreviewBaseline
{
    /// <summary>The stack's committed golden, which is newer than the files it was compiled from.</summary>
    Golden,

    /// <summary>The stack's files as they are on disk, compiled again.</summary>
    Compiled,
}

/// <summary>
/// What a rewrite changes in one stack's compiled spec: the resources added, changed and deleted (unchanged ones
/// are left out). Small on purpose: it is all a bulk rewrite keeps of the two specs. <see cref="Error"/> says why
/// there is no preview (the old text does not compile); the resources are then empty.
/// </summary>
public sealed record StackPreview(string StackPath, PreviewBaseline Baseline, IReadOnlyList<ResourcePreview> Resources, string? Error = null)
{
    public int ToAdd => Resources.Count(r => r.Action == ResourcePreviewAction.Add);

    public int ToChange => Resources.Count(r => r.Action == ResourcePreviewAction.Change);

    public int ToDelete => Resources.Count(r => r.Action == ResourcePreviewAction.Delete);

    /// <summary>"1 to add, 2 to change, 0 to delete", as a plan's summary reads.</summary>
    public string Summary => string.Create(CultureInfo.InvariantCulture, $"{ToAdd} to add, {ToChange} to change, {ToDelete} to delete");
}
