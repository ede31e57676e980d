using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Konfig.FakeKube;

/// <summary>
/// The HTTP face of the fake API server: routes a request to discovery or to an object operation, and
/// writes the JSON answer. Operations are in the other parts of this class (reads, writes).
/// </summary>
internal sealed partial class KubeApi(FakeObjectStore store, ResourceCatalog catalog, TimeProvider clock, string? bearerToken, CancellationToken stopping)
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            await RouteAsync(context);
        }
        catch (Exception error) when (error is not OperationCanceledException && !context.Response.HasStarted)
        {
            // A bug in the fake, or input it does not understand: answer like a real server's 500, with the cause.
            var status = new JsonObject
            {
                ["kind"] = "Status",
                ["apiVersion"] = "v1",
                ["metadata"] = new JsonObject(),
                ["status"] = "Failure",
                ["message"] = $"fake API server: {error.GetType().Name}: {error.Message}",
                ["reason"] = "InternalError",
                ["code"] = 500,
            };
            await WriteAsync(context, new ApiResult(500, status));
        }
    }

    private async Task RouteAsync(HttpContext context)
    {
        var request = context.Request;
        if (bearerToken is not null && request.Headers.Authorization.ToString() != $"Bearer {bearerToken}")
        {
            await WriteAsync(context, KubeStatus.Unauthorized());
            return;
        }

        var path = request.Path.Value ?? "/";
        var discovery = Discovery.Answer(path, catalog, request.Host.Value ?? "127.0.0.1");
        if (discovery is not null)
        {
            await WriteAsync(context, discovery);
            return;
        }

        var api = ApiRequest.Parse(request.Path, catalog, out var group, out var version);
        if (api is null)
        {
            await WriteAsync(context, KubeStatus.PathNotFound(request.Method + " " + path));
            return;
        }

        if (api.Subresource is not null and not "status" && !(api.Subresource == "scale" && HasScale(api.Type)))
        {
            await WriteAsync(context, KubeStatus.PathNotFound($"{api.Type.Plural}/{api.Subresource}"));
            return;
        }

        var query = request.Query;
        if (request.Method == HttpMethods.Get && api.Name is null && IsTrue(query["watch"]))
        {
            await WatchAsync(context, api);
            return;
        }

        // Typed clients (kubectl create, client-go) try protobuf first and fall back to JSON on a 415.
        if ((request.ContentType ?? "").Contains("protobuf", StringComparison.Ordinal))
        {
            await WriteAsync(context, KubeStatus.UnsupportedMediaType(request.ContentType!));
            return;
        }

        var result = api.Subresource == "scale" ? Scale(api, request.Method, await ReadBodyAsync(request), request.ContentType ?? "", Manager(request), IsDryRun(query)) : request.Method switch
        {
            "GET" when api.Name is null => List(api, query["labelSelector"], query["fieldSelector"], request.Headers.Accept.ToString()),
            "GET" => Get(api, request.Headers.Accept.ToString()),
            "POST" when api.Name is null => Create(api, await ReadBodyAsync(request), Manager(request), IsDryRun(query)),
            "PUT" when api.Name is not null => Replace(api, await ReadBodyAsync(request), Manager(request), IsDryRun(query)),
            "PATCH" when api.Name is not null => Patch(api, await ReadBodyAsync(request), request.ContentType ?? "", query["fieldManager"], Manager(request), IsTrue(query["force"]), IsDryRun(query)),
            "DELETE" when api.Name is not null => Delete(api, IsDryRun(query) || await DeleteBodyIsDryRunAsync(request)),
            "DELETE" => DeleteCollection(api, query["labelSelector"], IsDryRun(query)),
            _ => KubeStatus.MethodNotAllowed($"the server does not allow this method on the requested resource ({request.Method} {group}/{version})"),
        };
        await WriteAsync(context, result);
    }

    private static async Task WriteAsync(HttpContext context, ApiResult result)
    {
        context.Response.StatusCode = result.StatusCode;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(result.Body.ToJsonString(Compact), context.RequestAborted);
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
    }

    // kubectl sends DeleteOptions ({"dryRun":["All"], "propagationPolicy": ...}) as the DELETE body.
    private static async Task<bool> DeleteBodyIsDryRunAsync(HttpRequest request)
    {
        var body = await ReadBodyAsync(request);
        if (string.IsNullOrWhiteSpace(body))
        {
            return false;
        }

        var (options, _) = YamlJson.Parse(body);
        return options?["dryRun"] is JsonArray dryRun && dryRun.Any(v => v?.ToString() == "All");
    }

    private static bool IsTrue(string? value) => value is "true" or "1" or "True";

    private static bool IsDryRun(IQueryCollection query) => query["dryRun"].Any(v => v == "All");

    // The real server's default field manager is the client's User-Agent up to the first '/'.
    private static string Manager(HttpRequest request)
    {
        var explicitManager = request.Query["fieldManager"].ToString();
        if (explicitManager.Length > 0)
        {
            return explicitManager;
        }

        var agent = request.Headers.UserAgent.ToString();
        var slash = agent.IndexOf('/', StringComparison.Ordinal);
        return agent.Length == 0 ? "unknown" : slash > 0 ? agent[..slash] : agent;
    }

    private string Now() => clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>The object as served under the request's version (the store keeps one copy per group and kind).</summary>
    private static JsonObject Served(JsonObject stored, ResourceType type)
    {
        var copy = (JsonObject)stored.DeepClone();
        copy["apiVersion"] = type.ApiVersion;
        copy["kind"] = type.Kind;
        return Reorder(copy);
    }

    // apiVersion, kind and metadata first, as the real server writes them.
    private static JsonObject Reorder(JsonObject value)
    {
        if (value.FirstOrDefault().Key == "apiVersion")
        {
            return value;
        }

        var ordered = new JsonObject();
        foreach (var key in new[] { "apiVersion", "kind", "metadata" })
        {
            if (value.Remove(key, out var node))
            {
                ordered[key] = node;
            }
        }

        foreach (var (key, node) in value.ToList())
        {
            value.Remove(key);
            ordered[key] = node;
        }

        return ordered;
    }
}
