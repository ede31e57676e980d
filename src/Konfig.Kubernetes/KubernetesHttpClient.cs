using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Konfig.Kubernetes.Http;
using Konfig.Kubernetes.Kubeconfig;

namespace Konfig.Kubernetes;

/// <summary>
/// <see cref="IKubernetesClient"/> over HttpClient, for one cluster resolved from a kubeconfig
/// (<see cref="KubeconfigLoader"/>). KubernetesClient gives the transport and the credentials
/// (<see cref="ClusterTransport"/>); the requests are ours, as the library has no kind-agnostic server-side
/// apply. Thread-safe: one instance serves parallel calls and caches discovery.
/// </summary>
public sealed class KubernetesHttpClient : IKubernetesClient, IDisposable
{
    private const string ApplyPatchContentType = "application/apply-patch+yaml";

    private readonly KubeCluster cluster;
    private readonly KubernetesHttpClientOptions options;
    private readonly TlsFailureRecorder tlsFailures = new();
    private readonly ClusterTransport transport;
    private readonly HttpClient http;
    private readonly KindDiscovery discovery;

    public KubernetesHttpClient(KubeCluster cluster, KubernetesHttpClientOptions? options = null)
    {
        this.cluster = cluster;
        this.options = options ?? new KubernetesHttpClientOptions();
        transport = new ClusterTransport(cluster, tlsFailures, this.options.ConnectTimeout);

        // Each call sets its own limit (the library's HttpClient has none); watches run as long as their token allows.
        http = transport.Http;
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        http.DefaultRequestHeaders.UserAgent.Clear();
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("konfig", "1.0"));

