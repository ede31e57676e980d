using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using FluentAssertions;
using Konfig.Bot.Comments;
using Konfig.Bot.GitHub;
using Konfig.Bot.Server;
using Konfig.Bot.Storage;
using Konfig.Bot.Tests.Events;
using Konfig.Bot.Webhooks;
using Konfig.Engine.Runs;
using Konfig.FakeGitHub;
using Konfig.FakeKube;
using Konfig.Workspace.Discovery;

namespace Konfig.Bot.Tests.Server;

/// <summary>
/// `/konfig retry` and `/konfig unlock` on the bot server, and the note a merge puts on other pull requests' outdated
/// preview comments: real HTTP, a remote made by real git, the fake API server and the fake GitHub.
/// </summary>
public sealed class BotServerCommandsTests : IAsyncLifetime
{
    private const string Owner = "acme";
    private const string Repository = "platform";
    private const int Number = 7;
    private const string StackPath = "konfig/apps/status-page/dev";
    private readonly BotWebhooks _webhooks = new($"{Owner}/{Repository}");

    private readonly MergePreviewRemote _remote = new();
    private readonly TemporaryFolder _folder = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private FakeKubeServer _kube = null!;
    private FakeGitHubServer _github = null!;
    private BotServer _server = null!;

    private StackRunSessionOptions Engine => new() { KubeconfigPath = _folder.Combine("kubeconfig"), StateFolder = _folder.Combine("state") };

    public async Task InitializeAsync()
    {
        _kube = await FakeKubeServer.StartAsync(new FakeKubeOptions());
        _kube.WriteKubeconfig(_folder.Combine("kubeconfig"), context: "fake");
        _github = await FakeGitHubServer.StartAsync();
        _github.State.AddRepository(Owner, Repository, collaborators: new Dictionary<string, string> { ["writer"] = "write", ["reader"] = "read" });
        _remote.PullRequest(Number, "schedule = \"*/5 * * * *\"", "schedule = \"*/10 * * * *\"");
        _github.State.AddPullRequest(Owner, Repository, new FakePullRequest(Number, "Every ten minutes", "octocat", "feature", _remote.HeadSha, "main", _remote.BaseSha));
        _server = await BotServer.StartAsync(new BotServerOptions
        {
            Listen = new Uri("http://127.0.0.1:0"),
            WebhookSecret = WebhookExamples.Secret,
            Repositories = [$"{Owner}/*"],
            Credentials = new PersonalTokenCredentials("personal-token"),
            GitHubApi = _github.Url,
            GitHubMutationSpacing = TimeSpan.Zero,
            RemoteTemplate = _remote.Path,
            WorkFolder = _folder.Combine("work"),
            KonfigFolder = "konfig",
            Engine = Engine,
            Logging = logging => { },
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
        _webhooks.Dispose();
        await _github.DisposeAsync();
        await _kube.DisposeAsync();
        _remote.Dispose();
        _folder.Dispose();
    }

    [RequiresGitHubArtifactsFact]
    public async Task Retry_on_a_merged_pull_request_applies_its_merge_again_through_the_queue()
    {
        // The cluster refuses the first apply: another field manager owns the CronJob's schedule.
        await ServerSideApplyAsync("v1", "namespaces", null, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = "status-page" } });
        var cronJob = new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "CronJob",
            ["metadata"] = new JsonObject { ["name"] = "status-prober", ["namespace"] = "status-page" },
            ["spec"] = new JsonObject { ["schedule"] = "0 * * * *" },
        };
        await ServerSideApplyAsync("batch/v1", "cronjobs", "status-page", cronJob);
        var merge = _remote.MergeIntoMain();
        _github.State.AddPullRequest(Owner, Repository, new FakePullRequest(
            Number, "Every ten minutes", "octocat", "feature", _remote.HeadSha, "main", _remote.BaseSha, State: "closed", Merged: true, MergeCommitSha: merge));
        (await PostAsync(Delivery("push", Push(merge)))).Status.Should().Be(HttpStatusCode.Accepted);
        await Until(async () => (await _server.Store.GetJobAsync(1))?.State == JobState.Done);
        (await _server.Store.GetJobAsync(1))!.Outcome.Should().Be(RunOutcome.Failed);
        Schedule().Should().Be("0 * * * *");

