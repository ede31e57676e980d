using FluentAssertions;
using Konfig.Bot.GitHub;
using Konfig.Bot.Rewrites;
using Konfig.FakeGitHub;
using Konfig.Rewrite.Bulk;
using Konfig.Rewrite.Git;
using Konfig.Rewrite.Overrides;
using Konfig.Workspace.Compilation;
using Konfig.Workspace.Discovery;

namespace Konfig.Bot.Tests.Rewrites;

/// <summary>
/// A rewrite proposed end to end through <see cref="RewriteRun"/>: a real override spec, rewritten and compiled for
/// real, committed with LibGit2Sharp, pushed to a local bare repository, and its pull request opened and edited on
/// the fake GitHub over HTTP.
/// </summary>
public sealed class RewriteRunTests : IAsyncLifetime
{
    private readonly KonfigGitRepository _repository = new("status-page");
    // Only dev declares the prober: prod is left alone (and noted).
    private const string Schedule = "prober.schedule=\"*/10 * * * *\"";

    private readonly TempGitRepository _remote = TempGitRepository.Init("--bare");
    private FakeGitHubServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeGitHubServer.StartAsync(new FakeGitHubOptions { Clock = TimeProvider.System });
        _server.State.AddRepository("acme", "infra", "trunk");
        _repository.CommitAll("the monorepo");
        _repository.Git("remote", "add", "origin", _remote.Root);
    }

    public async Task DisposeAsync()
    {
        var violations = _server.Violations;
        await _server.DisposeAsync();
        _repository.Dispose();
        _remote.Dispose();
        violations.Should().BeEmpty("every request must conform to GitHub's REST description");
    }

    [RequiresGitHubArtifactsFact]
    public async Task Opens_a_pull_request_then_updates_it_on_re_runs()
    {
        using var api = Client();

        var (rewrite, commit, first) = await RewriteAndPublish(api, Schedule);
        first.Outcome.Should().Be(RewritePublishOutcome.Opened);
        var pr = _server.State.PullRequests("acme", "infra").Should().ContainSingle().Subject;
        pr.HeadRef.Should().Be(commit.Branch);
        pr.BaseRef.Should().Be("main", "the rewrite is based on the branch checked out");
        pr.Title.Should().Be("konfig rewrite: " + Schedule);
        pr.Body.Should().StartWith(RewritePullRequestBody.Marker)
            .And.Contain("| `apps/status-page/dev` | `main.k`, `ci-test/stdout.golden.yaml` | +1 −1 |")
            .And.Contain("- `apps/status-page/prod`: '" + Schedule + "' not applied: no variable 'prober' to set here")
            .And.Contain("+++ b/konfig/apps/status-page/dev/main.k")
            .And.Contain($"(on {commit.BaseSha![..7]})");
        _remote.Git("rev-parse", commit.Branch!).Should().Be(commit.CommitSha);
        first.PullRequest!.Number.Should().Be(pr.Number);

        // The same rewrite on the same HEAD: nothing to edit.
        var (_, again, second) = await RewriteAndPublish(api, Schedule);
        again.Outcome.Should().Be(RewriteCommitOutcome.UpToDate);
        second.Outcome.Should().Be(RewritePublishOutcome.Unchanged);

        // On a newer HEAD: the branch is rebuilt and pushed, the same pull request edited.
        _repository.Write("README.md", "news\n");
        _repository.CommitAll("unrelated");
        var (_, moved, third) = await RewriteAndPublish(api, Schedule);
        moved.Outcome.Should().Be(RewriteCommitOutcome.Updated);
        third.Outcome.Should().Be(RewritePublishOutcome.Updated);
        _server.State.PullRequests("acme", "infra").Should().ContainSingle().Which.Body.Should().Contain($"(on {moved.BaseSha![..7]})");
        _remote.Git("rev-parse", moved.Branch!).Should().Be(moved.CommitSha);
        _server.Requests.Count(r => r.Method == "POST" && r.Template == "/repos/{owner}/{repo}/pulls").Should().Be(1);
        _server.Requests.Count(r => r.Method == "PATCH" && r.Template == "/repos/{owner}/{repo}/pulls/{pull_number}").Should().Be(1);
        rewrite.Success.Should().BeTrue();
    }

    [RequiresGitHubArtifactsFact]
    public async Task A_rewrite_that_changes_nothing_is_not_published()
    {
        using var api = Client();
        var run = await Run(api, "prober.schedule=\"*/5 * * * *\"");
        run.Rewrite.NothingToChange.Should().BeTrue("dev already has this schedule");
        run.Commit.Should().BeNull();
        run.Published.Should().BeNull();
        _repository.Git("branch", "--list", "konfig/rewrite/*").Should().BeEmpty();
        _server.Requests.Should().BeEmpty();
    }

    [RequiresGitHubArtifactsFact]
    public async Task A_push_that_fails_opens_no_pull_request()
    {
        using var api = Client();
        _repository.Git("remote", "set-url", "origin", Path.Combine(_remote.Root, "missing"));
        var (_, _, result) = await RewriteAndPublish(api, Schedule);
        result.Outcome.Should().Be(RewritePublishOutcome.Failed);
        result.Error.Should().StartWith("cannot push konfig/rewrite/");
        _server.State.PullRequests("acme", "infra").Should().BeEmpty();
    }

    private async Task<(BulkRewriteResult, RewriteCommitResult, RewritePublishResult)> RewriteAndPublish(IGitHubApi api, string spec)
    {
        var run = await Run(api, spec);
        return (run.Rewrite, run.Commit!, run.Published!);
    }

    private async Task<RewriteRunResult> Run(IGitHubApi api, string spec)
    {
        var workspace = WorkspaceDiscovery.Discover(_repository.PathOf("konfig"));
        var (rewrite, error) = OverrideFileRewrite.Create([spec], []);
        error.Should().BeNull();
        return await new RewriteRun(TimeProvider.System).RunAsync(new RewriteRunRequest
        {
            Workspace = workspace,
            Stacks = workspace.Stacks,
            Rewrite = rewrite!,
            Delivery = RewriteDelivery.PullRequest,
            UpdateGoldens = true,
            Compile = new StackCompileOptions { MaxParallelism = 2 },
            PullRequest = new RewritePullRequestTarget("origin", "acme", "infra", PushToken: null),
        }, api);
    }

    private OctokitGitHubApi Client() => new(new GitHubApiOptions
    {
        BaseAddress = _server.Url,
        Credentials = new PersonalTokenCredentials("test-token"),
        MutationSpacing = TimeSpan.Zero,
    });
}
