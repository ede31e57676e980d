using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using FluentAssertions;
using Konfig.Bot.Tests.Events;
using Konfig.Bot.Webhooks;

namespace Konfig.Bot.Tests.Server;

/// <summary>
/// The @octokit/webhooks-examples payloads made a given repository's, signed as GitHub signs, and posted to a
/// bot server over HTTP; plus waiting for the server's background work.
/// </summary>
internal sealed class BotWebhooks(string repository) : IDisposable
{
    public static readonly TimeSpan WorkTimeout = TimeSpan.FromSeconds(120);

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>A pull request "opened" in <c>main</c>, its head at <paramref name="headSha"/>.</summary>
    public JsonObject OpenedPullRequest(int number, string headSha)
    {
        var payload = WebhookExamples.Of("pull_request").First(p => p["action"]!.GetValue<string>() == "opened");
        payload["number"] = number;
        payload["pull_request"]!["number"] = number;
        payload["pull_request"]!["draft"] = false;
        payload["pull_request"]!["head"]!["sha"] = headSha;
        payload["pull_request"]!["base"]!["ref"] = "main";
        payload["repository"]!["full_name"] = repository;
        return payload;
    }

    /// <summary>The pull request closed by merging it as <paramref name="mergeSha"/> into the default branch.</summary>
    public JsonObject MergedPullRequest(int number, string headSha, string mergeSha)
    {
        var payload = OpenedPullRequest(number, headSha);
        payload["action"] = "closed";
        payload["pull_request"]!["merged"] = true;
        payload["pull_request"]!["merge_commit_sha"] = mergeSha;
        payload["repository"]!["default_branch"] = "main";
        return payload;
    }

    /// <summary>A push moving main to <paramref name="sha"/>.</summary>
    public JsonObject Push(string sha)
    {
        var payload = WebhookExamples.Of("push").First();
        payload["ref"] = "refs/heads/main";
        payload["after"] = sha;
        payload["deleted"] = false;
        payload["repository"]!["default_branch"] = "main";
        payload["repository"]!["full_name"] = repository;
        return payload;
    }

    /// <summary>A comment <paramref name="body"/> by <paramref name="user"/> on pull request <paramref name="number"/>.</summary>
    public JsonObject Comment(int number, string body, string user)
    {
        var payload = WebhookExamples.Of("issue_comment").First(p => p["action"]!.GetValue<string>() == "created");
        payload["issue"]!["number"] = number;
        var url = $"https://api.github.com/repos/{repository}/pulls/{number}";
        payload["issue"]!["pull_request"] = new JsonObject { ["url"] = url, ["html_url"] = url, ["diff_url"] = url + ".diff", ["patch_url"] = url + ".patch" };
        payload["comment"]!["body"] = body;
        payload["comment"]!["user"]!["login"] = user;
        payload["comment"]!["user"]!["type"] = "User";
        payload["repository"]!["full_name"] = repository;
        return payload;
    }

    public static WebhookRequest Delivery(string eventName, JsonObject payload) => WebhookExamples.Delivery(eventName, payload);

    public async Task<(HttpStatusCode Status, string Text)> PostAsync(Uri server, WebhookRequest delivery)
    {
        using var content = new ByteArrayContent(delivery.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, "webhook")) { Content = content };
        request.Headers.Add(WebhookRequest.EventHeader, delivery.Event);
        request.Headers.Add(WebhookRequest.DeliveryHeader, delivery.DeliveryId);
        request.Headers.Add(WebhookVerifier.SignatureHeader, delivery.Signature);
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static Task Until(Func<bool> condition) => Until(() => Task.FromResult(condition()));

    public static async Task Until(Func<Task<bool>> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            watch.Elapsed.Should().BeLessThan(WorkTimeout, "the background work should be done by then");
            await Task.Delay(100);
        }
    }

    public void Dispose() => _http.Dispose();
}
