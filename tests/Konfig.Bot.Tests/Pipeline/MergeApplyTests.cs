using FluentAssertions;
using Konfig.Bot.Events;
using Konfig.Bot.GitHub;
using Konfig.Bot.Pipeline;
using Konfig.Bot.Storage;
using Konfig.Engine.Apply;
using Konfig.Engine.Runs;
using Konfig.FakeGitHub;
using Konfig.FakeKube;

namespace Konfig.Bot.Tests.Pipeline;

/// <summary>
/// A merge from end to end: a real git repository holding orders-api and status-page of our konfig/, status-page's
/// dev stack depending on orders-api's (<c>dependsOn</c>), a merge commit changing both, applied to the fake API
/// server with readiness watched, and the statuses and comment in the fake GitHub, every request checked against
/// GitHub's REST description.
/// </summary>
public sealed class MergeApplyTests : IAsyncLifetime
{
    private const string Owner = "acme";
    private const string Repository = "platform";
    private const int Number = 12;
    private const string Orders = "konfig/apps/orders-api/dev";
    private const string StatusPage = "konfig/apps/status-page/dev";

    private readonly KonfigGitRepository _git = new("orders-api", "status-page");
    private readonly TemporaryFolder _state = new();
    private PipelineFakes _fakes = null!;
    private FakeKubeServer _kube = null!;
    private FakeGitHubServer _github = null!;
    private OctokitGitHubApi _api = null!;
    private string _kubeconfig = null!;

    public async Task InitializeAsync()
    {
        _fakes = await PipelineFakes.StartAsync(Owner, Repository, _state.Path, new FakeKubeOptions { ReadyDelay = TimeSpan.FromMilliseconds(50) });
        (_kube, _kubeconfig, _github, _api) = (_fakes.Kube, _fakes.Kubeconfig, _fakes.GitHub, _fakes.Api);
    }

    public async Task DisposeAsync()
    {
        await _fakes.DisposeAsync();
        _git.Dispose();
        _state.Dispose();
    }

    [RequiresGitHubArtifactsFact]
    public async Task A_merge_applies_its_stacks_dependencies_first_and_reports_success()
    {
        var sha = Merge(ordersChange: "\n# More orders.\n");
        await using var store = await SqliteBotStore.OpenAsync(Path.Combine(_state.Path, "bot.db"));

        var report = await MergeApply.RunAsync(Context(), Action(sha), Path.Combine(_git.Root, "konfig"), Options() with { Store = store });

        report.Error.Should().BeNull();
        report.Stacks.Select(s => (s.Stack, s.Outcome)).Should().Equal(
            (Orders, StackApplyOutcome.Applied), (StatusPage, StackApplyOutcome.Applied));
        report.Stacks.Should().OnlyContain(s => s.Result!.Succeeded && s.ErrorTail.Count == 0);
        report.CommentBody.Should().BeNull();

        _kube.Objects.Get("apps/v1", "Deployment", "orders-api", "orders-api").Should().NotBeNull();
        _kube.Objects.Get("apps/v1", "Deployment", "status-page", "status-page").Should().NotBeNull();
        _kube.Objects.Get("batch/v1", "CronJob", "status-page", "status-prober").Should().NotBeNull();

        var statuses = _github.State.Statuses(Owner, Repository).Where(s => s.Sha == sha).ToList();
        statuses.Select(s => (s.Context, s.State)).Should().BeEquivalentTo(new[]
        {
            ("konfig apply", "success"),
            ($"konfig apply: {Orders}", "success"),
            ($"konfig apply: {StatusPage}", "success"),
        });
        _github.State.Comments(Owner, Repository, Number).Should().BeEmpty();
        (await store.RecentRunsAsync()).Select(r => (r.StackPath, r.Kind, r.Outcome, r.CommitSha)).Should().BeEquivalentTo(new[]
        {
            (Orders, RunKind.Apply, RunOutcome.Succeeded, sha),
            (StatusPage, RunKind.Apply, RunOutcome.Succeeded, sha),
        });
        _github.TakeViolations().Should().BeEmpty();
    }

