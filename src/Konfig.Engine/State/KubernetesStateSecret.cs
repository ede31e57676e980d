using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Konfig.Kubernetes;

namespace Konfig.Engine.State;

/// <summary>
/// The Secret that holds one stack's state in the cluster, and the three partial manifests konfig applies
/// to it. Each part has its own field manager and always applies the same fields, so under server-side
/// apply no write removes another's fields (a manager's omitted fields are deleted):
/// <list type="bullet">
/// <item><c>konfig-state-init</c>: labels, the readable key annotation, the type (creates the Secret; idempotent).</item>
/// <item><c>konfig-state-lock</c>: the lock annotations (<c>konfig.io/lock-holder</c>, <c>-since</c>, <c>-id</c>, and
/// <c>-process</c>: the holder's pid, host and start, see <see cref="LockProcess"/>; all empty when unlocked).</item>
/// <item><c>konfig-state</c>: <c>data.state</c>, base64 of the gzip-compressed state JSON (see <see cref="StateSerializer"/>).</item>
/// </list>
/// Lock and data writes carry <c>metadata.resourceVersion</c>: the server refuses them with 409 Conflict
/// when the Secret changed since it was read, which is the whole concurrency story.
/// Read a state by hand: <c>kubectl get secret NAME -o jsonpath='{.data.state}' | base64 -d | gunzip</c>.
/// </summary>
internal static class KubernetesStateSecret
{
    public const string InitManager = "konfig-state-init";
    public const string LockManager = "konfig-state-lock";
    public const string DataManager = "konfig-state";
    public const string SecretType = "konfig.io/state";
    public const string DataKey = "state";
    public const string KeyAnnotation = "konfig.io/state-key";
    public const string HolderAnnotation = "konfig.io/lock-holder";
    public const string SinceAnnotation = "konfig.io/lock-since";
    public const string LockIdAnnotation = "konfig.io/lock-id";
    public const string LockProcessAnnotation = "konfig.io/lock-process";

    private const int MaxReadablePart = 60;

