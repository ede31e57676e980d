namespace Konfig.Bot.Storage;

/// <summary>How a run or an apply job ended.</summary>
public enum RunOutcome
{
    Succeeded,
    Failed,
    /// <summary>Not run, e.g. because a stack it depends on failed.</summary>
    Skipped,
}

/// <summary>Where an apply job is in the queue.</summary>
public enum JobState
{
    Pending,
    Running,
    Done,
}

public enum RunKind
{
    Preview,
    Apply,
}

/// <summary>An apply to put in the queue: one stack at one commit.</summary>
public sealed record ApplyRequest(string Repo, string StackPath, string CommitSha, int? PullRequest);

/// <summary>
/// An apply job as stored. <see cref="Attempt"/> counts claims: a worker whose lease expired and whose job was
/// claimed again holds an older attempt, so its <c>Complete</c> is refused.
/// </summary>
public sealed record ApplyJob(
    long Id,
    string Repo,
    string StackPath,
    string CommitSha,
    int? PullRequest,
    DateTimeOffset EnqueuedAt,
    JobState State,
    int Attempt,
    string? WorkerId,
    DateTimeOffset? LeaseUntil,
    DateTimeOffset? FinishedAt,
    RunOutcome? Outcome,
    string? LogTail);

/// <summary>
/// A preview or an apply of one stack, for the status page. <see cref="Id"/> is assigned by the store
/// (leave it 0 when recording).
/// </summary>
public sealed record RunRecord(
    string Repo,
    string StackPath,
    RunKind Kind,
    string CommitSha,
    int? PullRequest,
    RunOutcome Outcome,
    string Summary,
    string? PreviewMarkdown,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt)
{
    public long Id { get; init; }
}

/// <summary>
/// The latest preview of one stack on one pull request, made at <see cref="CommitSha"/>.
/// <see cref="OutdatedBy"/> is set (e.g. to the merge commit that changed the stack) when another change
/// made it stale; saving a new preview clears it.
/// </summary>
public sealed record PreviewRecord(
    string Repo,
    int PullRequest,
    string StackPath,
    string CommitSha,
    string Summary,
    string Markdown,
    DateTimeOffset CreatedAt,
    string? OutdatedBy = null)
{
    public bool IsOutdated => OutdatedBy is not null;
}
