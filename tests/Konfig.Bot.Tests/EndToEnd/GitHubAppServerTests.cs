using System.Net;
using System.Security.Cryptography;
using FluentAssertions;
using Konfig.Bot.Checks;
using Konfig.Bot.Comments;
using Konfig.Bot.GitHub;
using Konfig.Bot.Server;
using Konfig.Bot.Tests.Events;
using Konfig.Bot.Tests.Server;
using Konfig.Engine.Runs;
using Konfig.FakeGitHub;
using Konfig.FakeKube;

namespace Konfig.Bot.Tests.EndToEnd;

/// <summary>
/// `konfig bot serve` as a GitHub App, end to end over HTTP: a signed delivery in; the installation token
/// exchanged for a JWT signed with the app's key (the fake GitHub checks it with the public half); the merge
/// preview fetched by real git and previewed against the fake API server; check runs, not statuses, out.
/// </summary>
public sealed class GitHubAppServerTests : IAsyncLifetime
{
    private const string Owner = "acme";
    private const string Repository = "platform";
    private const long AppId = 4242;
    private const long InstallationId = 77;
    private const string StackPath = "konfig/apps/status-page/dev";
    private const string MainK = StackPath + "/main.k";

    private readonly RSA _key = RSA.Create(2048);
    private readonly MergePreviewRemote _remote = new();
    private readonly TemporaryFolder _folder = new();
    private readonly BotWebhooks _webhooks = new($"{Owner}/{Repository}");
    private FakeKubeServer _kube = null!;
    private FakeGitHubServer _github = null!;
    private BotServer _server = null!;

    public async Task InitializeAsync()
    {
        _kube = await FakeKubeServer.StartAsync(new FakeKubeOptions());
        _kube.WriteKubeconfig(_folder.Combine("kubeconfig"), context: "fake");
        // No plain tokens: every request must carry the installation token the app's JWT was exchanged for.
        _github = await FakeGitHubServer.StartAsync(new FakeGitHubOptions
        {
            Tokens = [],
            App = new FakeGitHubApp(AppId, _key.ExportSubjectPublicKeyInfoPem(), [InstallationId]),
        });
        _github.State.AddRepository(Owner, Repository, collaborators: new Dictionary<string, string> { ["writer"] = "write" });
        _remote.PullRequest(7, "schedule = \"*/5 * * * *\"", "schedule = \"*/10 * * * *\"");
        _github.State.AddPullRequest(Owner, Repository, new FakePullRequest(7, "Every ten minutes", "octocat", "feature", _remote.HeadSha, "main", _remote.BaseSha));
        _server = await BotServer.StartAsync(new BotServerOptions
        {
            Listen = new Uri("http://127.0.0.1:0"),
            WebhookSecret = WebhookExamples.Secret,
            Repositories = [$"{Owner}/{Repository}"],
            Credentials = new GitHubAppCredentials(AppId, _key.ExportRSAPrivateKeyPem(), InstallationId),
            GitHubApi = _github.Url,
            GitHubMutationSpacing = TimeSpan.Zero,
            RemoteTemplate = _remote.Path,
            WorkFolder = _folder.Combine("work"),
            KonfigFolder = "konfig",
            Engine = new StackRunSessionOptions { KubeconfigPath = _folder.Combine("kubeconfig"), StateFolder = _folder.Combine("state") },
            Logging = logging => { },
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _webhooks.Dispose();
        await _github.DisposeAsync();
        await _kube.DisposeAsync();
        _remote.Dispose();
        _folder.Dispose();
        _key.Dispose();
    }

    [RequiresGitHubArtifactsFact]
    public async Task A_pull_request_gets_the_comment_and_check_runs_and_a_broken_stack_a_failed_check_run_with_a_line_annotation()
    {
        var (status, text) = await _webhooks.PostAsync(_server.Url, BotWebhooks.Delivery("pull_request", _webhooks.OpenedPullRequest(7, _remote.HeadSha)));

        status.Should().Be(HttpStatusCode.Accepted, text);
        // The aggregate is sent first, then one run per stack: wait for both.
        await BotWebhooks.Until(() => Completed(_remote.HeadSha, CheckRuns.AggregateName) is not null && Completed(_remote.HeadSha, CheckRuns.NameFor(StackPath)) is not null);
        _github.State.Comments(Owner, Repository, 7).Should().ContainSingle()
            .Which.Body.Should().Contain(PreviewComment.Marker).And.Contain(StackPath);
        Completed(_remote.HeadSha, CheckRuns.AggregateName)!.Conclusion.Should().Be("success");
        Completed(_remote.HeadSha, CheckRuns.NameFor(StackPath))!.Conclusion.Should().Be("success");
        _github.State.CheckRuns(Owner, Repository).Where(run => run.HeadSha == _remote.HeadSha).Select(run => run.Name)
            .Should().BeEquivalentTo([CheckRuns.AggregateName, CheckRuns.NameFor(StackPath)], "one aggregate and one per affected stack");
        _github.InstallationTokensIssued.Should().BeGreaterThan(0, "the app's JWT was exchanged for an installation token");

        // A second pull request whose stack no longer compiles.
        var (brokenHead, brokenBase) = BrokenPullRequest(8);
        _github.State.AddPullRequest(Owner, Repository, new FakePullRequest(8, "Broken", "octocat", "broken", brokenHead, "main", brokenBase));

        (status, text) = await _webhooks.PostAsync(_server.Url, BotWebhooks.Delivery("pull_request", _webhooks.OpenedPullRequest(8, brokenHead)));

        status.Should().Be(HttpStatusCode.Accepted, text);
        await BotWebhooks.Until(() => Completed(brokenHead, CheckRuns.AggregateName) is not null && Completed(brokenHead, CheckRuns.NameFor(StackPath)) is not null);
        Completed(brokenHead, CheckRuns.AggregateName)!.Conclusion.Should().Be("failure");
        var stackRun = Completed(brokenHead, CheckRuns.NameFor(StackPath))!;
        stackRun.Conclusion.Should().Be("failure");
        stackRun.Annotations.Should().NotBeEmpty()
            .And.OnlyContain(a => a.Path == MainK && a.StartLine > 0 && a.Level == "failure");
        _github.State.Comments(Owner, Repository, 8).Should().ContainSingle().Which.Body.Should().Contain(MainK + ":");
        _github.State.Statuses(Owner, Repository).Should().BeEmpty("a GitHub App reports with check runs, not commit statuses");
        _github.Violations.Should().BeEmpty();
    }

    private FakeCheckRun? Completed(string headSha, string name) =>
        _github.State.CheckRuns(Owner, Repository).FirstOrDefault(run => run.HeadSha == headSha && run.Name == name && run.Status == "completed");

    /// <summary>Pull request <paramref name="number"/>: a branch off main whose stack refers to an undefined name, and its merge preview.</summary>
    private (string Head, string Base) BrokenPullRequest(int number)
    {
        var baseSha = _remote.BaseSha;
        _remote.Git("checkout", "-q", "-b", "broken", baseSha);
        var text = _remote.Git("show", $"{baseSha}:{MainK}");
        _remote.Write(MainK, text.Replace("schedule = \"*/5 * * * *\"", "schedule = undefined_name", StringComparison.Ordinal) + "\n");
        var head = _remote.CommitAll("break the stack");
        _remote.Git("checkout", "-q", "-b", "broken-merge", baseSha);
        _remote.Git("merge", "-q", "--no-ff", "-m", "Merge preview", "broken");
        _remote.Git("push", "-q", _remote.Path, $"HEAD:refs/pull/{number}/merge", "broken:refs/heads/broken");
        return (head, baseSha);
    }
}
