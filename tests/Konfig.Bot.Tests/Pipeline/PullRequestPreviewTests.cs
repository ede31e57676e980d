using System.Text.Json.Nodes;
using FluentAssertions;
using Konfig.Bot.Comments;
using Konfig.Bot.Events;
using Konfig.Bot.GitHub;
using Konfig.Bot.Pipeline;
using Konfig.Bot.Tests.Events;
using Konfig.Bot.Webhooks;
using Konfig.Engine.Runs;
using Konfig.FakeGitHub;
using Konfig.FakeKube;

namespace Konfig.Bot.Tests.Pipeline;

/// <summary>
/// A pull request from end to end: a real git repository holding our konfig/ with a merge-preview commit, the
/// pull_request "opened" example of @octokit/webhooks-examples (its numbers and SHAs set to this repository's)
/// delivered signed through the gate, the preview against the fake API server, and the comment and statuses
/// in the fake GitHub, every request checked against GitHub's REST description.
/// </summary>
public sealed class PullRequestPreviewTests : IAsyncLifetime
{
    private const string Owner = "acme";
    private const string Repository = "platform";
    private const int Number = 7;

    private readonly KonfigGitRepository _git = new("status-page");
    private readonly TemporaryFolder _state = new();
    private PipelineFakes _fakes = null!;
    private FakeKubeServer _kube = null!;
    private FakeGitHubServer _github = null!;
    private OctokitGitHubApi _api = null!;
    private string _kubeconfig = null!;

    public async Task InitializeAsync()
    {
        _fakes = await PipelineFakes.StartAsync(Owner, Repository, _state.Path);
        (_kube, _kubeconfig, _github, _api) = (_fakes.Kube, _fakes.Kubeconfig, _fakes.GitHub, _fakes.Api);
    }

    public async Task DisposeAsync()
    {
        await _fakes.DisposeAsync();
        _git.Dispose();
        _state.Dispose();
    }

    [RequiresGitHubArtifactsFact]
    public async Task An_opened_pull_request_gets_one_comment_and_a_status_per_stack_then_the_comment_is_edited_in_place()
    {
        var (baseSha, headSha) = MergePreview("schedule = \"*/5 * * * *\"", "schedule = \"*/10 * * * *\"");
        _github.State.AddPullRequest(Owner, Repository, new FakePullRequest(Number, "More replicas", "octocat", "feature", headSha, "main", baseSha));
        var action = Deliver(headSha);

        var report = await PullRequestPreview.RunAsync(Context(), action, Path.Combine(_git.Root, "konfig"));

        report.Error.Should().BeNull();
        report.Stacks.Select(s => s.Stack).Should().Equal("konfig/apps/status-page/dev");
        report.Stacks[0].Outcome.Should().Be(StackOutcome.Changes, "nothing is applied yet, so the stack's resources are all to create");
        var comments = _github.State.Comments(Owner, Repository, Number);
        comments.Should().ContainSingle().Which.Body.Should().Contain(PreviewComment.Marker).And.Contain("konfig/apps/status-page/dev");
        _github.State.Statuses(Owner, Repository).Where(s => s.Sha == headSha).Select(s => s.Context)
            .Should().Contain(["konfig", "konfig: konfig/apps/status-page/dev"]);

        // A second push to the pull request: the same comment, edited.
        await PullRequestPreview.RunAsync(Context(), action, Path.Combine(_git.Root, "konfig"));
        _github.State.Comments(Owner, Repository, Number).Should().ContainSingle().Which.Id.Should().Be(comments[0].Id);
        _github.TakeViolations().Should().BeEmpty();
    }

