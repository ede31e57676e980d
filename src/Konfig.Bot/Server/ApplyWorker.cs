using Konfig.Bot.Checkout;
using Konfig.Bot.Events;
using Konfig.Bot.Pipeline;
using Konfig.Bot.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Konfig.Bot.Server;

/// <summary>How the server applies merges (see <see cref="ApplyWorker"/>).</summary>
public sealed record ApplyWorkerOptions
{
    /// <summary>The Konfig workspace's folder inside a checkout; also the queue unit (see <see cref="ApplyWorker.QueueUnit"/>).</summary>
    public required string KonfigFolder { get; init; }

    /// <summary>How many merges apply at once (of different repositories); 0 applies none (jobs wait in the store).</summary>
    public int Workers { get; init; } = 1;

    /// <summary>How long a claim holds without renewal; renewed every third of it while the apply runs.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often an idle worker looks at the store anyway: jobs whose lease expired, jobs enqueued by another replica.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    public MergeApplyOptions MergeApply { get; init; } = new();

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}

/// <summary>
/// Applies merges from the store's apply queue, so that the queue survives a restart: a job is claimed with a lease,
/// the lease is renewed while <see cref="MergeApply"/> runs at a checkout of exactly the job's commit, and the job is
/// completed after. A job left running by a worker that is gone (a crash, a stop mid-apply) is claimed again once its
/// lease expires: applying is idempotent (server-side apply), so running it again is safe.
/// </summary>
public sealed class ApplyWorker(
    IBotStore store, BotContext context, RepositoryCheckouts checkouts, ApplyWorkerOptions options, ILogger<ApplyWorker> logger) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0);
    private readonly string _workerId = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>
    /// The store's queue is per stack, but one merge is one job: its stacks are found (and ordered by dependsOn) only
    /// from its checkout. So a job's StackPath is the repository's workspace folder: the merges of one repository
    /// apply one at a time in merge order, which keeps every stack's order; different repositories apply in parallel.
    /// </summary>
    public static string QueueUnit(string konfigFolder)
    {
        var unit = konfigFolder.Replace('\\', '/').Trim('/');
        return unit.Length == 0 ? "." : unit;
    }

    /// <summary>A job was enqueued: an idle worker looks at the store now rather than at its next poll.</summary>
    public void Wake() => _wake.Release();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(0, options.Workers)).Select(_ => Task.Run(() => LoopAsync(stoppingToken), CancellationToken.None)));

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var job = await store.ClaimNextAsync(_workerId, options.Lease, stoppingToken).ConfigureAwait(false);
                if (job is null)
                {
                    await _wake.WaitAsync(options.PollInterval, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                await RunAsync(job, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            // The store unreachable: try again at the next poll rather than end the worker.
            catch (Exception error)
            {
                logger.LogError(error, "apply queue: cannot claim or complete a job");
                try
                {
                    await Task.Delay(options.PollInterval, options.Clock, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task RunAsync(ApplyJob job, CancellationToken stoppingToken)
    {
        logger.LogInformation("apply job {Id}: {Repository} at {Sha} (attempt {Attempt})", job.Id, job.Repo, job.CommitSha, job.Attempt);
        using var running = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewing = RenewAsync(job, running);
        RunOutcome outcome;
        string? tail;
        try
        {
            (outcome, tail) = await ApplyAsync(job, running.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (running.IsCancellationRequested)
        {
            // Stopping, or the claim was lost: the job stays running in the store until its lease expires, then
            // it is claimed again (by this server after a restart, or by another replica).
            await running.CancelAsync().ConfigureAwait(false);
            await renewing.ConfigureAwait(false);
            logger.LogWarning("apply job {Id}: interrupted; it is claimed again when its lease expires", job.Id);
            return;
        }
        catch (Exception error)
        {
            (outcome, tail) = (RunOutcome.Failed, error.Message);
            logger.LogError(error, "apply job {Id}: failed", job.Id);
        }

        await running.CancelAsync().ConfigureAwait(false);
        await renewing.ConfigureAwait(false);
        if (!await store.CompleteAsync(job, outcome, tail, CancellationToken.None).ConfigureAwait(false))
        {
            logger.LogWarning("apply job {Id}: its claim was lost before it completed", job.Id);
        }
    }

    /// <summary>Renews the lease until the run ends; a lost claim cancels the run (another worker has the job).</summary>
    private async Task RenewAsync(ApplyJob job, CancellationTokenSource running)
    {
        var every = options.Lease / 3;
        while (!running.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, options.Clock, running.Token).ConfigureAwait(false);
                if (!await store.RenewLeaseAsync(job, options.Lease, running.Token).ConfigureAwait(false))
                {
                    logger.LogWarning("apply job {Id}: claim lost; stopping its apply", job.Id);
                    await running.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            // The store briefly unreachable: the lease is a third spent; try again.
            catch (Exception error)
            {
                logger.LogWarning(error, "apply job {Id}: cannot renew its lease", job.Id);
            }
        }
    }

    private async Task<(RunOutcome Outcome, string? Tail)> ApplyAsync(ApplyJob job, CancellationToken cancellationToken)
    {
        var (owner, name) = RepositoryName.Split(job.Repo);
        var branch = await context.GitHub.GetDefaultBranchAsync(owner, name, cancellationToken).ConfigureAwait(false);
        WorkingTree tree;
        try
        {
            tree = await checkouts.CheckoutCommitAsync(job.Repo, "refs/heads/" + branch, job.CommitSha, cancellationToken).ConfigureAwait(false);
        }
        catch (CheckoutException error)
        {
            logger.LogError("apply job {Id}: {Error}", job.Id, error.Message);
            return (RunOutcome.Failed, error.Message);
        }

        MergeApplyReport report;
        using (tree)
        {
            var root = Path.GetFullPath(Path.Combine(tree.Path, options.KonfigFolder));
            var action = new ApplyAction(job.Repo, job.PullRequest, job.CommitSha, branch);
            report = await MergeApply.RunAsync(context, action, root, options.MergeApply with { Store = store }, cancellationToken).ConfigureAwait(false);
        }

        // The merge changed these stacks on the branch (applied or not): other pull requests' previews of them were
        // made against the branch before it.
        var changed = report.Stacks.Select(stack => stack.Stack).ToList();
        if (changed.Count > 0)
        {
            var outdated = await store.MarkPreviewsOutdatedAsync(job.Repo, changed, job.PullRequest, job.CommitSha, cancellationToken).ConfigureAwait(false);
            if (outdated.Count > 0)
            {
                logger.LogInformation("apply job {Id}: previews outdated on pull request(s) {Numbers}", job.Id, string.Join(", ", outdated));
            }

            foreach (var number in outdated)
            {
                await MarkOutdatedAsync(job, number, cancellationToken).ConfigureAwait(false);
            }
        }

        logger.LogInformation("apply job {Id}: {Count} stack(s), {Outcome}", job.Id, report.Stacks.Count, report.Succeeded ? "applied" : "failed");
        return report.Succeeded ? (RunOutcome.Succeeded, null) : (RunOutcome.Failed, Tail(report));
    }

    /// <summary>Notes on the pull request's preview comment that this merge outdated it; a failure is logged, not the job's.</summary>
    private async Task MarkOutdatedAsync(ApplyJob job, int number, CancellationToken cancellationToken)
    {
        try
        {
            if (!await OutdatedPreviewComments.MarkAsync(context.GitHub, job.Repo, number, job.CommitSha, cancellationToken).ConfigureAwait(false))
            {
                logger.LogInformation("apply job {Id}: no preview comment to mark outdated on pull request {Number}", job.Id, number);
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogWarning(error, "apply job {Id}: cannot mark the preview comment of pull request {Number} outdated", job.Id, number);
        }
    }

    private static string Tail(MergeApplyReport report)
    {
        if (report.Error is { } error)
        {
            return error;
        }

        var lines = report.Stacks.Where(stack => stack.Outcome != StackApplyOutcome.Applied)
            .SelectMany(stack => (string[])[$"{stack.Stack}: {stack.Summary}", .. stack.ErrorTail]);
        return string.Join('\n', lines);
    }
}
