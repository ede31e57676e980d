using System.Diagnostics.CodeAnalysis;

namespace Konfig.Rewrite.Overrides;

/// <summary>A parsed spec, or the reason it could not be parsed.</summary>
public sealed record OverrideSpecResult(OverrideSpec? Spec, string? Error)
{
    [MemberNotNullWhen(true, nameof(Spec))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Success => Spec is not null;

    public static OverrideSpecResult Ok(OverrideSpec spec) => new(spec, null);

    public static OverrideSpecResult Fail(string error) => new(null, error);
}
