using System.Collections.Immutable;

namespace Konfig.Rewrite.Overrides;

/// <summary>
/// What one spec (or the import list, when <see cref="Spec"/> is null) did. <see cref="Edits"/> are
/// offsets in the text as it was before this step; <see cref="Matched"/> is false for a delete that
/// found nothing (KCL's "no override"), and for a spec whose variable is absent when missing variables
/// are not added.
/// </summary>
public sealed record OverrideStep(OverrideSpec? Spec, bool Matched, ImmutableArray<TextEdit> Edits);
