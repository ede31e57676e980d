using Konfig.Bot.GitHub;
using Konfig.Rewrite.Bulk;
using Konfig.Rewrite.Git;
using Konfig.Workspace.Compilation;
using Konfig.Workspace.Discovery;

namespace Konfig.Bot.Rewrites;

/// <summary>Where a rewrite goes once every touched stack compiles.</summary>
public enum RewriteDelivery
{
    /// <summary>Nowhere: the result carries the diffs and the preview.</summary>
    DryRun,

    /// <summary>The files are written in place.</summary>
    WriteFiles,

    /// <summary>One commit on the rewrite's own branch; the checkout is left as it is.</summary>
    Commit,

    /// <summary>The commit, pushed, and its pull request opened or edited.</summary>
    PullRequest,
}

/// <summary>The GitHub side of <see cref="RewriteDelivery.PullRequest"/>: where to push and which repository gets the pull request.</summary>
public sealed record RewritePullRequestTarget(string Remote, string Owner, string Repository, string? PushToken);

public sealed record RewriteRunRequest
{
    public required KonfigWorkspace Workspace { get; init; }

    public required IReadOnlyList<Stack> Stacks { get; init; }

    public required IFileRewrite Rewrite { get; init; }

    public required RewriteDelivery Delivery { get; init; }

    public bool UpdateGoldens { get; init; }

    public StackCompileOptions Compile { get; init; } = new();

    /// <summary>Required for <see cref="RewriteDelivery.PullRequest"/>.</summary>
    public RewritePullRequestTarget? PullRequest { get; init; }
}

/// <summary>
/// What a rewrite run did: the rewrite (its changes or the errors that stopped it), then, as far as the delivery
/// went, the commit and the pull request. <see cref="RepositoryRoot"/> is what paths in diffs are relative to.
/// </summary>
public sealed record RewriteRunResult(BulkRewriteResult Rewrite, RewriteCommitResult? Commit, RewritePublishResult? Published, string RepositoryRoot);

/// <summary>
/// The one entry point of a bulk rewrite, for the CLI and the bot: rewrite and recompile (<see cref="BulkRewrite"/>),
/// then deliver it: nothing, the files, a commit (<see cref="RewriteCommitter"/>) or a pull request
/// (<see cref="RewritePublisher"/>). Each step runs only when the one before succeeded and changed something.
/// </summary>
public sealed class RewriteRun(TimeProvider clock)
{
    public async Task<RewriteRunResult> RunAsync(RewriteRunRequest request, IGitHubApi? gitHub, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var delivery = request.Delivery;
        if (delivery == RewriteDelivery.PullRequest && (request.PullRequest is null || gitHub is null))
        {
            throw new ArgumentException("a pull request needs its target and a GitHub client", nameof(request));
        }

        var root = GitCheckout.Root(request.Workspace.Root) ?? request.Workspace.Root;
        var rewrite = BulkRewrite.Run(request.Stacks, request.Rewrite, new BulkRewriteOptions
        {
            WriteFiles = delivery == RewriteDelivery.WriteFiles,
            UpdateGoldens = request.UpdateGoldens,
            Preview = delivery is RewriteDelivery.DryRun or RewriteDelivery.PullRequest,
            Compile = request.Compile,
        });
        if (!rewrite.Success || rewrite.NothingToChange || delivery is RewriteDelivery.DryRun or RewriteDelivery.WriteFiles)
        {
            return new RewriteRunResult(rewrite, null, null, root);
        }

        var commit = new RewriteCommitter(clock).Commit(request.Workspace.Root, rewrite);
        if (delivery != RewriteDelivery.PullRequest || commit.Outcome is RewriteCommitOutcome.Failed or RewriteCommitOutcome.NothingToCommit)
        {
            return new RewriteRunResult(rewrite, commit, null, root);
        }

        var target = request.PullRequest!;
        RewritePublishResult published;
        try
        {
            published = await new RewritePublisher(gitHub!).PublishAsync(new RewritePublishRequest
            {
                Directory = request.Workspace.Root,
                RepositoryRoot = root,
                Remote = target.Remote,
                Owner = target.Owner,
                Repository = target.Repository,
                PushToken = target.PushToken,
                Rewrite = rewrite,
                Commit = commit,
            }, ct);
        }
        catch (Exception error) when (error is Octokit.ApiException or HttpRequestException)
        {
            published = new RewritePublishResult(RewritePublishOutcome.Failed, null, $"GitHub: {error.Message}");
        }

        return new RewriteRunResult(rewrite, commit, published, root);
    }
}
