using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Konfig.FakeKube;

/// <summary>GET, LIST and WATCH.</summary>
internal sealed partial class KubeApi
{
    // A real server ends a watch after a random 30 to 60 minutes; a client asks for less with timeoutSeconds.
    private static readonly TimeSpan DefaultWatchTimeout = TimeSpan.FromMinutes(30);

    private ApiResult Get(ApiRequest api, string accept)
    {
        lock (store.Gate)
        {
            var found = store.Find(api.Type.KeyOf(api.Namespace, api.Name!));
            if (found is null)
            {
                return KubeStatus.NotFound(api.Type, api.Name!);
            }

            var served = Served(found, api.Type);
            return ApiResult.Ok(WantsTable(accept) ? Table.Of(api.Type, [served], null, clock) : served);
        }
    }

    private ApiResult List(ApiRequest api, string? labelSelector, string? fieldSelector, string accept)
    {
        var (labels, labelError) = Selectors.Labels(labelSelector);
        var (fields, fieldError) = Selectors.Fields(fieldSelector);
        if (labels is null || fields is null)
        {
            return KubeStatus.BadRequest(labelError ?? fieldError ?? "invalid selector");
        }

        lock (store.Gate)
        {
            var items = store.Query(api.Type.Group, api.Type.Kind, api.Namespace)
                .Select(pair => Served(pair.Value, api.Type))
                .Where(item => labels(item) && fields(item))
                .ToList();
            var resourceVersion = store.CurrentResourceVersion.ToString(CultureInfo.InvariantCulture);
            if (WantsTable(accept))
            {
                return ApiResult.Ok(Table.Of(api.Type, items, resourceVersion, clock));
            }

            var array = new JsonArray();
            foreach (var item in items)
            {
                // Like a real server, items of built-in lists carry no apiVersion/kind; custom resources do.
                if (BuiltInResources.All.Contains(api.Type))
                {
                    item.Remove("apiVersion");
                    item.Remove("kind");
                }

                array.Add(item);
            }

            return ApiResult.Ok(new JsonObject
            {
                ["apiVersion"] = api.Type.ApiVersion,
                ["kind"] = api.Type.Kind + "List",
                ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion },
                ["items"] = array,
            });
        }
    }

    private static bool WantsTable(string accept) => accept.Contains("as=Table", StringComparison.Ordinal);

    private async Task WatchAsync(HttpContext context, ApiRequest api)
    {
        var query = context.Request.Query;
        var (labels, labelError) = Selectors.Labels(query["labelSelector"]);
        var (fields, fieldError) = Selectors.Fields(query["fieldSelector"]);
        if (labels is null || fields is null)
        {
            await WriteAsync(context, KubeStatus.BadRequest(labelError ?? fieldError ?? "invalid selector"));
            return;
        }

        var from = query["resourceVersion"].ToString();
        long? fromVersion = null;
        if (from.Length > 0 && from != "0")
        {
            if (!long.TryParse(from, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                await WriteAsync(context, KubeStatus.BadRequest($"invalid resource version: {from}"));
                return;
            }

            fromVersion = parsed;
        }

        var timeout = int.TryParse(query["timeoutSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : DefaultWatchTimeout;

        bool Matches(StoredEvent change) =>
            change.Key.Group == api.Type.Group && change.Key.Kind == api.Type.Kind
            && (api.Namespace is null || change.Key.Namespace == api.Namespace)
            && labels(change.Object) && fields(change.Object);

        var initial = new List<JsonObject>();
        WatchSubscription? subscription;
        lock (store.Gate)
        {
            if (fromVersion is null)
            {
                initial.AddRange(store.Query(api.Type.Group, api.Type.Kind, api.Namespace)
                    .Select(pair => Served(pair.Value, api.Type))
                    .Where(item => labels(item) && fields(item)));
            }

            subscription = store.Subscribe(Matches, fromVersion);
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-cache, private";
        await context.Response.StartAsync(context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted); // Headers now: a quiet watch is still an answer.
        if (subscription is null)
        {
            var gone = KubeStatus.Gone($"too old resource version: {from}");
            await WriteEventAsync(context, "ERROR", (JsonObject)gone.Body);
            return;
        }

        using (subscription)
        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping))
        {
            stop.CancelAfter(timeout);
            try
            {
                foreach (var item in initial)
                {
                    await WriteEventAsync(context, "ADDED", item);
                }

                await foreach (var change in subscription.Events.ReadAllAsync(stop.Token))
                {
                    await WriteEventAsync(context, change.Type, Served(change.Object, api.Type));
                }
            }
            catch (OperationCanceledException)
            {
                // The client went away, or the watch timed out: the stream just ends.
            }
        }
    }

    private static async Task WriteEventAsync(HttpContext context, string type, JsonObject value)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = value }.ToJsonString(Compact) + "\n";
        await context.Response.WriteAsync(line, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}
