using Konfig.Kubernetes;

namespace Konfig.Engine.Apply;

public enum ApplyEventKind
{
    /// <summary>An apply (or, for a resource leaving the stack, a delete) begins.</summary>
    ResourceStarted,
    Applied,
    Failed,

    /// <summary>Not attempted because something it depends on failed (or, when deleting, a dependent could not be deleted).</summary>
    Skipped,
    Deleted,

    /// <summary>A new readiness message while watching ("2/3 replicas ready").</summary>
    ReadinessUpdate,
    Ready,
    TimedOut,
}

/// <summary>One step of an apply or destroy, for a progress display: what happened to which resource, and why.</summary>
public sealed record ApplyEvent(ApplyEventKind Kind, string Id, ObjectReference? Reference, string? Message = null)
{
    public override string ToString() => Message is null ? $"{Kind} {Id}" : $"{Kind} {Id}: {Message}";
}
