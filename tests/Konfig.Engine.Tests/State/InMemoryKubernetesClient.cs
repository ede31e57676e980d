using System.Text.Json.Nodes;
using Konfig.Kubernetes;

namespace Konfig.Engine.Tests.State;

/// <summary>
/// A minimal in-memory API server for unit tests of the state store's logic, with the parts of the real
/// protocol the store depends on: apply creates or merges maps, bumps resourceVersion on change, refuses
/// a stale <c>metadata.resourceVersion</c> (or one sent for an object that does not exist) with 409,
/// and refuses writes into a missing namespace with 404. Every call yields first, so concurrent callers
/// really interleave. Field managers are not modelled: the store's writes never rely on removal.
/// </summary>
internal sealed class InMemoryKubernetesClient : IKubernetesClient
{
    private readonly Dictionary<string, JsonObject> _objects = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _resourceVersion = 100;
    private string? _heldManager;
    private int _heldUntil;
    private int _held;
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Uri Server { get; } = new("https://in-memory.test");

    public void AddNamespace(string name)
    {
        lock (_gate)
        {
            _objects[KeyOf(new ObjectReference("v1", "Namespace", null, name))] = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Namespace",
                ["metadata"] = new JsonObject { ["name"] = name, ["resourceVersion"] = (++_resourceVersion).ToString(System.Globalization.CultureInfo.InvariantCulture) },
            };
        }
    }

    /// <summary>
    /// Makes the next applies of <paramref name="fieldManager"/> wait until <paramref name="count"/> of them
    /// arrived, then lets them all through: every racer has read the same object before anyone writes.
    /// </summary>
    public void HoldApplies(string fieldManager, int count)
    {
        _heldManager = fieldManager;
        _heldUntil = count;
        _held = 0;
        _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public async Task<JsonObject?> GetAsync(ObjectReference reference, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        lock (_gate)
        {
            return _objects.TryGetValue(KeyOf(reference), out var found) ? (JsonObject)found.DeepClone() : null;
        }
    }

    public async Task<JsonObject> ApplyAsync(JsonObject manifest, ApplyOptions options, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        if (options.FieldManager == _heldManager)
        {
            if (Interlocked.Increment(ref _held) >= _heldUntil)
            {
                _heldManager = null;
                _release.TrySetResult();
            }

            await _release.Task.WaitAsync(cancellationToken);
        }

        var reference = ObjectReference.Of(manifest) ?? throw new KubernetesApiException(400, "BadRequest", "apiVersion, kind and metadata.name are required");
        lock (_gate)
        {
            if (reference.Namespace is { } ns && !_objects.ContainsKey(KeyOf(new ObjectReference("v1", "Namespace", null, ns))))
            {
                throw new KubernetesApiException(404, "NotFound", $"namespaces \"{ns}\" not found");
            }

            var key = KeyOf(reference);
            _objects.TryGetValue(key, out var live);
            var precondition = manifest["metadata"]?["resourceVersion"]?.GetValue<string>();
            if (precondition is not null && precondition != live?["metadata"]?["resourceVersion"]?.GetValue<string>())
            {
                throw new KubernetesApiException(409, "Conflict", $"Operation cannot be fulfilled on {reference}: the object has been modified; please apply your changes to the latest version and try again");
            }

            var next = live is null ? new JsonObject() : (JsonObject)live.DeepClone();
            var patch = (JsonObject)manifest.DeepClone();
            ((JsonObject)patch["metadata"]!).Remove("resourceVersion");
            Merge(next, patch);
            if (live is null || !JsonNode.DeepEquals(live, next))
            {
                next["metadata"]!["resourceVersion"] = (++_resourceVersion).ToString(System.Globalization.CultureInfo.InvariantCulture);
                _objects[key] = next;
            }

            return (JsonObject)_objects[key].DeepClone();
        }
    }

    public async Task<bool> DeleteAsync(ObjectReference reference, DeletePropagation propagation = DeletePropagation.Background, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        lock (_gate)
        {
            return _objects.Remove(KeyOf(reference));
        }
    }

    public Task<ResourceKind?> FindKindAsync(string apiVersion, string kind, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("not used by the state store");

    public void InvalidateDiscovery()
    {
    }

    public Task<ObjectList> ListAsync(string apiVersion, string kind, string? @namespace, string? labelSelector = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("not used by the state store");

    public IAsyncEnumerable<WatchEvent> WatchAsync(string apiVersion, string kind, string? @namespace, string? name, string? resourceVersion, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("not used by the state store");

    private static string KeyOf(ObjectReference reference) => $"{reference.Kind}/{reference.Namespace}/{reference.Name}";

    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch.ToList())
        {
            if (value is JsonObject map && target[name] is JsonObject existing)
            {
                Merge(existing, map);
            }
            else
            {
                target[name] = value?.DeepClone();
            }
        }
    }
}