    /// <summary>
    /// <c>konfig-state.&lt;project&gt;.&lt;stack&gt;.&lt;hash&gt;</c>: project and stack lower-cased, other characters
    /// turned to <c>-</c> and cut to 60 characters, so people recognise it; the hash (SHA-256 of project,
    /// stack and cluster, 12 hex digits) keeps every key apart. At most 147 characters, a DNS-1123 subdomain.
    /// </summary>
    public static string Name(StateKey key)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{key.Project}\n{key.Stack}\n{key.Cluster}")))[..12];
        return $"konfig-state.{DnsLabel(key.Project)}.{DnsLabel(key.Stack)}.{hash}";
    }

    public static ObjectReference Reference(string @namespace, StateKey key) => new("v1", "Secret", @namespace, Name(key));

    public static JsonObject InitManifest(string @namespace, StateKey key)
    {
        var manifest = Skeleton(@namespace, key, resourceVersion: null);
        var metadata = (JsonObject)manifest["metadata"]!;
        metadata["labels"] = new JsonObject
        {
            ["app.kubernetes.io/managed-by"] = "konfig",
            ["konfig.io/project"] = LabelValue(key.Project),
            ["konfig.io/stack"] = LabelValue(key.Stack),
        };
        metadata["annotations"] = new JsonObject { [KeyAnnotation] = key.ToString() };
        manifest["type"] = SecretType;
        return manifest;
    }

    /// <summary>The lock annotations; all empty releases the lock.</summary>
    public static JsonObject LockManifest(string @namespace, StateKey key, string resourceVersion, LockInfo? holder)
    {
        var manifest = Skeleton(@namespace, key, resourceVersion);
        ((JsonObject)manifest["metadata"]!)["annotations"] = new JsonObject
        {
            [HolderAnnotation] = holder?.Holder ?? "",
            [SinceAnnotation] = holder?.Since ?? "",
            [LockIdAnnotation] = holder?.Id ?? "",
            [LockProcessAnnotation] = holder?.Process?.ToText() ?? "",
        };
        return manifest;
    }

    public static JsonObject DataManifest(string @namespace, StateKey key, string resourceVersion, StackState state)
    {
        // Serialize first: if it throws, nothing is sent.
        var json = Encoding.UTF8.GetBytes(StateSerializer.Serialize(state));
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(json);
        }

        var manifest = Skeleton(@namespace, key, resourceVersion);
        // Secrets hold at most 1 MiB; gzip makes room for states several times that size as JSON.
        manifest["data"] = new JsonObject { [DataKey] = Convert.ToBase64String(compressed.ToArray()) };
        return manifest;
    }

    public static string? ResourceVersion(JsonObject secret) => secret["metadata"]?["resourceVersion"]?.GetValue<string>();

    /// <summary>Who holds the lock; null when nobody does.</summary>
    public static LockInfo? Lock(JsonObject secret)
    {
        var annotations = secret["metadata"]?["annotations"] as JsonObject;
        var holder = annotations?[HolderAnnotation]?.GetValue<string>();
        return string.IsNullOrEmpty(holder)
            ? null
            : new LockInfo(
                holder,
                annotations?[SinceAnnotation]?.GetValue<string>() ?? "",
                annotations?[LockIdAnnotation]?.GetValue<string>() ?? "",
                LockProcess.Parse(annotations?[LockProcessAnnotation]?.GetValue<string>()));
    }

    /// <summary>The stored state; null when the Secret holds none yet (only a lock). Corrupt data throws, naming the Secret.</summary>
    public static StackState? ReadState(JsonObject secret, string @namespace, StateKey key)
    {
        var source = $"Secret {@namespace}/{Name(key)}";
        if (secret["data"]?[DataKey] is not JsonNode encoded)
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(encoded.GetValue<string>());
            if (bytes is [0x1f, 0x8b, ..])
            {
                using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
                var plain = new MemoryStream();
                gzip.CopyTo(plain);
                bytes = plain.ToArray();
            }
        }
        catch (Exception error) when (error is FormatException or InvalidDataException or InvalidOperationException)
        {
            throw new StateException($"The {source} is corrupt: data.{DataKey} is not base64 of (gzip-compressed) JSON: {error.Message}. konfig never overwrites a corrupt state: fix or delete the Secret and retry.", error);
        }

        var state = StateSerializer.Deserialize(Encoding.UTF8.GetString(bytes), source);
        return state.Key == key
            ? state
            : throw new StateException($"The {source} holds the state of {state.Key}, not of {key}. konfig never overwrites it: fix or delete the Secret.");
    }

    private static JsonObject Skeleton(string @namespace, StateKey key, string? resourceVersion)
    {
        var metadata = new JsonObject { ["name"] = Name(key), ["namespace"] = @namespace };
        if (resourceVersion is not null)
        {
            metadata["resourceVersion"] = resourceVersion;
        }

        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Secret", ["metadata"] = metadata };
    }

    /// <summary>Lower-case letters, digits and inner dashes; never empty.</summary>
    private static string DnsLabel(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            var keep = char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
            if (keep)
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var label = builder.ToString(0, Math.Min(builder.Length, MaxReadablePart)).Trim('-');
        return label.Length == 0 ? "x" : label;
    }

    /// <summary>A label value (63 characters of letters, digits, '-', '_', '.', alphanumeric at both ends); '/' and others become '_'.</summary>
    private static string LabelValue(string text)
    {
        var chars = text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray();
        var value = new string(chars, 0, Math.Min(chars.Length, 63));
        return value.Trim('-', '_', '.');
    }
}

/// <summary>A Kubernetes lock as its annotations say: the holder text, since when, the id of that lock, and its process (when recorded).</summary>
internal sealed record LockInfo(string Holder, string Since, string Id, LockProcess? Process);