        discovery = new KindDiscovery(GetJsonOrNullAsync);
    }

    public Uri Server => cluster.Server;

    /// <summary>The namespace used for a namespaced object that names none (the kubeconfig context's).</summary>
    public string DefaultNamespace => cluster.Namespace;

    public Task<ResourceKind?> FindKindAsync(string apiVersion, string kind, CancellationToken cancellationToken = default) =>
        discovery.FindAsync(apiVersion, kind, cancellationToken);

    public void InvalidateDiscovery() => discovery.Clear();

    public async Task<JsonObject?> GetAsync(ObjectReference reference, CancellationToken cancellationToken = default)
    {
        // A kind the server does not know (a CRD not installed yet) has no objects either.
        var kind = await FindKindAsync(reference.ApiVersion, reference.Kind, cancellationToken).ConfigureAwait(false);
        return kind is null ? null : await GetJsonOrNullAsync(ObjectPath(kind, reference.Namespace, reference.Name), cancellationToken).ConfigureAwait(false);
    }

    public async Task<ObjectList> ListAsync(string apiVersion, string kind, string? @namespace, string? labelSelector = null, CancellationToken cancellationToken = default)
    {
        var resource = await RequireKindAsync(apiVersion, kind, cancellationToken).ConfigureAwait(false);
        var query = labelSelector is null ? "" : $"?labelSelector={Uri.EscapeDataString(labelSelector)}";
        var path = CollectionPath(resource, resource.Namespaced ? @namespace : null) + query;
        var list = await SendAsync(HttpMethod.Get, path, content: null, cancellationToken).ConfigureAwait(false)
            ?? throw new KubernetesApiException(404, "NotFound", $"GET {path}: not found");

        var items = new List<JsonObject>();
        foreach (var item in (list["items"] as JsonArray ?? []).OfType<JsonObject>())
        {
            // Items of a list carry no apiVersion/kind on a real server; put them back so each item is a whole object.
            var copy = (JsonObject)item.DeepClone();
            copy["apiVersion"] ??= resource.ApiVersion;
            copy["kind"] ??= resource.Kind;
            items.Add(copy);
        }

        return new ObjectList(items, (string?)list["metadata"]?["resourceVersion"]);
    }

    public async Task<JsonObject> ApplyAsync(JsonObject manifest, ApplyOptions options, CancellationToken cancellationToken = default)
    {
        var reference = ObjectReference.Of(manifest)
            ?? throw new KubernetesApiException(422, "Invalid", "cannot apply a manifest without apiVersion, kind and metadata.name");
        var resource = await RequireKindAsync(reference.ApiVersion, reference.Kind, cancellationToken).ConfigureAwait(false);

        // Send a copy with the namespace it will land in, so the body agrees with the path.
        var body = (JsonObject)manifest.DeepClone();
        var metadata = (JsonObject)body["metadata"]!;
        var @namespace = resource.Namespaced ? reference.Namespace ?? cluster.Namespace : null;
        if (@namespace is null)
        {
            metadata.Remove("namespace");
        }
        else
        {
            metadata["namespace"] = @namespace;
        }

        var query = $"?fieldManager={Uri.EscapeDataString(options.FieldManager)}"
            + (options.Force ? "&force=true" : "")
            + (options.DryRun ? "&dryRun=All" : "");
        var content = new StringContent(body.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(ApplyPatchContentType);
        var path = ObjectPath(resource, @namespace, reference.Name) + query;
        return await SendAsync(HttpMethod.Patch, path, content, cancellationToken).ConfigureAwait(false)
            ?? throw new KubernetesApiException(404, "NotFound", $"PATCH {path}: not found");
    }

    public async Task<bool> DeleteAsync(ObjectReference reference, DeletePropagation propagation = DeletePropagation.Background, CancellationToken cancellationToken = default)
    {
        var kind = await FindKindAsync(reference.ApiVersion, reference.Kind, cancellationToken).ConfigureAwait(false);
        if (kind is null)
        {
            return false;
        }

        var options = new JsonObject
        {
            ["kind"] = "DeleteOptions",
            ["apiVersion"] = "v1",
            ["propagationPolicy"] = propagation.ToString(),
        };
        var content = new StringContent(options.ToJsonString(), Encoding.UTF8, "application/json");
        var path = ObjectPath(kind, reference.Namespace, reference.Name);
        return await SendAsync(HttpMethod.Delete, path, content, cancellationToken).ConfigureAwait(false) is not null;
    }

    public async IAsyncEnumerable<WatchEvent> WatchAsync(
        string apiVersion,
        string kind,
        string? @namespace,
        string? name,
        string? resourceVersion,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var resource = await RequireKindAsync(apiVersion, kind, cancellationToken).ConfigureAwait(false);
        var query = new StringBuilder("?watch=true");
        if (resourceVersion is not null)
        {
            query.Append("&resourceVersion=").Append(Uri.EscapeDataString(resourceVersion));
        }

        if (name is not null)
        {
            query.Append("&fieldSelector=").Append(Uri.EscapeDataString($"metadata.name={name}"));
        }

        // One object by name lives in one namespace: the context's when none is given.
        var watchNamespace = !resource.Namespaced ? null : @namespace ?? (name is null ? null : cluster.Namespace);
        var path = CollectionPath(resource, watchNamespace) + query;
        using var response = await OpenWatchAsync(path, cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), Encoding.UTF8);
        while (await ReadWatchLineAsync(reader, cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (WatchStreamReader.Parse(line) is { } watchEvent)
            {
                yield return watchEvent;
            }
        }
    }

    public void Dispose() => transport.Dispose();

    private async Task<ResourceKind> RequireKindAsync(string apiVersion, string kind, CancellationToken cancellationToken) =>
        await FindKindAsync(apiVersion, kind, cancellationToken).ConfigureAwait(false)
            ?? throw new KubernetesApiException(404, "NotFound", $"the server {Server.GetLeftPart(UriPartial.Authority)} has no kind {kind} in {apiVersion} (is its CRD installed?)");

    private string CollectionPath(ResourceKind kind, string? @namespace)
    {
        var prefix = kind.Group.Length == 0 ? $"/api/{kind.Version}" : $"/apis/{kind.Group}/{kind.Version}";
        return kind.Namespaced && @namespace is not null
            ? $"{prefix}/namespaces/{Uri.EscapeDataString(@namespace)}/{kind.Plural}"
            : $"{prefix}/{kind.Plural}";
    }

    private string ObjectPath(ResourceKind kind, string? @namespace, string name) =>
        $"{CollectionPath(kind, kind.Namespaced ? @namespace ?? cluster.Namespace : null)}/{Uri.EscapeDataString(name)}";

    private Task<JsonObject?> GetJsonOrNullAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, content: null, cancellationToken);

    /// <summary>One call, answer read whole within the time limit: the JSON answer, null on 404, otherwise the error.</summary>
    private async Task<JsonObject?> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.RequestTimeout);
        using var request = new HttpRequestMessage(method, Address(path)) { Content = content };
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, limit.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(limit.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound && method != HttpMethod.Patch)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw ApiErrors.FromAnswer(response.StatusCode, body, method.Method, path);
            }

            return ApiErrors.TryParse(body)
                ?? throw new KubernetesApiException((int)response.StatusCode, "InvalidResponse", $"{method} {path}: the answer is not a JSON object");
        }
        catch (Exception e) when (IsTransportFailure(e, cancellationToken))
        {
            throw ApiErrors.Unreachable(Server, e, tlsFailures);
        }
    }

    /// <summary>Starts a watch: the time limit covers the answer's headers, not the stream that follows.</summary>
    private async Task<HttpResponseMessage> OpenWatchAsync(string path, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.RequestTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, Address(path));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (IsTransportFailure(e, cancellationToken))
        {
            throw ApiErrors.Unreachable(Server, e, tlsFailures);
        }

        if (response.IsSuccessStatusCode)
        {
            limit.CancelAfter(Timeout.InfiniteTimeSpan);
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw ApiErrors.FromAnswer(response.StatusCode, body, "GET", path);
        }
    }

    private async Task<string?> ReadWatchLineAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsTransportFailure(e, cancellationToken))
        {
            throw ApiErrors.Unreachable(Server, e, tlsFailures);
        }
    }

    /// <summary>A failure of the network or the time limit, not a cancellation the caller asked for.</summary>
    private static bool IsTransportFailure(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private Uri Address(string path) => new(cluster.Server.AbsoluteUri.TrimEnd('/') + path);
}
