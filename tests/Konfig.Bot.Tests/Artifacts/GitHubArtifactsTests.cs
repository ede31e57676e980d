using System.Text.Json.Nodes;
using FluentAssertions;
using Konfig.FakeGitHub;

namespace Konfig.Bot.Tests.Artifacts;

/// <summary>The artifacts the bot is held to are the ones we expect: the events and routes the bot uses are in them.</summary>
public sealed class GitHubArtifactsTests
{
    [RequiresGitHubArtifactsFact]
    public void The_webhook_examples_hold_the_events_the_bot_handles()
    {
        var events = JsonNode.Parse(File.ReadAllText(GitHubArtifacts.WebhookExamplesPath))!.AsArray()
            .Select(e => e!["name"]!.GetValue<string>())
            .ToHashSet();

        events.Should().Contain(["pull_request", "issue_comment", "push", "merge_group"]);
    }

    [RequiresGitHubArtifactsFact]
    public void The_rest_description_holds_the_routes_the_bot_calls()
    {
        var paths = JsonNode.Parse(File.ReadAllText(GitHubArtifacts.OpenApiPath))!["paths"]!.AsObject();

        paths.Select(p => p.Key).Should().Contain([
            "/repos/{owner}/{repo}/issues/{issue_number}/comments",
            "/repos/{owner}/{repo}/issues/comments/{comment_id}",
            "/repos/{owner}/{repo}/check-runs",
            "/repos/{owner}/{repo}/statuses/{sha}",
        ]);
    }
}