    [RequiresGitHubArtifactsFact]
    public async Task A_stack_that_no_longer_compiles_is_shown_with_its_file_and_line_and_fails_its_status()
    {
        var (baseSha, headSha) = MergePreview("schedule = \"*/5 * * * *\"", "schedule = undefined_name");
        _github.State.AddPullRequest(Owner, Repository, new FakePullRequest(Number, "Broken", "octocat", "feature", headSha, "main", baseSha));

        var report = await PullRequestPreview.RunAsync(Context(), Deliver(headSha), Path.Combine(_git.Root, "konfig"));

        report.Stacks.Should().ContainSingle().Which.Outcome.Should().Be(StackOutcome.Failed);
        _github.State.Comments(Owner, Repository, Number).Single().Body.Should().Contain("konfig/apps/status-page/dev/main.k:");
        _github.State.Statuses(Owner, Repository).Should().Contain(s => s.Context == "konfig: konfig/apps/status-page/dev" && s.State == "failure");
        _github.TakeViolations().Should().BeEmpty();
    }

    [RequiresGitHubArtifactsFact]
    public async Task A_preview_of_named_stacks_previews_those_and_reports_a_name_that_is_no_stack()
    {
        var (baseSha, headSha) = MergePreview("schedule = \"*/5 * * * *\"", "schedule = \"*/10 * * * *\"");
        _github.State.AddPullRequest(Owner, Repository, new FakePullRequest(Number, "Named", "octocat", "feature", headSha, "main", baseSha));

        var report = await PullRequestPreview.RunAsync(
            Context(), Deliver(headSha), Path.Combine(_git.Root, "konfig"), onlyStacks: ["apps/status-page/prod", "konfig/apps/nowhere/dev"]);

        report.Stacks.Select(s => (s.Stack, s.Outcome)).Should().Equal(
            ("konfig/apps/nowhere/dev", StackOutcome.Failed),
            ("konfig/apps/status-page/prod", StackOutcome.Changes));
        report.Stacks[0].Errors.Single().Message.Should().Contain("no stack at 'konfig/apps/nowhere/dev'");
        _github.TakeViolations().Should().BeEmpty();
    }

    private BotContext Context() => new(
        _api,
        new StackRunSessionOptions { KubeconfigPath = _kubeconfig, StateFolder = Path.Combine(_state.Path, "state") },
        ReportStyle.CommitStatuses);

    /// <summary>The webhook example of an opened pull request, made this repository's, delivered signed through the gate.</summary>
    private static PreviewAction Deliver(string headSha)
    {
        var payload = WebhookExamples.Of("pull_request").First(p => p["action"]!.GetValue<string>() == "opened");
        payload["number"] = Number;
        payload["pull_request"]!["number"] = Number;
        payload["pull_request"]!["head"]!["sha"] = headSha;
        payload["pull_request"]!["base"]!["ref"] = "main";
        payload["repository"]!["full_name"] = $"{Owner}/{Repository}";
        var request = WebhookExamples.Delivery("pull_request", payload);
        var gate = new WebhookGate(new WebhookVerifier(WebhookExamples.Secret), new RepositoryAllowlist([$"{Owner}/*"]), new InMemoryDeliveryLog());
        var verdict = gate.Check(request);
        return verdict.Should().BeOfType<WebhookAccepted>().Subject.Action.Should().BeOfType<PreviewAction>().Subject;
    }

    /// <summary>
    /// main, a feature branch changing the stack's main.k, and the merge-preview commit GitHub makes for the
    /// pull request (first parent main), checked out. Returns main's and the feature's commits.
    /// </summary>
    private (string BaseSha, string HeadSha) MergePreview(string old, string replacement)
    {
        var baseSha = _git.CommitAll("base");
        _git.Git("checkout", "-q", "-b", "feature");
        var main = _git.PathOf("konfig/apps/status-page/dev/main.k");
        var text = File.ReadAllText(main);
        text.Should().Contain(old);
        File.WriteAllText(main, text.Replace(old, replacement, StringComparison.Ordinal));
        var headSha = _git.CommitAll("change");
        _git.Git("checkout", "-q", "main");
        _git.Git("merge", "-q", "--no-ff", "-m", "Merge preview", "feature");
        return (baseSha, headSha);
    }
}
