using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Konfig.Kubernetes.Http;

/// <summary>
/// Discovery cache: per apiVersion, the kinds the server serves (from /api/v1 or /apis/{group}/{version},
/// fetched once, on first use). Concurrent callers share one fetch; a failed fetch is not cached.
/// </summary>
internal sealed class KindDiscovery(Func<string, CancellationToken, Task<JsonObject?>> getJson)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyDictionary<string, ResourceKind>>>> byApiVersion = new(StringComparer.Ordinal);

    public async Task<ResourceKind?> FindAsync(string apiVersion, string kind, CancellationToken cancellationToken)
    {
        var entry = byApiVersion.GetOrAdd(apiVersion, version => new Lazy<Task<IReadOnlyDictionary<string, ResourceKind>>>(() => FetchAsync(version)));
        try
        {
            // The shared fetch runs to completion for the others even when this caller gives up.
            var kinds = await entry.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            return kinds.GetValueOrDefault(kind);
        }
        catch (Exception) when (entry.Value.IsFaulted)
        {
            byApiVersion.TryRemove(KeyValuePair.Create(apiVersion, entry));
            throw;
        }
    }

    public void Clear() => byApiVersion.Clear();

    private async Task<IReadOnlyDictionary<string, ResourceKind>> FetchAsync(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var (group, version) = slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
        var path = group.Length == 0 ? $"/api/{Uri.EscapeDataString(version)}" : $"/apis/{Uri.EscapeDataString(group)}/{Uri.EscapeDataString(version)}";

        // Null (404): the server does not serve this group/version, so none of its kinds.
        var list = await getJson(path, CancellationToken.None).ConfigureAwait(false);
        var kinds = new Dictionary<string, ResourceKind>(StringComparer.Ordinal);
        foreach (var resource in (list?["resources"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = (string?)resource["name"];
            var kind = (string?)resource["kind"];

            // Subresources (deployments/scale, pods/status) share their parent's kind; they are not addressable objects.
            if (name is null || kind is null || name.Contains('/', StringComparison.Ordinal))
            {
                continue;
            }

            kinds.TryAdd(kind, new ResourceKind(group, version, kind, name, resource["namespaced"]?.GetValue<bool>() ?? false));
        }

        return kinds;
    }
}
