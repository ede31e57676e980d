using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Konfig.Kubernetes.Tests.Client;

/// <summary>
/// A small API server on loopback speaking the real wire protocol for what the client tests need: discovery
/// (core and grouped kinds, subresources), server-side apply (create, update, dry run), GET, LIST, DELETE,
/// line-delimited WATCH and Status errors. It records every request so tests can check what the client sent.
/// Optionally over TLS, requiring a client certificate signed by a given CA.
/// </summary>
internal sealed class ApiResponder : IAsyncDisposable
{
    private static readonly Dictionary<string, JsonArray> Discovery = new(StringComparer.Ordinal)
    {
        ["/api/v1"] = [Resource("namespaces", "Namespace", false), Resource("configmaps", "ConfigMap", true), Resource("pods", "Pod", true), Resource("pods/status", "Pod", true)],
        ["/apis/apps/v1"] = [Resource("deployments", "Deployment", true), Resource("deployments/scale", "Scale", true)],
        ["/apis/rbac.authorization.k8s.io/v1"] = [Resource("clusterroles", "ClusterRole", false)],
        ["/apis/slow.example/v1"] = [],
    };

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, JsonObject> objects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Channel<(string Path, string Type, JsonObject Object)>, bool> watchers = new();
    private readonly object writeLock = new();
    private int resourceVersion = 100;

    private ApiResponder(WebApplication app, Uri url)
    {
        this.app = app;
        Url = url;
    }

