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

/// <summary>
/// Which state: project, stack and the cluster (kubeconfig context or server) it was applied to. The CLI keys
/// a state by the project's path and the stack's path, both relative to the workspace root
/// (<c>apps/web</c>, <c>apps/web/dev</c>). File and Secret names are made from the three parts, never from
/// <see cref="ToString"/>, so the displayed text can change without losing existing states.
/// </summary>
public sealed record StateKey(string Project, string Stack, string Cluster)
{
    /// <summary>
    /// <c>project/stack@cluster</c>, e.g. <c>apps/web/dev@kind-dev</c>: a stack path that already starts with its
    /// project's path is shown once, not as <c>apps/web/apps/web/dev</c>.
    /// </summary>
    public override string ToString()
    {
        var stackInProject = Project == "." || Stack.StartsWith(Project + "/", StringComparison.Ordinal);
        return stackInProject ? $"{Stack}@{Cluster}" : $"{Project}/{Stack}@{Cluster}";
    }
}

/// <summary>One applied resource: its spec id, type, the attributes as applied, and what it depends on.</summary>
public sealed record StateResource(string Id, string Type, JsonObject Attributes, IReadOnlyList<string> DependsOn);
