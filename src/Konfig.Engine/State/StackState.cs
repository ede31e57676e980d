using System.Text.Json.Nodes;

namespace Konfig.Engine.State;

/// <summary>
/// What konfig last applied for one stack, on one cluster: the resources as applied, in apply order,
/// with a serial that grows by one on every save (a stale writer is refused by it).
/// </summary>
public sealed record StackState
{
    public required StateKey Key { get; init; }

    /// <summary>The project's tenant, when it has one (written only when not null).</summary>
    public string? Tenant { get; init; }

    /// <summary>Grows by one with every save; the first save of a stack has serial 1.</summary>
    public long Serial { get; init; }

    public IReadOnlyList<StateResource> Resources { get; init; } = [];

    /// <summary>When the state was first saved; set by the caller (the stores keep it as given).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When this version was saved; set by the caller.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>Which state: project, stack and the cluster (kubeconfig context or server) it was applied to.</summary>
public sealed record StateKey(string Project, string Stack, string Cluster)
{
    public override string ToString() => $"{Project}/{Stack}@{Cluster}";
}

/// <summary>One applied resource: its spec id, type, the attributes as applied, and what it depends on.</summary>
public sealed record StateResource(string Id, string Type, JsonObject Attributes, IReadOnlyList<string> DependsOn);
