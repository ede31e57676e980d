namespace Konfig.Workspace.Tests.Parity;

/// <summary>A fact that needs the reference monorepo; skipped, saying why, without it (xunit 2 has no dynamic skip).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresReferenceFactAttribute : FactAttribute
{
    public RequiresReferenceFactAttribute()
    {
        if (SharedReference.WhyMissing is { } reason)
        {
            Skip = reason;
        }
    }
}
