namespace Konfig.Rewrite.Git;

/// <summary>What committing a rewrite did.</summary>
public enum RewriteCommitOutcome
{
    /// <summary>A new branch with one commit on the base.</summary>
    Created,

    /// <summary>The branch existed and was moved to a new commit on the base.</summary>
    Updated,

    /// <summary>The branch already holds exactly this rewrite on this base: nothing done.</summary>
    UpToDate,

    /// <summary>The rewrite changes no file: no commit, no branch.</summary>
    NothingToCommit,

    /// <summary>See <see cref="RewriteCommitResult.Error"/>.</summary>
    Failed,
}

/// <summary>The branch and commit (full sha) of a rewrite, the commit it is based on, or why it could not be made.</summary>
public sealed record RewriteCommitResult(RewriteCommitOutcome Outcome, string? Branch, string? CommitSha, string? BaseSha, string? Error)
{
    /// <summary>The branch checked out when the rewrite was committed (the one HEAD named), null when HEAD was detached: a pull request's natural base.</summary>
    public string? BaseBranch { get; init; }

    public static RewriteCommitResult Failed(string error) => new(RewriteCommitOutcome.Failed, null, null, null, error);
}
