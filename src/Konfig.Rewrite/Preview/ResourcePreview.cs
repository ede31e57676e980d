namespace Konfig.Rewrite.Preview;

public enum ResourcePreviewAction
{
    Add,
    Change,
    Delete,
}

/// <summary>
/// One resource a rewrite adds, changes or deletes: its spec id, a readable name (<c>apps/v1/Deployment ns/name</c>),
/// and for a change the fields that differ (at most <see cref="SpecPreview.FieldsPerResource"/>; <see cref="MoreFields"/>
/// counts the rest).
/// </summary>
public sealed record ResourcePreview(string Id, string Name, ResourcePreviewAction Action, IReadOnlyList<FieldPreview> Fields, int MoreFields = 0);

/// <summary>
/// A field that changes: its path in the manifest (<c>spec.replicas</c>, <c>spec.template.spec.containers[name=web].image</c>)
/// and short forms of the old and new values (<c>(absent)</c> when missing); a Secret's values read <c>(sensitive)</c>.
/// </summary>
public sealed record FieldPreview(string Path, string Old, string New)
{
    public override string ToString() => $"{Path}: {Old} → {New}";
}
