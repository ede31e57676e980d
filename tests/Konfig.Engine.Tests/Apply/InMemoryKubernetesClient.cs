using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Konfig.Kubernetes;

namespace Konfig.Engine.Tests.Apply;

/// <summary>
/// A cluster in memory, for the applier's logic only (ordering, skipping, state saves, cancellation):
/// objects by reference, namespaced objects refused (404) when their Namespace does not exist, and
/// hooks to fail or hold an apply. The real client against the fake API server is tested elsewhere.
/// </summary>
internal sealed class InMemoryKubernetesClient : IKubernetesClient
{
    private static readonly HashSet<string> ClusterScoped = ["Namespace", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding"];

    public ConcurrentDictionary<ObjectReference, JsonObject> Objects { get; } = new();

    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>Names whose apply fails with 409 Conflict.</summary>
    public HashSet<string> Conflicting { get; } = [];

    /// <summary>Names whose delete fails with 500.</summary>
    public HashSet<string> FailingDeletes { get; } = [];

    /// <summary>Runs before an apply takes effect (to hold it, or cancel the run while it is in flight).</summary>
    public Func<ObjectReference, Task>? BeforeApply { get; set; }

    public Uri Server { get; } = new("http://in-memory");

    public Task<ResourceKind?> FindKindAsync(string apiVersion, string kind, CancellationToken cancellationToken = default) =>
        Task.FromResult<ResourceKind?>(new ResourceKind("", apiVersion, kind, kind.ToLowerInvariant() + "s", !ClusterScoped.Contains(kind)));

    public void InvalidateDiscovery()
    {
    }

    /// <summary>Runs before each GET, with the number of GETs so far (to move a status along, as a controller would).</summary>
    public Action<int>? BeforeGet { get; set; }

    public int Gets => _gets;

    private int _gets;

    public Task<JsonObject?> GetAsync(ObjectReference reference, CancellationToken cancellationToken = default)
    {
        var count = Interlocked.Increment(ref _gets);
        BeforeGet?.Invoke(count);
        return Task.FromResult(Objects.TryGetValue(Normalize(reference), out var found) ? (JsonObject?)found.DeepClone().AsObject() : null);
    }

    public Task<ObjectList> ListAsync(string apiVersion, string kind, string? @namespace, string? labelSelector = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ObjectList([.. Objects.Where(o => o.Key.Kind == kind && (@namespace is null || o.Key.Namespace == @namespace)).Select(o => o.Value.DeepClone().AsObject())], "1"));

    public async Task<JsonObject> ApplyAsync(JsonObject manifest, ApplyOptions options, CancellationToken cancellationToken = default)
    {
        var reference = Normalize(ObjectReference.Of(manifest)!);
        Calls.Enqueue($"apply {reference.Name}");
        if (BeforeApply is { } hook)
        {
            await hook(reference);
        }

        if (Conflicting.Contains(reference.Name) && !options.Force)
        {
            throw new KubernetesApiException(409, "Conflict", $"Apply failed with 1 conflict: conflict with \"kubectl\": .data.{reference.Name}");
        }

        if (reference.Namespace is { } ns && !Objects.ContainsKey(new ObjectReference("v1", "Namespace", null, ns)))
        {
            throw new KubernetesApiException(404, "NotFound", $"namespaces \"{ns}\" not found");
        }

        Objects[reference] = manifest.DeepClone().AsObject();
        return manifest;
    }

    public Task<bool> DeleteAsync(ObjectReference reference, DeletePropagation propagation = DeletePropagation.Background, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue($"delete {reference.Name}");
        if (FailingDeletes.Contains(reference.Name))
        {
            throw new KubernetesApiException(500, "InternalError", $"cannot delete {reference.Name}");
        }

        return Task.FromResult(Objects.TryRemove(Normalize(reference), out _));
    }

    public async IAsyncEnumerable<WatchEvent> WatchAsync(string apiVersion, string kind, string? @namespace, string? name, string? resourceVersion, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        throw new KubernetesApiException(405, "MethodNotAllowed", "watch is not supported here");
#pragma warning disable CS0162 // An iterator needs a yield.
        yield break;
#pragma warning restore CS0162
    }

    public JsonObject? Find(string kind, string name) => Objects.FirstOrDefault(o => o.Key.Kind == kind && o.Key.Name == name).Value;

    private static ObjectReference Normalize(ObjectReference reference) =>
        ClusterScoped.Contains(reference.Kind) ? reference with { Namespace = null } : reference with { Namespace = reference.Namespace ?? "default" };
}
