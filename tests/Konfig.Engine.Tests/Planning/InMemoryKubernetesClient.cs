using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Konfig.Kubernetes;

namespace Konfig.Engine.Tests.Planning;

/// <summary>
/// A small in-memory stand-in for the API server, for unit tests of the planner's logic only (ordering,
/// error handling, concurrency); the planner is also tested with the real client against the fake server.
/// Apply merges maps and replaces lists, adds the server's bookkeeping and a status, and refuses objects
/// in a namespace that does not exist, as the API server does.
/// </summary>
internal sealed class InMemoryKubernetesClient : IKubernetesClient
{
    private readonly Dictionary<string, JsonObject> _objects = new(StringComparer.Ordinal);
    private int _running;
    private int _version;

    public Uri Server { get; } = new("http://in-memory");

    /// <summary>A failure to throw instead of applying (dry run or not), by object.</summary>
    public Func<ObjectReference, Exception?> FailApply { get; set; } = _ => null;

    public HashSet<string> UnknownKinds { get; } = new(StringComparer.Ordinal);

    public TimeSpan Delay { get; set; }

    public int MaxConcurrentCalls { get; private set; }

    public int Calls { get; private set; }

    public IReadOnlyDictionary<string, JsonObject> Objects => _objects;

    public Task<ResourceKind?> FindKindAsync(string apiVersion, string kind, CancellationToken cancellationToken = default) =>
        Task.FromResult(UnknownKinds.Contains(kind) ? null : new ResourceKind("", apiVersion, kind, kind.ToLowerInvariant() + "s", kind != "Namespace"));

    public void InvalidateDiscovery()
    {
    }

    public async Task<JsonObject?> GetAsync(ObjectReference reference, CancellationToken cancellationToken = default)
    {
        await EnterAsync(cancellationToken);
        try
        {
            lock (_objects)
            {
                return _objects.TryGetValue(reference.ToString(), out var found) ? found.DeepClone().AsObject() : null;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    public async Task<JsonObject> ApplyAsync(JsonObject manifest, ApplyOptions options, CancellationToken cancellationToken = default)
    {
        await EnterAsync(cancellationToken);
        try
        {
            var reference = ObjectReference.Of(manifest)!;
            if (FailApply(reference) is { } failure)
            {
                throw failure;
            }

            lock (_objects)
            {
                if (reference.Namespace is { } ns && !_objects.ContainsKey($"v1:Namespace:{ns}"))
                {
                    throw new KubernetesApiException(404, "NotFound", $"namespaces \"{ns}\" not found");
                }

                var existing = _objects.GetValueOrDefault(reference.ToString());
                var result = (JsonObject)Merge(existing?.DeepClone() ?? new JsonObject(), manifest)!;
                var metadata = result["metadata"]!.AsObject();
                metadata["uid"] ??= Guid.NewGuid().ToString();
                metadata["creationTimestamp"] ??= "2025-01-01T00:00:00Z";
                metadata["resourceVersion"] = (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture);
                metadata["managedFields"] = new JsonArray(new JsonObject { ["manager"] = options.FieldManager, ["time"] = _version.ToString(System.Globalization.CultureInfo.InvariantCulture) });
                result["status"] = new JsonObject { ["observedAt"] = _version };
                if (!options.DryRun)
                {
                    _objects[reference.ToString()] = result.DeepClone().AsObject();
                }

                return result;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    public Task<bool> DeleteAsync(ObjectReference reference, DeletePropagation propagation = DeletePropagation.Background, CancellationToken cancellationToken = default)
    {
        lock (_objects)
        {
            return Task.FromResult(_objects.Remove(reference.ToString()));
        }
    }

    public Task<ObjectList> ListAsync(string apiVersion, string kind, string? @namespace, string? labelSelector = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public async IAsyncEnumerable<WatchEvent> WatchAsync(string apiVersion, string kind, string? @namespace, string? name, string? resourceVersion, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        yield break;
    }

    private async Task EnterAsync(CancellationToken cancellationToken)
    {
        var running = Interlocked.Increment(ref _running);
        lock (_objects)
        {
            Calls++;
            MaxConcurrentCalls = Math.Max(MaxConcurrentCalls, running);
        }

        try
        {
            await Task.Delay(Delay, cancellationToken);
        }
        catch
        {
            Interlocked.Decrement(ref _running);
            throw;
        }
    }

    private static JsonNode? Merge(JsonNode? existing, JsonNode? patch)
    {
        if (existing is JsonObject target && patch is JsonObject source)
        {
            foreach (var (key, value) in source)
            {
                target[key] = Merge(target[key]?.DeepClone(), value);
            }

            return target;
        }

        return patch?.DeepClone();
    }
}
