using Konfig.Bot.Storage;

namespace Konfig.Bot.StatusPage;

/// <summary>
/// What the status page shows, read from the store at <see cref="GeneratedAt"/>: the apply queue (running jobs
/// hold their stack's lock), the recent runs of each stack, and the current previews of the pull requests
/// those runs came from.
/// </summary>
public sealed record StatusReport(
    DateTimeOffset GeneratedAt,
    IReadOnlyList<ApplyJob> Queue,
    IReadOnlyList<StackHistory> Stacks,
    IReadOnlyList<PullRequestPreviews> Previews)
{
    /// <summary>Stacks with a running apply: each is locked until its job completes or its lease expires.</summary>
    public IReadOnlyList<ApplyJob> Locks => Queue.Where(job => job.State == JobState.Running).ToList();

    public bool IsEmpty => Queue.Count == 0 && Stacks.Count == 0 && Previews.Count == 0;
}

/// <summary>The recent runs of one stack, newest first.</summary>
public sealed record StackHistory(string Repo, string StackPath, IReadOnlyList<RunRecord> Runs);

/// <summary>The latest preview of each stack on one pull request.</summary>
public sealed record PullRequestPreviews(string Repo, int PullRequest, IReadOnlyList<PreviewRecord> Previews);
