using Konfig.Kubernetes;

namespace Konfig.Engine.Apply;

public enum OutcomeKind
{
    Applied,

    /// <summary>Applied again with the same manifest as the state holds (the server heals drift; nothing new was asked).</summary>
    Unchanged,
    Failed,
    TimedOut,
    Skipped,
    Deleted,

    /// <summary>Cancelled before it started; a re-run takes it up.</summary>
    NotStarted,
}

/// <summary>What happened to one resource, with the reason for failures and skips, and the last readiness message.</summary>
public sealed record ResourceOutcome(string Id, ObjectReference? Reference, OutcomeKind Kind, string? Message = null);
