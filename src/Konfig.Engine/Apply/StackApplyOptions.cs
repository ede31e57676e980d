namespace Konfig.Engine.Apply;

/// <summary>How to apply or destroy a stack (the CLI's flags).</summary>
public sealed record StackApplyOptions
{
    /// <summary>At most this many API calls (or readiness waits) at once, inside one dependency level.</summary>
    public int Parallelism { get; init; } = 16;

    /// <summary>Take over fields another field manager owns (<c>--force-conflicts</c>).</summary>
    public bool ForceConflicts { get; init; }

    /// <summary>Wait for each resource to become ready (or, when deleting, to be gone) before its dependents go (<c>--watch</c>).</summary>
    public bool Watch { get; init; }

    /// <summary>With <see cref="Watch"/>: the whole run's budget (<c>--timeout</c>); what is not ready by then has timed out.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    public string FieldManager { get; init; } = "konfig";

    /// <summary>Recorded in a new state.</summary>
    public string? Tenant { get; init; }

    /// <summary>How often readiness is re-read besides watch events.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
