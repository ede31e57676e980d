using Konfig.Bot.GitHub;
using Konfig.Rewrite.Bulk;
using Konfig.Rewrite.Git;

namespace Konfig.Bot.Rewrites;

/// <summary>What to publish: a committed rewrite, where to push it, and the GitHub repository to open its pull request in.</summary>
public sealed record RewritePublishRequest
{
    /// <summary>A folder inside the local repository that holds the rewrite's branch.</summary>
    public required string Directory { get; init; }

    /// <summary>The root that paths in the body are relative to (the repository's working directory).</summary>
    public required string RepositoryRoot { get; init; }

    public required string Remote { get; init; }

    public required string Owner { get; init; }

    public required string Repository { get; init; }

    /// <summary>The branch to merge into; null takes the commit's base branch, else the repository's default branch.</summary>
    public string? BaseBranch { get; init; }

    /// <summary>Sent when pushing over HTTPS; null for remotes that need none.</summary>
    public string? PushToken { get; init; }

    public required BulkRewriteResult Rewrite { get; init; }

    public required RewriteCommitResult Commit { get; init; }
}

public enum RewritePublishOutcome
{
    /// <summary>A new pull request was opened.</summary>
    Opened,

    /// <summary>The open pull request of this branch got the new body.</summary>
    Updated,

    /// <summary>The open pull request of this branch already said the same.</summary>
    Unchanged,

    /// <summary>The rewrite changed nothing, so there is nothing to propose.</summary>
    NothingToPublish,

    Failed,
}

public sealed record RewritePublishResult(RewritePublishOutcome Outcome, GitHubPullRequestLink? PullRequest, string? Error);

/// <summary>
/// Proposes a committed rewrite: pushes its branch (replacing the remote branch, as a re-run rebuilds it on the
/// base), then opens its pull request, or, when one is already open for that branch, edits it in place. Shared by
/// <c>konfig rewrite</c> and the bot. GitHub's errors (Octokit's exceptions) propagate, as elsewhere in the bot.
/// </summary>
public sealed class RewritePublisher(IGitHubApi gitHub)
{
    public async Task<RewritePublishResult> PublishAsync(RewritePublishRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var commit = request.Commit;
        if (commit.Outcome == RewriteCommitOutcome.Failed)
        {
            return new RewritePublishResult(RewritePublishOutcome.Failed, null, commit.Error);
        }

        if (commit.Outcome == RewriteCommitOutcome.NothingToCommit || commit.Branch is null)
        {
            return new RewritePublishResult(RewritePublishOutcome.NothingToPublish, null, null);
        }

        if (BranchPusher.Push(request.Directory, request.Remote, commit.Branch, request.PushToken) is { } pushError)
        {
            return new RewritePublishResult(RewritePublishOutcome.Failed, null, pushError);
        }

        var title = RewritePullRequestBody.Title(request.Rewrite);
        var body = RewritePullRequestBody.Create(request.Rewrite, request.RepositoryRoot, commit.BaseSha);
        var open = await gitHub.FindOpenPullRequestAsync(request.Owner, request.Repository, commit.Branch, ct);
        if (open is not null)
        {
            if (open.Body == body && open.Title == title)
            {
                return new RewritePublishResult(RewritePublishOutcome.Unchanged, open, null);
            }

            var updated = await gitHub.UpdatePullRequestAsync(request.Owner, request.Repository, open.Number, title, body, ct);
            return new RewritePublishResult(RewritePublishOutcome.Updated, updated, null);
        }

        var baseBranch = request.BaseBranch ?? commit.BaseBranch ?? await gitHub.GetDefaultBranchAsync(request.Owner, request.Repository, ct);
        var created = await gitHub.CreatePullRequestAsync(request.Owner, request.Repository, commit.Branch, baseBranch, title, body, ct);
        return new RewritePublishResult(RewritePublishOutcome.Opened, created, null);
    }
}
