using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Konfig.FakeKube;

namespace Konfig.Kubernetes.Tests.FakeServer;

/// <summary>A fake server plus a raw HttpClient on it, for protocol tests that speak HTTP and JSON directly.</summary>
internal sealed class FakeApi : IAsyncDisposable
{
    private FakeApi(FakeKubeServer server)
    {
        Server = server;
        Http = new HttpClient { BaseAddress = server.Url, Timeout = TimeSpan.FromSeconds(30) };
    }

    public FakeKubeServer Server { get; }

    public HttpClient Http { get; }

    public static async Task<FakeApi> StartAsync(TimeSpan? readyDelay = null) =>
        new(await FakeKubeServer.StartAsync(new FakeKubeOptions { ReadyDelay = readyDelay ?? TimeSpan.FromMinutes(10) }));

    public async Task<(HttpStatusCode Status, JsonObject Body)> GetAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        return (response.StatusCode, await ReadAsync(response));
    }

    /// <summary>Server-side apply of a YAML (or JSON) manifest to its object's path.</summary>
    public async Task<(HttpStatusCode Status, JsonObject Body)> ApplyAsync(string path, string manifest, string? manager = "test", bool force = false, bool dryRun = false)
    {
        var query = new List<string>();
        if (manager is not null)
        {
            query.Add("fieldManager=" + manager);
        }

        if (force)
        {
            query.Add("force=true");
        }

        if (dryRun)
        {
            query.Add("dryRun=All");
        }

        return await SendAsync(HttpMethod.Patch, path + (query.Count > 0 ? "?" + string.Join('&', query) : ""), manifest, "application/apply-patch+yaml");
    }

    public async Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await Http.SendAsync(request);
        return (response.StatusCode, await ReadAsync(response));
    }

    public Task<(HttpStatusCode Status, JsonObject Body)> CreateNamespaceAsync(string name) =>
        ApplyAsync($"/api/v1/namespaces/{name}", $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n");

    /// <summary>Reads watch events (one JSON object per line) until the stream ends or the token fires.</summary>
    public async IAsyncEnumerable<JsonObject> WatchAsync(string pathAndQuery, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var response = await Http.GetAsync(pathAndQuery, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length > 0)
            {
                yield return JsonNode.Parse(line)!.AsObject();
            }
        }
    }

    /// <summary>Polls an object until <paramref name="condition"/> holds; fails the test after a generous timeout.</summary>
    public async Task<JsonObject> WaitForAsync(string path, Func<JsonObject, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var (status, body) = await GetAsync(path);
            if (status == HttpStatusCode.OK && condition(body))
            {
                return body;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not happen in 20 s; last answer {(int)status}: {body.ToJsonString()}");
            }

            await Task.Delay(25);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? [] : JsonNode.Parse(text) as JsonObject ?? new JsonObject { ["value"] = JsonNode.Parse(text) };
    }
}
