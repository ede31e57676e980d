using FluentAssertions;
using Konfig.Bot.Comments;
using Konfig.Bot.GitHub;
using Konfig.Bot.Pipeline;
using Konfig.Bot.Tests.Comments;
using Konfig.FakeGitHub;

namespace Konfig.Bot.Tests.Pipeline;

/// <summary>
/// A 500-stack preview on a pull request, through the GitHub client to the fake GitHub over HTTP: posted as
/// several comments, each below GitHub's limit; a later, smaller preview edits the first and deletes the rest.
/// </summary>
public sealed class SplitCommentSyncTests : IAsyncLifetime
{
    private FakeGitHubServer _github = null!;
    private OctokitGitHubApi _api = null!;

    public async Task InitializeAsync()
    {
        _github = await FakeGitHubServer.StartAsync();
        _github.State.AddRepository("acme", "platform");
        _api = new OctokitGitHubApi(new GitHubApiOptions
        {
            BaseAddress = new Uri(_github.Url, "/"),
            Credentials = new PersonalTokenCredentials("personal-token"),
            MutationSpacing = TimeSpan.Zero,
        });
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _github.DisposeAsync();
    }

    [RequiresGitHubArtifactsFact]
    public async Task A_500_stack_preview_is_posted_in_parts_under_the_limit_and_a_smaller_one_replaces_them()
    {
        _github.State.AddComment("acme", "platform", 5, "Looks good to me", "reviewer");
        var large = Enumerable.Range(0, 500)
            .Select(i => StackResult.Previewed($"apps/app-{i:D3}/prod", PreviewCommentTests.Updates($"apps/app-{i:D3}/prod", 6, 4)))
            .ToList();

        await PullRequestPreview.SyncCommentsAsync(_api, "acme", "platform", 5, PreviewComment.Render("abc1234", large), CancellationToken.None);

        var posted = _github.State.Comments("acme", "platform", 5).Where(c => PreviewComment.TryParseMarker(c.Body, out _, out _)).ToList();
        posted.Count.Should().BeGreaterThan(1, "500 stacks do not fit in one comment");
        posted.Should().OnlyContain(c => c.Body.Length < PreviewComment.MaxLength);
        large.Should().OnlyContain(stack => posted.Count(c => c.Body.Contains($"<code>{stack.Stack}</code>", StringComparison.Ordinal)) == 1);

        var small = large.Take(3).ToList();
        await PullRequestPreview.SyncCommentsAsync(_api, "acme", "platform", 5, PreviewComment.Render("def5678", small), CancellationToken.None);

        var after = _github.State.Comments("acme", "platform", 5);
        after.Should().HaveCount(2, "the reviewer's comment stays and the preview is one comment again");
        after.Should().ContainSingle(c => c.Body == "Looks good to me");
        after.Single(c => c.Body != "Looks good to me").Id.Should().Be(posted[0].Id, "the first part is edited in place");
        _github.TakeViolations().Should().BeEmpty();
    }
}
