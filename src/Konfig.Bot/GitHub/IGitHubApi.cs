namespace Konfig.Bot.GitHub;

/// <summary>
/// The GitHub calls the bot makes. Owner and repository name every call, so one client serves every
/// repository an installation (or token) reaches. Cancellation stops waits and requests in flight.
/// </summary>
public interface IGitHubApi
{
    Task<GitHubPullRequest> GetPullRequestAsync(string owner, string repo, int number, CancellationToken ct = default);

    Task<string> GetDefaultBranchAsync(string owner, string repo, CancellationToken ct = default);

    /// <summary>Every comment of an issue or pull request, all pages, oldest first.</summary>
    Task<IReadOnlyList<GitHubComment>> ListIssueCommentsAsync(string owner, string repo, int issueNumber, CancellationToken ct = default);

    Task<GitHubComment> CreateIssueCommentAsync(string owner, string repo, int issueNumber, string body, CancellationToken ct = default);

    Task<GitHubComment> UpdateIssueCommentAsync(string owner, string repo, long commentId, string body, CancellationToken ct = default);

    Task DeleteIssueCommentAsync(string owner, string repo, long commentId, CancellationToken ct = default);

    /// <summary>The first comment whose body contains <paramref name="marker"/> (e.g. an HTML comment), or null.</summary>
    Task<GitHubComment?> FindCommentAsync(string owner, string repo, int issueNumber, string marker, CancellationToken ct = default);

    /// <summary>
    /// The sticky comment: edits the comment holding <paramref name="marker"/> in place, or creates it. The
    /// marker is put at the top of <paramref name="body"/> when the body does not already contain it.
    /// </summary>
    Task<GitHubComment> UpsertStickyCommentAsync(string owner, string repo, int issueNumber, string marker, string body, CancellationToken ct = default);

    /// <summary>Creates a check run (GitHub App mode only); annotations past the first 50 follow in updates of at most 50.</summary>
    Task<long> CreateCheckRunAsync(string owner, string repo, NewCheckRunRequest checkRun, CancellationToken ct = default);

    /// <summary>Updates a check run; its annotations are appended, at most 50 per request.</summary>
    Task UpdateCheckRunAsync(string owner, string repo, long checkRunId, CheckRunChange change, CancellationToken ct = default);

    Task CreateCommitStatusAsync(string owner, string repo, string sha, CommitStatusRequest status, CancellationToken ct = default);

    /// <summary>The open pull request whose head is <paramref name="headBranch"/> of this repository, or null.</summary>
    Task<GitHubPullRequestLink?> FindOpenPullRequestAsync(string owner, string repo, string headBranch, CancellationToken ct = default);

    /// <summary>Opens a pull request from <paramref name="headBranch"/> (a branch of this repository) into <paramref name="baseBranch"/>.</summary>
    Task<GitHubPullRequestLink> CreatePullRequestAsync(string owner, string repo, string headBranch, string baseBranch, string title, string body, CancellationToken ct = default);

    /// <summary>Replaces a pull request's title and body.</summary>
    Task<GitHubPullRequestLink> UpdatePullRequestAsync(string owner, string repo, int number, string title, string body, CancellationToken ct = default);

    /// <summary>The user's permission on the repository (none for a stranger).</summary>
    Task<RepositoryPermission> GetPermissionAsync(string owner, string repo, string user, CancellationToken ct = default);
}

public sealed record GitHubPullRequest(
    int Number,
    string Title,
    string Author,
    string State,
    bool Draft,
    bool Merged,
    string HeadRef,
    string HeadSha,
    string BaseRef,
    string BaseSha,
    string? MergeCommitSha);

/// <summary>A pull request as the bot opens and edits it: its number, its page and its body.</summary>
public sealed record GitHubPullRequestLink(int Number, string HtmlUrl, string Title, string Body);

public sealed record GitHubComment(long Id, string Body, string Author);

public enum CheckRunStatus
{
    Queued,
    InProgress,
    Completed,
}

public enum CheckRunConclusion
{
    Success,
    Failure,
    Neutral,
    Cancelled,
    Skipped,
    TimedOut,
    ActionRequired,
}

public enum AnnotationLevel
{
    Notice,
    Warning,
    Failure,
}

/// <summary>A line annotation: <paramref name="Path"/> relative to the repository root, lines 1-based.</summary>
public sealed record CheckAnnotation(string Path, int StartLine, int EndLine, AnnotationLevel Level, string Message, string? Title = null);

/// <summary>A check run's output: title and summary (Markdown) are required by GitHub whenever output is sent.</summary>
public sealed record CheckRunOutput(string Title, string Summary, string? Text = null, IReadOnlyList<CheckAnnotation>? Annotations = null);

public sealed record NewCheckRunRequest(string Name, string HeadSha)
{
    public CheckRunStatus Status { get; init; } = CheckRunStatus.InProgress;

    /// <summary>Setting a conclusion completes the run.</summary>
    public CheckRunConclusion? Conclusion { get; init; }

    public CheckRunOutput? Output { get; init; }

    public string? DetailsUrl { get; init; }
}

/// <summary>What changes in a check run; null members stay as they are.</summary>
public sealed record CheckRunChange
{
    public CheckRunStatus? Status { get; init; }

    public CheckRunConclusion? Conclusion { get; init; }

    public CheckRunOutput? Output { get; init; }
}

public enum CommitStatusState
{
    Pending,
    Success,
    Failure,
    Error,
}

/// <summary>A commit status; <paramref name="Description"/> is cut to GitHub's 140 characters.</summary>
public sealed record CommitStatusRequest(CommitStatusState State, string Context, string? Description = null, string? TargetUrl = null);

/// <summary>GitHub's coarse permission: maintain reads as write, triage as read.</summary>
public enum RepositoryPermission
{
    None,
    Read,
    Write,
    Admin,
}
