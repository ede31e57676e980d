using System.Text.Json.Nodes;

namespace Konfig.Kubernetes;

/// <summary>
/// The Kubernetes API operations the engine needs, behind our own interface: <see cref="KubernetesHttpClient"/>
/// implements it with our own requests over KubernetesClient's (the official .NET client's) transport and credentials. Objects are plain JSON (<see cref="JsonObject"/>), as the API server speaks it.
/// API errors (a <c>Status</c> answer, a refused connection, a timeout) surface as
/// <see cref="KubernetesApiException"/>; "not found" on GET and DELETE is a null/false result instead.
/// </summary>
public interface IKubernetesClient
{
    /// <summary>The API server's address, for messages.</summary>
    Uri Server { get; }

    /// <summary>
    /// Discovery: the resource that serves <paramref name="kind"/> of <paramref name="apiVersion"/>, and whether
    /// it is namespaced. Cached per client. Null when the server does not know the kind (e.g. a CRD not yet
    /// established).
    /// </summary>
    Task<ResourceKind?> FindKindAsync(string apiVersion, string kind, CancellationToken cancellationToken = default);

    /// <summary>Forget cached discovery (after creating a CRD, its kinds appear).</summary>
    void InvalidateDiscovery();

    Task<JsonObject?> GetAsync(ObjectReference reference, CancellationToken cancellationToken = default);

    /// <summary>LIST; <paramref name="namespace"/> null lists across namespaces (or a cluster-scoped kind).</summary>
    Task<ObjectList> ListAsync(string apiVersion, string kind, string? @namespace, string? labelSelector = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Server-side apply: PATCH with <c>application/apply-patch+yaml</c> (JSON is valid YAML), with
    /// <see cref="ApplyOptions.FieldManager"/>, <c>force</c> and, for previews, <c>dryRun=All</c>.
    /// Returns the object as the server has it (or would have it, on a dry run).
    /// </summary>
    Task<JsonObject> ApplyAsync(JsonObject manifest, ApplyOptions options, CancellationToken cancellationToken = default);

    /// <summary>DELETE with a propagation policy. False when the object did not exist.</summary>
    Task<bool> DeleteAsync(ObjectReference reference, DeletePropagation propagation = DeletePropagation.Background, CancellationToken cancellationToken = default);

    /// <summary>
    /// WATCH a kind (optionally one namespace, one object by name through a field selector) from a
    /// resourceVersion; the stream ends when the server closes it or the token is cancelled.
    /// </summary>
    IAsyncEnumerable<WatchEvent> WatchAsync(string apiVersion, string kind, string? @namespace, string? name, string? resourceVersion, CancellationToken cancellationToken = default);
}

/// <summary>An object's address: apiVersion, kind, namespace (null for cluster-scoped kinds) and name.</summary>
public sealed record ObjectReference(string ApiVersion, string Kind, string? Namespace, string Name)
{
    public override string ToString() => Namespace is null ? $"{ApiVersion}:{Kind}:{Name}" : $"{ApiVersion}:{Kind}:{Namespace}:{Name}";

    /// <summary>The reference of a manifest (apiVersion, kind, metadata.namespace, metadata.name); null when a field is missing.</summary>
    public static ObjectReference? Of(JsonObject manifest)
    {
        var apiVersion = manifest["apiVersion"]?.GetValue<string>();
        var kind = manifest["kind"]?.GetValue<string>();
        var metadata = manifest["metadata"] as JsonObject;
        var name = metadata?["name"]?.GetValue<string>();
        return apiVersion is null || kind is null || name is null
            ? null
            : new ObjectReference(apiVersion, kind, metadata?["namespace"]?.GetValue<string>(), name);
    }
}

/// <summary>What discovery says about a kind: its group, version, plural resource name and scope.</summary>
public sealed record ResourceKind(string Group, string Version, string Kind, string Plural, bool Namespaced)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";
}

public sealed record ObjectList(IReadOnlyList<JsonObject> Items, string? ResourceVersion);

public sealed record ApplyOptions(string FieldManager = "konfig", bool Force = false, bool DryRun = false);

public enum DeletePropagation
{
    Background,
    Foreground,
    Orphan,
}

public enum WatchEventType
{
    Added,
    Modified,
    Deleted,
    Bookmark,
    Error,
}

/// <summary>One event of a watch stream: its type and the object (for Error, the Status).</summary>
public sealed record WatchEvent(WatchEventType Type, JsonObject Object);

/// <summary>
/// A failed API call: the HTTP status (0 when no answer came), the Status reason (<c>Conflict</c>,
/// <c>NotFound</c>, <c>Invalid</c>…) and the server's message.
/// </summary>
public sealed class KubernetesApiException(int statusCode, string reason, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public int StatusCode { get; } = statusCode;

    public string Reason { get; } = reason;

    public bool IsConflict => StatusCode == 409;
}