    [RequiresGitHubArtifactsFact]
    public async Task A_failing_apply_fails_its_stack_skips_its_dependent_and_comments_on_the_pull_request()
    {
        // Every object of orders-api gets the annotation: its Deployment never becomes ready (a failing Pod appears).
        var sha = Merge(ordersChange: "\napp: frontend.Application {\n    annotations = {\"fake.konfig.io/fail\" = \"ImagePullBackOff\"}\n}\n");

        var report = await MergeApply.RunAsync(Context(), Action(sha), Path.Combine(_git.Root, "konfig"), Options());

        report.Succeeded.Should().BeFalse();
        var orders = report.Stacks.Single(s => s.Stack == Orders);
        orders.Outcome.Should().Be(StackApplyOutcome.Failed);
        orders.Result!.Failed.Should().BeGreaterThan(0);
        orders.ErrorTail.Should().NotBeEmpty().And.HaveCountLessThanOrEqualTo(20);
        orders.ErrorTail.Should().Contain(line => line.Contains("ImagePullBackOff", StringComparison.Ordinal));
        var statusPage = report.Stacks.Single(s => s.Stack == StatusPage);
        statusPage.Outcome.Should().Be(StackApplyOutcome.Skipped);
        statusPage.Summary.Should().Contain(Orders);

        // Never reverted: what orders-api applied stays; status-page was not applied at all.
        _kube.Objects.Get("apps/v1", "Deployment", "orders-api", "orders-api").Should().NotBeNull();
        _kube.Objects.Get("apps/v1", "Deployment", "status-page", "status-page").Should().BeNull();

        var statuses = _github.State.Statuses(Owner, Repository).Where(s => s.Sha == sha).ToList();
        statuses.Select(s => (s.Context, s.State)).Should().BeEquivalentTo(new[]
        {
            ("konfig apply", "failure"),
            ($"konfig apply: {Orders}", "failure"),
            ($"konfig apply: {StatusPage}", "error"),
        });
        var comment = _github.State.Comments(Owner, Repository, Number).Should().ContainSingle().Subject.Body;
        comment.Should().Be(report.CommentBody);
        comment.Should().Contain(MergeApplyComment.Marker).And.Contain($"`{Orders}` failed").And.Contain("ImagePullBackOff")
            .And.Contain($"`{StatusPage}`").And.Contain("/konfig retry").And.Contain("Nothing was reverted");
        _github.TakeViolations().Should().BeEmpty();
    }

    [RequiresGitHubArtifactsFact]
    public async Task A_merge_that_touches_no_stack_applies_nothing_and_says_so()
    {
        _git.CommitAll("base");
        _git.Git("checkout", "-q", "-b", "feature");
        _git.Write("docs/notes.md", "notes\n");
        _git.CommitAll("docs");
        _git.Git("checkout", "-q", "main");
        _git.Git("merge", "-q", "--no-ff", "-m", "Merge", "feature");
        var sha = _git.Git("rev-parse", "HEAD");

        var report = await MergeApply.RunAsync(Context(), Action(sha), Path.Combine(_git.Root, "konfig"), Options());

        report.Succeeded.Should().BeTrue();
        report.Stacks.Should().BeEmpty();
        _github.State.Statuses(Owner, Repository).Should().ContainSingle()
            .Which.Should().Match<FakeCommitStatus>(s => s.Context == "konfig apply" && s.State == "success" && s.Description == "No stack affected");
        _github.TakeViolations().Should().BeEmpty();
    }

    private BotContext Context() => new(
        _api,
        new StackRunSessionOptions { KubeconfigPath = _kubeconfig, StateFolder = Path.Combine(_state.Path, "state") },
        ReportStyle.CommitStatuses);

    private static MergeApplyOptions Options() =>
        new() { Apply = new StackApplyOptions { Watch = true, Timeout = TimeSpan.FromSeconds(30), PollInterval = TimeSpan.FromMilliseconds(50) } };

    private static ApplyAction Action(string sha) => new($"{Owner}/{Repository}", Number, sha, "main");

    /// <summary>
    /// main (status-page's dev stack depending on orders-api's), a feature branch changing both stacks, merged into
    /// main with a merge commit (first parent main), checked out. Returns the merge commit.
    /// </summary>
    private string Merge(string ordersChange)
    {
        _git.Write("konfig/apps/status-page/dev/stack.yaml", "name: dev\ndependsOn:\n  - apps/orders-api/dev\n");
        _git.CommitAll("base");
        _git.Git("checkout", "-q", "-b", "feature");
        _git.Append("konfig/apps/orders-api/dev/main.k", ordersChange);
        _git.Append("konfig/apps/status-page/dev/main.k", "\n# A change.\n");
        _git.CommitAll("change");
        _git.Git("checkout", "-q", "main");
        _git.Git("merge", "-q", "--no-ff", "-m", "Merge pull request", "feature");
        return _git.Git("rev-parse", "HEAD");
    }
}
