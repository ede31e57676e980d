using System.Text;
using System.Text.Json.Nodes;
using Konfig.Bot.Webhooks;
using Konfig.FakeGitHub;

namespace Konfig.Bot.Tests.Events;

/// <summary>The example payloads of @octokit/webhooks-examples, and deliveries of them signed as GitHub signs them.</summary>
internal static class WebhookExamples
{
    public const string Secret = "It's a Secret to Everybody";

    private static readonly Lazy<JsonArray> Index = new(() =>
        JsonNode.Parse(File.ReadAllText(GitHubArtifacts.WebhookExamplesPath))!.AsArray());

    /// <summary>Fresh copies of every example payload of <paramref name="eventName"/> (callers may change them).</summary>
    public static IReadOnlyList<JsonObject> Of(string eventName)
    {
        var entry = Index.Value.Single(e => e!["name"]!.GetValue<string>() == eventName)!;
        return [.. entry["examples"]!.AsArray().Select(p => (JsonObject)p!.DeepClone())];
    }

    /// <summary>A delivery of <paramref name="payload"/>: the body bytes and the signature computed over exactly those bytes.</summary>
    public static WebhookRequest Delivery(string eventName, JsonObject payload, string? deliveryId = null)
    {
        var body = Encoding.UTF8.GetBytes(payload.ToJsonString());
        return new WebhookRequest(eventName, deliveryId ?? Guid.NewGuid().ToString(), WebhookVerifier.Sign(Secret, body), body);
    }
}