        // The conflict resolved on the cluster; the commit is the same.
        using (var deleted = await _http.DeleteAsync(new Uri(_kube.Url, "apis/batch/v1/namespaces/status-page/cronjobs/status-prober")))
        {
            deleted.EnsureSuccessStatusCode();
        }

        await PostAsync(Delivery("issue_comment", Comment("/konfig retry", "writer")));

        await Until(async () => (await _server.Store.GetJobAsync(2))?.State == JobState.Done);
        var retried = (await _server.Store.GetJobAsync(2))!;
        retried.CommitSha.Should().Be(merge);
        retried.PullRequest.Should().Be(Number);
        retried.Outcome.Should().Be(RunOutcome.Succeeded, retried.LogTail);
        Schedule().Should().Be("*/10 * * * *");
        var shortSha = merge[..7];
        _github.State.Comments(Owner, Repository, Number).Select(c => c.Body).Should().Contain(body => body.StartsWith("Retry queued", StringComparison.Ordinal) && body.Contains(shortSha, StringComparison.Ordinal));
        _github.Violations.Should().BeEmpty();
    }

    [RequiresGitHubArtifactsFact]
    public async Task Retry_on_an_open_pull_request_says_it_is_for_merges_and_queues_nothing()
    {
        await PostAsync(Delivery("issue_comment", Comment("/konfig retry", "writer")));

        await Until(() => _github.State.Comments(Owner, Repository, Number).Count > 0);
        _github.State.Comments(Owner, Repository, Number).Should().ContainSingle().Which.Body.Should().Contain("for merged pull requests").And.Contain("/konfig preview");
        (await _server.Store.ActiveJobsAsync()).Should().BeEmpty();
        (await _server.Store.GetJobAsync(1)).Should().BeNull();
        _github.Violations.Should().BeEmpty();
    }

    [RequiresGitHubArtifactsFact]
    public async Task Retry_of_named_stacks_is_refused_for_now_and_queues_nothing()
    {
        var merge = _remote.MergeIntoMain();
        _github.State.AddPullRequest(Owner, Repository, new FakePullRequest(
            Number, "Every ten minutes", "octocat", "feature", _remote.HeadSha, "main", _remote.BaseSha, State: "closed", Merged: true, MergeCommitSha: merge));

        await PostAsync(Delivery("issue_comment", Comment($"/konfig retry -s {StackPath}", "writer")));

        await Until(() => _github.State.Comments(Owner, Repository, Number).Count > 0);
        _github.State.Comments(Owner, Repository, Number).Should().ContainSingle().Which.Body.Should().Contain("naming stacks").And.Contain("`/konfig retry` alone");
        (await _server.Store.GetJobAsync(1)).Should().BeNull();
    }

    [RequiresGitHubArtifactsFact]
    public async Task Retry_by_a_reader_is_refused()
    {
        await PostAsync(Delivery("issue_comment", Comment("/konfig retry", "reader")));

        await Until(() => _github.State.Comments(Owner, Repository, Number).Count > 0);
        _github.State.Comments(Owner, Repository, Number).Should().ContainSingle().Which.Body.Should().NotStartWith("Retry queued");
        (await _server.Store.GetJobAsync(1)).Should().BeNull();
    }

    [RequiresGitHubArtifactsFact]
    public async Task Unlock_breaks_a_stack_lock_left_behind_and_names_its_holder()
    {
        var workspace = WorkspaceDiscovery.Discover(Path.Combine(SourceCheckout.Root, "konfig"));
        var stack = workspace.Stacks.Single(s => s.Directory.Replace('\\', '/').EndsWith("apps/status-page/dev", StringComparison.Ordinal));
        var (session, error) = StackRunSession.Open(workspace, [stack], Engine);
        session.Should().NotBeNull(error);
        using (session)
        {
            // Taken and never released, as a killed apply leaves it.
            _ = await session!.Store.LockAsync(session.KeyOf(stack), "apply of 1234567");
        }

        await PostAsync(Delivery("issue_comment", Comment($"/konfig unlock -s {StackPath}", "writer")));
        await Until(() => _github.State.Comments(Owner, Repository, Number).Count > 0);
        await PostAsync(Delivery("issue_comment", Comment($"/konfig unlock -s {StackPath}", "writer")));
        await Until(() => _github.State.Comments(Owner, Repository, Number).Count > 1);
        await PostAsync(Delivery("issue_comment", Comment("/konfig unlock", "writer")));
        await Until(() => _github.State.Comments(Owner, Repository, Number).Count > 2);

        var replies = _github.State.Comments(Owner, Repository, Number).Select(c => c.Body).ToList();
        replies[0].Should().StartWith($"Broke the state lock of `{StackPath}`, held by apply of 1234567 since ");
        replies[1].Should().Be($"The state of `{StackPath}` was not locked.");
        replies[2].Should().Contain("/konfig unlock -s STACK");
        _github.Violations.Should().BeEmpty();
    }

    [RequiresGitHubArtifactsFact]
    public async Task A_merge_notes_on_other_pull_requests_preview_comments_that_they_are_outdated()
    {
        var repo = $"{Owner}/{Repository}";
        await _server.Store.SavePreviewAsync(new PreviewRecord(repo, Number + 1, StackPath, "0123456", "1 to change", "markdown", DateTimeOffset.UtcNow));
        var preview = PreviewComment.Marker + "\n### Konfig preview of 0123456\nthe diff";
        _github.State.AddComment(Owner, Repository, Number + 1, preview, "konfig[bot]");
        var merge = _remote.MergeIntoMain();

        (await PostAsync(Delivery("push", Push(merge)))).Status.Should().Be(HttpStatusCode.Accepted);

        await Until(() => _github.State.Comments(Owner, Repository, Number + 1).Single().Body != preview);
        var body = _github.State.Comments(Owner, Repository, Number + 1).Single().Body;
        body.Should().StartWith(PreviewComment.Marker + "\n> **Outdated:**", "the marker stays first, so the next preview replaces the comment");
        body.Should().Contain(merge[..7]).And.Contain("/konfig preview").And.EndWith("### Konfig preview of 0123456\nthe diff");
        _github.Violations.Should().BeEmpty();
    }

    private async Task ServerSideApplyAsync(string apiVersion, string plural, string? @namespace, JsonObject body)
    {
        var group = apiVersion == "v1" ? "api/v1" : $"apis/{apiVersion}";
        var name = body["metadata"]!["name"]!.GetValue<string>();
        var path = @namespace is null ? $"{group}/{plural}/{name}" : $"{group}/namespaces/{@namespace}/{plural}/{name}";
        using var content = new StringContent(body.ToJsonString());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/apply-patch+yaml");
        using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(_kube.Url, path + "?fieldManager=someone-else")) { Content = content };
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    private string? Schedule()
    {
        var cronJob = _kube.Objects.All().FirstOrDefault(o => o["kind"]?.GetValue<string>() == "CronJob");
        return cronJob?["spec"]?["schedule"]?.GetValue<string>();
    }

    private JsonObject Push(string sha) => _webhooks.Push(sha);

    private JsonObject Comment(string body, string user) => _webhooks.Comment(Number, body, user);

    private static WebhookRequest Delivery(string eventName, JsonObject payload) => BotWebhooks.Delivery(eventName, payload);

    private Task<(HttpStatusCode Status, string Text)> PostAsync(WebhookRequest delivery) => _webhooks.PostAsync(_server.Url, delivery);

    private static Task Until(Func<bool> condition) => BotWebhooks.Until(condition);

    private static Task Until(Func<Task<bool>> condition) => BotWebhooks.Until(condition);
}

/// <summary>The outdated note itself, without a server.</summary>
public sealed class OutdatedPreviewCommentsTests
{
    [Fact]
    public void A_later_merge_replaces_the_earlier_outdated_note()
    {
        var once = OutdatedPreviewComments.MarkOutdated(PreviewComment.Marker + "\nthe preview", "aaaaaaa111");
        var twice = OutdatedPreviewComments.MarkOutdated(once, "bbbbbbb222");

        twice.Should().StartWith(PreviewComment.Marker + "\n> **Outdated:**").And.Contain("bbbbbbb").And.NotContain("aaaaaaa").And.EndWith("\n\nthe preview");
        twice.Split("**Outdated:**").Should().HaveCount(2);
    }
}