    public Uri Url { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public IReadOnlyDictionary<string, JsonObject> Objects => objects;

    /// <summary>Open watches, so a test can make its changes once the watch listens.</summary>
    public int WatcherCount => watchers.Count;

    public static async Task<ApiResponder> StartAsync(X509Certificate2? serverCertificate = null, X509Certificate2? clientAuthority = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (serverCertificate is not null)
            {
                listen.UseHttps(https =>
                {
                    https.ServerCertificate = serverCertificate;
                    if (clientAuthority is not null)
                    {
                        https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                        https.ClientCertificateValidation = (certificate, _, _) => IsSignedBy(certificate, clientAuthority);
                    }
                });
            }
        }));
        var app = builder.Build();
        ApiResponder? responder = null;
        app.Run(context => responder!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        responder = new ApiResponder(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
        return responder;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var watcher in watchers.Keys)
        {
            watcher.Writer.TryComplete();
        }

        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var body = await new StreamReader(request.Body, Encoding.UTF8).ReadToEndAsync();
        Requests.Enqueue(new RecordedRequest(
            request.Method,
            request.Path + request.QueryString,
            request.ContentType,
            body,
            request.Headers.Authorization.ToString(),
            context.Connection.ClientCertificate?.Subject));

        var path = request.Path.Value!;
        if (path.StartsWith("/apis/slow.example/", StringComparison.Ordinal))
        {
            // Never answers: the client's time limit must end the call.
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        if (Discovery.TryGetValue(path, out var resources))
        {
            await WriteAsync(context, 200, new JsonObject { ["kind"] = "APIResourceList", ["groupVersion"] = path.Replace("/apis/", "", StringComparison.Ordinal).Replace("/api/", "", StringComparison.Ordinal), ["resources"] = resources.DeepClone() });
            return;
        }

        var (collection, name) = Split(path);
        if (collection is null)
        {
            await WriteStatusAsync(context, 404, "NotFound", $"the server could not find the requested resource ({path})");
            return;
        }

        switch (request.Method)
        {
            case "GET" when request.Query["watch"] == "true":
                await WatchAsync(context, collection, request.Query["fieldSelector"].ToString().Replace("metadata.name=", "", StringComparison.Ordinal), request.Query["resourceVersion"]);
                break;
            case "GET" when name is null:
                await ListAsync(context, collection, request.Query["labelSelector"]);
                break;
            case "GET":
                await (objects.TryGetValue(path, out var found)
                    ? WriteAsync(context, 200, found)
                    : WriteStatusAsync(context, 404, "NotFound", $"\"{name}\" not found"));
                break;
            case "PATCH":
                await ApplyAsync(context, path, body);
                break;
            case "DELETE":
                await DeleteAsync(context, collection, path, name!);
                break;
            default:
                await WriteStatusAsync(context, 405, "MethodNotAllowed", $"{request.Method} is not supported");
                break;
        }
    }

    private async Task ApplyAsync(HttpContext context, string path, string body)
    {
        if (context.Request.ContentType != "application/apply-patch+yaml")
        {
            await WriteStatusAsync(context, 415, "UnsupportedMediaType", $"the body of the request was in an unknown format: {context.Request.ContentType}");
            return;
        }

        var manifest = JsonNode.Parse(body)!.AsObject();
        var query = context.Request.Query;
        if (query["fieldManager"].ToString().Length == 0)
        {
            await WriteStatusAsync(context, 422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value");
            return;
        }

        var annotations = manifest["metadata"]?["annotations"];
        if ((string?)annotations?["test.konfig.io/reject"] is { } rejection)
        {
            await WriteStatusAsync(context, 422, "Invalid", rejection);
            return;
        }

        JsonObject result;
        lock (writeLock)
        {
            objects.TryGetValue(path, out var existing);
            if (existing is not null && (string?)annotations?["test.konfig.io/conflict"] is not null && query["force"] != "true")
            {
                result = Status(409, "Conflict", "Apply failed with 1 conflict: conflict with \"kubectl\": .data.key");
            }
            else
            {
                result = (JsonObject)manifest.DeepClone();
                var metadata = result["metadata"]!.AsObject();
                var generation = existing?["metadata"]?["generation"]?.GetValue<int>() ?? 0;
                var specChanged = existing is null || !JsonNode.DeepEquals(existing["spec"] ?? existing["data"], manifest["spec"] ?? manifest["data"]);
                metadata["uid"] = (string?)existing?["metadata"]?["uid"] ?? Guid.NewGuid().ToString();
                metadata["generation"] = specChanged ? generation + 1 : generation;
                metadata["resourceVersion"] = (resourceVersion + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (query["dryRun"] != "All")
                {
                    resourceVersion++;
                    objects[path] = result;
                    Broadcast(path, existing is null ? "ADDED" : "MODIFIED", result);
                }
            }
        }

        await WriteAsync(context, result["kind"]?.GetValue<string>() == "Status" ? 409 : 200, result);
    }

    private async Task DeleteAsync(HttpContext context, string collection, string path, string name)
    {
        if (!objects.TryRemove(path, out var removed))
        {
            await WriteStatusAsync(context, 404, "NotFound", $"{collection.Split('/')[^1]} \"{name}\" not found");
            return;
        }

        Broadcast(path, "DELETED", removed);
        await WriteAsync(context, 200, removed);
    }

    private async Task ListAsync(HttpContext context, string collection, string? labelSelector)
    {
        var items = new JsonArray();
        foreach (var (path, item) in objects.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            var labels = item["metadata"]?["labels"];
            var selected = string.IsNullOrEmpty(labelSelector)
                || labelSelector.Split('=') is [var key, var value] && (string?)labels?[key] == value;
            if (path.StartsWith(collection + "/", StringComparison.Ordinal) && selected)
            {
                // Items of a real list carry no apiVersion/kind.
                var copy = (JsonObject)item.DeepClone();
                copy.Remove("apiVersion");
                copy.Remove("kind");
                items.Add(copy);
            }
        }

        await WriteAsync(context, 200, new JsonObject { ["kind"] = "List", ["apiVersion"] = "v1", ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) }, ["items"] = items });
    }

    private async Task WatchAsync(HttpContext context, string collection, string name, string? fromVersion)
    {
        var channel = Channel.CreateUnbounded<(string Path, string Type, JsonObject Object)>();
        watchers[channel] = true;
        try
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await foreach (var (path, type, @object) in channel.Reader.ReadAllAsync(context.RequestAborted))
            {
                var version = int.Parse((string)@object["metadata"]!["resourceVersion"]!, System.Globalization.CultureInfo.InvariantCulture);
                var matches = path.StartsWith(collection + "/", StringComparison.Ordinal)
                    && (name.Length == 0 || path.EndsWith("/" + name, StringComparison.Ordinal))
                    && (fromVersion is null || version > int.Parse(fromVersion, System.Globalization.CultureInfo.InvariantCulture));
                if (matches)
                {
                    var line = new JsonObject { ["type"] = type, ["object"] = @object.DeepClone() }.ToJsonString() + "\n";
                    await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(line), context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
        finally
        {
            watchers.TryRemove(channel, out _);
        }
    }

    private void Broadcast(string path, string type, JsonObject @object)
    {
        foreach (var watcher in watchers.Keys)
        {
            watcher.Writer.TryWrite((path, type, (JsonObject)@object.DeepClone()));
        }
    }

    /// <summary>An object path's collection (…/configmaps) and name, or the collection alone; null when not a resource path.</summary>
    private static (string? Collection, string? Name) Split(string path)
    {
        foreach (var (prefix, resources) in Discovery)
        {
            if (!path.StartsWith(prefix + "/", StringComparison.Ordinal))
            {
                continue;
            }

            var rest = path[(prefix.Length + 1)..].Split('/');
            var plurals = resources.Select(r => (string)r!["name"]!).ToHashSet(StringComparer.Ordinal);
            return rest switch
            {
                ["namespaces", _, var plural] when plurals.Contains(plural) => (path, null),
                ["namespaces", _, var plural, var name] when plurals.Contains(plural) => (path[..path.LastIndexOf('/')], name),
                [var plural] when plurals.Contains(plural) => (path, null),
                [var plural, var name] when plurals.Contains(plural) => (path[..path.LastIndexOf('/')], name),
                _ => (null, null),
            };
        }

        return (null, null);
    }

    private static Task WriteStatusAsync(HttpContext context, int code, string reason, string message) =>
        WriteAsync(context, code, Status(code, reason, message));

    private static JsonObject Status(int code, string reason, string message) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["status"] = "Failure",
        ["message"] = message,
        ["reason"] = reason,
        ["code"] = code,
    };

    private static async Task WriteAsync(HttpContext context, int code, JsonObject body)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private static JsonObject Resource(string name, string kind, bool namespaced) =>
        new() { ["name"] = name, ["singularName"] = "", ["namespaced"] = namespaced, ["kind"] = kind, ["verbs"] = new JsonArray("get", "list", "patch", "delete", "watch") };

    private static bool IsSignedBy(X509Certificate2 certificate, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}

internal sealed record RecordedRequest(string Method, string PathAndQuery, string? ContentType, string Body, string Authorization, string? ClientCertificateSubject);
