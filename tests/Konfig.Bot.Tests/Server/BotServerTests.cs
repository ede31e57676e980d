using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using Konfig.Bot.Comments;
using Konfig.Bot.Events;
using Konfig.Bot.GitHub;
using Konfig.Bot.Server;
using Konfig.Bot.Storage;
using Konfig.Bot.Tests.Events;
using Konfig.Bot.Webhooks;
using Konfig.Engine.Runs;
using Konfig.FakeGitHub;
using Konfig.FakeKube;

namespace Konfig.Bot.Tests.Server;

/// <summary>
/// `konfig bot serve` over real HTTP on 127.0.0.1: webhook deliveries (the @octokit/webhooks-examples payloads, made
/// this repository's, signed as GitHub signs) in; the checkout of refs/pull/N/merge from a remote made by real git,
/// the preview against the fake API server, and comments and statuses in the fake GitHub out.
/// </summary>
public sealed class BotServerTests : IAsyncLifetime
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

    public async Task InitializeAsync()
    {
        _kube = await FakeKubeServer.StartAsync(new FakeKubeOptions());
        _kube.WriteKubeconfig(_folder.Combine("kubeconfig"), context: "fake");
        _github = await FakeGitHubServer.StartAsync();
        _github.State.AddRepository(Owner, Repository, collaborators: new Dictionary<string, string> { ["writer"] = "write", ["reader"] = "read" });
        _remote.PullRequest(Number, "schedule = \"*/5 * * * *\"", "schedule = \"*/10 * * * *\"");
        _github.State.AddPullRequest(Owner, Repository, new FakePullRequest(Number, "Every ten minutes", "octocat", "feature", _remote.HeadSha, "main", _remote.BaseSha));
        _server = await StartServerAsync(applyWorkers: 1);
    }

    private Task<BotServer> StartServerAsync(int applyWorkers) =>
        BotServer.StartAsync(new BotServerOptions
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
            Engine = new StackRunSessionOptions { KubeconfigPath = _folder.Combine("kubeconfig"), StateFolder = _folder.Combine("state") },
            ApplyWorkers = applyWorkers,
            Logging = logging => { },
        });

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
    public async Task An_opened_pull_request_is_answered_at_once_then_previewed_as_one_comment_and_statuses_and_kept_in_the_store()
    {
        var watch = Stopwatch.StartNew();
        var (status, text) = await PostAsync(Delivery("pull_request", OpenedPullRequest()));

        status.Should().Be(HttpStatusCode.Accepted, text);
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "GitHub gives up on a delivery after 10 s");
        await Until(() => _github.State.Statuses(Owner, Repository).Any(s => s.Sha == _remote.HeadSha && s.Context == "konfig"));
        _github.State.Comments(Owner, Repository, Number).Should().ContainSingle()
            .Which.Body.Should().Contain(PreviewComment.Marker).And.Contain(StackPath);
        _github.State.Statuses(Owner, Repository).Where(s => s.Sha == _remote.HeadSha).Select(s => s.Context)
            .Should().Contain(["konfig", $"konfig: {StackPath}"]);
        await Until(async () => (await _server.Store.RecentRunsAsync()).Count > 0);
        var preview = (await _server.Store.PreviewsAsync($"{Owner}/{Repository}", Number)).Should().ContainSingle().Subject;
        preview.StackPath.Should().Be(StackPath);
        preview.CommitSha.Should().Be(_remote.HeadSha);

        // The server's status page shows the run.
        var page = await _http.GetStringAsync(_server.Url);
        page.Should().Contain(StackPath).And.Contain(_remote.HeadSha[..7]);
        _github.Violations.Should().BeEmpty();
    }

    [RequiresGitHubArtifactsFact]
    public async Task A_forged_delivery_is_refused_and_does_nothing_and_does_not_use_up_its_delivery_id()
    {
        var delivery = Delivery("pull_request", OpenedPullRequest());
        var forged = delivery with { Signature = WebhookVerifier.Sign("not the secret", delivery.Body) };

        var (status, text) = await PostAsync(forged);

        status.Should().Be(HttpStatusCode.Unauthorized);
        text.Should().Contain("X-Hub-Signature-256");
        await Task.Delay(500);
        _github.Requests.Should().BeEmpty();
        (await _server.Store.RecentRunsAsync()).Should().BeEmpty();
        (await _server.Store.RecordDeliveryAsync(delivery.DeliveryId!)).Should().BeTrue("the forged delivery's id was not recorded");
        _github.Violations.Should().BeEmpty();
    }

    [RequiresGitHubArtifactsFact]
    public async Task A_replayed_delivery_is_ignored()
    {
        var delivery = Delivery("issue_comment", Comment("/konfig help", "reader"));

        var first = await PostAsync(delivery);
        var replay = await PostAsync(delivery);

        first.Status.Should().Be(HttpStatusCode.Accepted);
        first.Text.Should().StartWith("accepted");
        replay.Status.Should().Be(HttpStatusCode.Accepted);
        replay.Text.Should().Contain("already received");
        await Until(() => _github.State.Comments(Owner, Repository, Number).Count > 0);
        await Task.Delay(500);
        _github.State.Comments(Owner, Repository, Number).Should().ContainSingle()
            .Which.Body.Should().Be(CommandReplies.Help(), "help is answered once, for the first delivery only");
        _github.Violations.Should().BeEmpty();
    }

    [RequiresGitHubArtifactsFact]
    public async Task A_preview_command_from_a_user_without_write_access_gets_a_reply_and_no_preview()
    {
        var (status, _) = await PostAsync(Delivery("issue_comment", Comment("/konfig preview", "reader")));

        status.Should().Be(HttpStatusCode.Accepted);
        await Until(() => _github.State.Comments(Owner, Repository, Number).Count > 0);
        _github.State.Comments(Owner, Repository, Number).Should().ContainSingle()
            .Which.Body.Should().Contain("@reader").And.Contain("needs write access");
        await Task.Delay(1000);
        _github.State.Statuses(Owner, Repository).Should().BeEmpty();
        _github.State.Comments(Owner, Repository, Number).Should().HaveCount(1);
        (await _server.Store.RecentRunsAsync()).Should().BeEmpty();
        _github.Violations.Should().BeEmpty();
    }

    [RequiresGitHubArtifactsFact]
    public async Task A_preview_command_from_a_writer_previews_the_pull_request_as_it_is_now()
    {
        var (status, _) = await PostAsync(Delivery("issue_comment", Comment("/konfig preview", "writer")));

        status.Should().Be(HttpStatusCode.Accepted);
        await Until(() => _github.State.Statuses(Owner, Repository).Any(s => s.Sha == _remote.HeadSha && s.Context == "konfig"));
        _github.State.Comments(Owner, Repository, Number).Should().ContainSingle().Which.Body.Should().Contain(PreviewComment.Marker);
        _github.Violations.Should().BeEmpty();
    }

    [RequiresGitHubArtifactsFact]
    public async Task A_preview_command_naming_a_stack_previews_exactly_that_stack()
    {
        var (status, _) = await PostAsync(Delivery("issue_comment", Comment("/konfig preview -s apps/status-page/prod", "writer")));

        status.Should().Be(HttpStatusCode.Accepted);
        await Until(() => _github.State.Statuses(Owner, Repository).Any(s => s.Sha == _remote.HeadSha && s.Context == "konfig"));
        var body = _github.State.Comments(Owner, Repository, Number).Should().ContainSingle().Subject.Body;
        body.Should().Contain(PreviewComment.Marker).And.Contain("konfig/apps/status-page/prod");
        body.Should().NotContain(StackPath, "only the named stack is previewed, not the affected one");
        await Until(async () => (await _server.Store.PreviewsAsync($"{Owner}/{Repository}", Number)).Count > 0);
        (await _server.Store.PreviewsAsync($"{Owner}/{Repository}", Number)).Select(p => p.StackPath)
            .Should().Equal("konfig/apps/status-page/prod");
        _github.Violations.Should().BeEmpty();
    }

    [RequiresGitHubArtifactsFact]
    public async Task A_pull_request_closed_unmerged_has_its_previews_forgotten()
    {
        var repo = $"{Owner}/{Repository}";
        await _server.Store.SavePreviewAsync(new PreviewRecord(repo, Number, StackPath, _remote.HeadSha, "1 to change", "markdown", DateTimeOffset.UtcNow));
        await _server.Store.SavePreviewAsync(new PreviewRecord(repo, Number + 1, StackPath, _remote.HeadSha, "1 to change", "markdown", DateTimeOffset.UtcNow));
        var closed = OpenedPullRequest();
        closed["action"] = "closed";
        closed["pull_request"]!["merged"] = false;

        var (status, text) = await PostAsync(Delivery("pull_request", closed));

        status.Should().Be(HttpStatusCode.Accepted, text);
        text.Should().Contain(nameof(CleanUpAction));
        await Until(async () => (await _server.Store.PreviewsAsync(repo, Number)).Count == 0);
        (await _server.Store.PreviewsAsync(repo, Number + 1)).Should().ContainSingle("another pull request's previews stay");
        _github.Violations.Should().BeEmpty();
    }

    [RequiresGitHubArtifactsFact]
    public async Task A_push_to_main_is_applied_once_from_the_store_though_the_merged_pull_request_event_comes_too()
    {
        var repo = $"{Owner}/{Repository}";
        await _server.Store.SavePreviewAsync(new PreviewRecord(repo, Number + 1, StackPath, "0123456", "1 to change", "markdown", DateTimeOffset.UtcNow));
        var merge = _remote.MergeIntoMain();

        var push = await PostAsync(Delivery("push", Push(merge)));
        var merged = await PostAsync(Delivery("pull_request", MergedPullRequest(merge)));

        push.Status.Should().Be(HttpStatusCode.Accepted, push.Text);
        push.Text.Should().StartWith("accepted: apply job");
        merged.Status.Should().Be(HttpStatusCode.Accepted);
        merged.Text.Should().Contain("already queued");
        await Until(async () => (await _server.Store.ActiveJobsAsync()).Count == 0 && (await _server.Store.GetJobAsync(1))?.State == JobState.Done);
        var job = (await _server.Store.GetJobAsync(1))!;
        job.Outcome.Should().Be(RunOutcome.Succeeded, job.LogTail);
        job.CommitSha.Should().Be(merge);
        job.StackPath.Should().Be("konfig", "one job per merge, queued by the repository's workspace");
        (await _server.Store.GetJobAsync(2)).Should().BeNull("the merged pull request's event is the same merge");
        Schedule().Should().Be("*/10 * * * *");
        _github.State.Statuses(Owner, Repository).Where(s => s.Sha == merge).Select(s => s.Context).Should().Contain($"konfig apply: {StackPath}");
        (await _server.Store.RecentRunsAsync(repo, StackPath)).Should().Contain(run => run.Kind == RunKind.Apply && run.CommitSha == merge);
        (await _server.Store.PreviewsAsync(repo, Number + 1)).Should().ContainSingle()
            .Which.OutdatedBy.Should().Be(merge, "another pull request's preview of the applied stack is outdated");
        _github.Violations.Should().BeEmpty();
    }

    [RequiresGitHubArtifactsFact]
    public async Task Merges_queued_before_a_restart_are_applied_in_order_by_the_next_server()
    {
        await _server.DisposeAsync();
        _server = await StartServerAsync(applyWorkers: 0);
        var first = _remote.MergeIntoMain();
        (await PostAsync(Delivery("push", Push(first)))).Status.Should().Be(HttpStatusCode.Accepted);
        var second = _remote.ChangeOnMain("schedule = \"*/10 * * * *\"", "schedule = \"*/15 * * * *\"");
        (await PostAsync(Delivery("push", Push(second)))).Status.Should().Be(HttpStatusCode.Accepted);
        (await _server.Store.ActiveJobsAsync()).Select(job => (job.CommitSha, job.State))
            .Should().Equal((first, JobState.Pending), (second, JobState.Pending));
        await _server.DisposeAsync();
        Schedule().Should().BeNull("nothing was applied before the restart");

        _server = await StartServerAsync(applyWorkers: 2);

        await Until(async () => (await _server.Store.ActiveJobsAsync()).Count == 0);
        var jobs = new[] { (await _server.Store.GetJobAsync(1))!, (await _server.Store.GetJobAsync(2))! };
        jobs.Select(job => (job.CommitSha, job.State, job.Outcome)).Should().Equal((first, JobState.Done, RunOutcome.Succeeded), (second, JobState.Done, RunOutcome.Succeeded));
        jobs[0].FinishedAt.Should().BeOnOrBefore(jobs[1].FinishedAt!.Value);
        var applies = (await _server.Store.RecentRunsAsync($"{Owner}/{Repository}", StackPath)).Where(run => run.Kind == RunKind.Apply).ToList();
        applies.Select(run => run.CommitSha).Should().Equal([second, first], "newest first: the first merge applied, then the second");
        applies[1].FinishedAt.Should().BeOnOrBefore(applies[0].StartedAt, "one repository's merges apply one at a time");
        Schedule().Should().Be("*/15 * * * *", "the later merge applied last");
        _github.Violations.Should().BeEmpty();
    }

    [RequiresGitHubArtifactsFact]
    public async Task A_merge_whose_worker_crashed_mid_apply_is_applied_again_once_its_lease_expired()
    {
        await _server.DisposeAsync();
        _server = await StartServerAsync(applyWorkers: 0);
        var merge = _remote.MergeIntoMain();
        (await PostAsync(Delivery("push", Push(merge)))).Status.Should().Be(HttpStatusCode.Accepted);

        // A worker that claimed the job and died: its lease runs out and is never renewed.
        var claimed = await _server.Store.ClaimNextAsync("crashed-worker", TimeSpan.FromMilliseconds(1));
        claimed!.CommitSha.Should().Be(merge);
        await _server.DisposeAsync();

        _server = await StartServerAsync(applyWorkers: 1);

        await Until(async () => (await _server.Store.GetJobAsync(claimed.Id))?.State == JobState.Done);
        var job = (await _server.Store.GetJobAsync(claimed.Id))!;
        job.Attempt.Should().Be(2);
        job.WorkerId.Should().NotBe("crashed-worker");
        job.Outcome.Should().Be(RunOutcome.Succeeded, job.LogTail);
        Schedule().Should().Be("*/10 * * * *");
        _github.Violations.Should().BeEmpty();
    }

    [RequiresGitHubArtifactsFact]
    public async Task A_command_that_does_not_parse_gets_the_error_and_the_help()
    {
        await PostAsync(Delivery("issue_comment", Comment("/konfig destroy", "writer")));

        await Until(() => _github.State.Comments(Owner, Repository, Number).Count > 0);
        var reply = _github.State.Comments(Owner, Repository, Number).Should().ContainSingle().Subject.Body;
        reply.Should().StartWith("I could not read that command").And.Contain("/konfig destroy").And.Contain("Konfig commands");
        _github.Violations.Should().BeEmpty();
    }

    [RequiresGitHubArtifactsFact]
    public async Task Stopping_with_a_preview_in_flight_ends_promptly_and_leaves_no_working_tree()
    {
        (await PostAsync(Delivery("pull_request", OpenedPullRequest()))).Status.Should().Be(HttpStatusCode.Accepted);
        var jobs = _folder.Combine("work/jobs");
        await Until(() => Directory.Exists(jobs));

        var watch = Stopwatch.StartNew();
        await _server.StopAsync();

        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30));
        Directory.EnumerateFileSystemEntries(jobs).Should().BeEmpty("the job's checkout is deleted whether it finished or was cancelled");
        var refused = () => _http.GetAsync(new Uri(_server.Url, "healthz"));
        await refused.Should().ThrowAsync<HttpRequestException>("the server no longer listens");
        _github.Violations.Should().BeEmpty();
    }

    [RequiresGitHubArtifactsFact]
    public async Task The_health_check_answers_and_a_malformed_delivery_is_a_400()
    {
        var health = await _http.GetAsync(new Uri(_server.Url, "healthz"));
        health.StatusCode.Should().Be(HttpStatusCode.OK);

        var body = Encoding.UTF8.GetBytes("{ not json");
        var (status, text) = await PostAsync(new WebhookRequest("pull_request", "d-1", WebhookVerifier.Sign(WebhookExamples.Secret, body), body));
        status.Should().Be(HttpStatusCode.BadRequest);
        text.Should().Contain("not valid JSON");
        _github.Requests.Should().BeEmpty();
    }

    private string? Schedule()
    {
        var cronJob = _kube.Objects.All().FirstOrDefault(o => o["kind"]?.GetValue<string>() == "CronJob");
        return cronJob?["spec"]?["schedule"]?.GetValue<string>();
    }

    private JsonObject OpenedPullRequest() => _webhooks.OpenedPullRequest(Number, _remote.HeadSha);

    private JsonObject MergedPullRequest(string mergeSha) => _webhooks.MergedPullRequest(Number, _remote.HeadSha, mergeSha);

    private JsonObject Push(string sha) => _webhooks.Push(sha);

    private JsonObject Comment(string body, string user) => _webhooks.Comment(Number, body, user);

    private static WebhookRequest Delivery(string eventName, JsonObject payload) => BotWebhooks.Delivery(eventName, payload);

    private Task<(HttpStatusCode Status, string Text)> PostAsync(WebhookRequest delivery) => _webhooks.PostAsync(_server.Url, delivery);

    private static Task Until(Func<bool> condition) => BotWebhooks.Until(condition);

    private static Task Until(Func<Task<bool>> condition) => BotWebhooks.Until(condition);
}
