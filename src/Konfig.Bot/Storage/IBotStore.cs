namespace Konfig.Bot.Storage;

/// <summary>
/// The bot's durable state: webhook deliveries seen, the apply queue, recent runs and pull-request previews.
/// Implementations: <see cref="SqliteBotStore"/> (one file, one bot) and <see cref="PostgresBotStore"/>
/// (several bot replicas sharing one queue). Times come from the store's <see cref="TimeProvider"/>.
/// </summary>
public interface IBotStore : IAsyncDisposable
{
    /// <summary>
    /// Records a webhook delivery id (X-GitHub-Delivery). True the first time, false when it was already
    /// recorded (and not yet pruned): the delivery is a replay and must be ignored.
    /// </summary>
    Task<bool> RecordDeliveryAsync(string deliveryId, CancellationToken cancellationToken = default);

    /// <summary>Forgets deliveries recorded more than <paramref name="retention"/> ago; returns how many.</summary>
    Task<int> PruneDeliveriesAsync(TimeSpan retention, CancellationToken cancellationToken = default);

    /// <summary>Adds a pending apply job at the end of its stack's queue.</summary>
    Task<ApplyJob> EnqueueAsync(ApplyRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims the oldest claimable job of a stack that has no running job, or returns null. Claimable: pending,
    /// or running with an expired lease (its worker is gone). The job becomes running, held by
    /// <paramref name="workerId"/> until now + <paramref name="lease"/>. Jobs of one stack are claimed in
    /// enqueue order and never two at once; different stacks are claimed in parallel.
    /// </summary>
    Task<ApplyJob?> ClaimNextAsync(string workerId, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>
    /// Extends the lease of a running job this claim still holds. False when the claim was lost (the lease
    /// expired and the job was claimed again, or it is done).
    /// </summary>
    Task<bool> RenewLeaseAsync(ApplyJob job, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks a claimed job done with its outcome and the tail of its log, freeing its stack. False when the
    /// claim was lost (see <see cref="RenewLeaseAsync"/>): then nothing changes.
    /// </summary>
    Task<bool> CompleteAsync(ApplyJob job, RunOutcome outcome, string? logTail, CancellationToken cancellationToken = default);

    /// <summary>One job by id, or null.</summary>
    Task<ApplyJob?> GetJobAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Pending and running jobs, oldest first (the queue, for the status page).</summary>
    Task<IReadOnlyList<ApplyJob>> ActiveJobsAsync(CancellationToken cancellationToken = default);

    /// <summary>Records a finished preview or apply; returns its id.</summary>
    Task<long> RecordRunAsync(RunRecord run, CancellationToken cancellationToken = default);

    /// <summary>
    /// The most recent runs, newest first, at most <paramref name="limit"/>; only of <paramref name="repo"/>
    /// and <paramref name="stackPath"/> when given.
    /// </summary>
    Task<IReadOnlyList<RunRecord>> RecentRunsAsync(string? repo = null, string? stackPath = null, int limit = 50, CancellationToken cancellationToken = default);

    /// <summary>Saves the latest preview of a stack on a pull request, replacing the previous one (and its outdated mark).</summary>
    Task SavePreviewAsync(PreviewRecord preview, CancellationToken cancellationToken = default);

    /// <summary>The latest previews of a pull request, by stack path.</summary>
    Task<IReadOnlyList<PreviewRecord>> PreviewsAsync(string repo, int pullRequest, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks as outdated (by <paramref name="outdatedBy"/>, e.g. a merge commit) the previews of
    /// <paramref name="stackPaths"/> on every pull request of <paramref name="repo"/> except
    /// <paramref name="exceptPullRequest"/>. Returns the pull requests with a preview newly marked, ascending,
    /// so their comments can be updated.
    /// </summary>
    Task<IReadOnlyList<int>> MarkPreviewsOutdatedAsync(string repo, IReadOnlyCollection<string> stackPaths, int? exceptPullRequest, string outdatedBy, CancellationToken cancellationToken = default);

    /// <summary>Forgets the previews of a pull request (it was closed); returns how many.</summary>
    Task<int> DeletePreviewsAsync(string repo, int pullRequest, CancellationToken cancellationToken = default);
}
