using Konfig.Bot.Checkout;
using Konfig.Bot.Commands;
using Konfig.Bot.Comments;
using Konfig.Bot.Events;
using Konfig.Bot.GitHub;
using Konfig.Bot.Pipeline;
using Konfig.Bot.Storage;
using Microsoft.Extensions.Logging;

namespace Konfig.Bot.Server;

/// <summary>
/// Does one job: a preview (check out the merge preview, run <see cref="PullRequestPreview"/>, keep the result in the
/// store) or a <c>/konfig</c> command (help, a parse error; for a user with write access a preview, a retry of a
/// merged pull request's apply, or breaking a stack's state lock).
/// </summary>
/// <param name="applyEnqueued">Called after a retry went into the store's apply queue (wakes the apply worker).</param>
public sealed class BotJobHandler(
    BotContext context,
    RepositoryCheckouts checkouts,
    IBotStore store,
    BotJobQueue queue,
    string konfigFolder,
    TimeProvider clock,
    ILogger<BotJobHandler> logger,
    Action? applyEnqueued = null)
{
    public async Task HandleAsync(BotJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        switch (job.Action)
        {
            case PreviewAction preview:
                await PreviewAsync(job, preview, cancellationToken).ConfigureAwait(false);
                break;
            case CommandAction command:
                await CommandAsync(job, command, cancellationToken).ConfigureAwait(false);
                break;
            case CleanUpAction cleanUp:
                // Closed unmerged: its previews will never be applied, and the status page should not list them.
                var deleted = await store.DeletePreviewsAsync(cleanUp.Repository, cleanUp.PullRequest, cancellationToken).ConfigureAwait(false);
                logger.LogInformation("delivery {Delivery}: {Repository}#{Number} closed: {Count} preview(s) forgotten", job.DeliveryId, cleanUp.Repository, cleanUp.PullRequest, deleted);
                break;
            default:
                logger.LogInformation("delivery {Delivery}: {Action} is not handled by this server yet", job.DeliveryId, job.Action);
                break;
        }
    }

    private async Task PreviewAsync(BotJob job, PreviewAction action, CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow();
        WorkingTree tree;
        try
        {
            tree = await checkouts.CheckoutAsync(action.Repository, action.CheckoutRef, cancellationToken).ConfigureAwait(false);
        }
        catch (CheckoutException error)
        {
            logger.LogError("delivery {Delivery}: {Repository} {Ref}: {Error}", job.DeliveryId, action.Repository, action.CheckoutRef, error.Message);
            return;
        }

        PreviewReport report;
        using (tree)
        {
            var root = Path.GetFullPath(Path.Combine(tree.Path, konfigFolder));
            report = await PullRequestPreview.RunAsync(context, action, root, cancellationToken, job.OnlyStacks).ConfigureAwait(false);
        }

        if (report.Error is not null)
        {
            logger.LogError("delivery {Delivery}: preview of {Repository} at {Sha} failed: {Error}", job.DeliveryId, action.Repository, action.HeadSha, report.Error);
            return;
        }

        var finished = clock.GetUtcNow();
        foreach (var stack in report.Stacks)
        {
            var summary = PreviewComment.SummaryLine(stack);
            var markdown = string.Join("\n\n", PreviewComment.Render(action.HeadSha, [stack]));
            if (action.PullRequest is { } number)
            {
                await store.SavePreviewAsync(new PreviewRecord(action.Repository, number, stack.Stack, action.HeadSha, summary, markdown, finished), cancellationToken).ConfigureAwait(false);
            }

            var outcome = stack.Outcome == StackOutcome.Failed ? RunOutcome.Failed : RunOutcome.Succeeded;
            await store.RecordRunAsync(new RunRecord(action.Repository, stack.Stack, RunKind.Preview, action.HeadSha, action.PullRequest, outcome, summary, markdown, started, finished), cancellationToken).ConfigureAwait(false);
        }

        logger.LogInformation("delivery {Delivery}: previewed {Count} stack(s) of {Repository} at {Sha}", job.DeliveryId, report.Stacks.Count, action.Repository, action.HeadSha);
    }

    private async Task CommandAsync(BotJob job, CommandAction action, CancellationToken cancellationToken)
    {
        var (owner, repository) = RepositoryName.Split(action.Repository);
        if (action.Parsed.Error is { } error)
        {
            await ReplyAsync(CommandReplies.ParseError(job.CommentBody ?? "", error)).ConfigureAwait(false);
            return;
        }

        var command = action.Parsed.Command!;
        if (command.Verb == CommandVerb.Help)
        {
            await ReplyAsync(CommandReplies.Help()).ConfigureAwait(false);
            return;
        }

        var permission = await context.GitHub.GetPermissionAsync(owner, repository, action.User, cancellationToken).ConfigureAwait(false);
        if (!CommandPermission.CanRunCommands(permission.ToString().ToLowerInvariant()))
        {
            await ReplyAsync(CommandReplies.NotAllowed(action.User, command.Verb)).ConfigureAwait(false);
            return;
        }

        if (command.Verb == CommandVerb.Retry)
        {
            await ReplyAsync(await RetryAsync(job, action, command, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            return;
        }

        if (command.Verb == CommandVerb.Unlock)
        {
            await ReplyAsync(await UnlockAsync(action, command, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            return;
        }

        // The pull request as it is now: the comment does not say which commit to preview.
        var pullRequest = await context.GitHub.GetPullRequestAsync(owner, repository, action.PullRequest, cancellationToken).ConfigureAwait(false);
        var preview = new PreviewAction(action.Repository, action.PullRequest, pullRequest.HeadSha, pullRequest.BaseRef, $"refs/pull/{action.PullRequest}/merge");
        var queued = queue.Enqueue(new BotJob(job.DeliveryId, preview) { OnlyStacks = command.Stacks });
        logger.LogInformation("delivery {Delivery}: {Command} by {User}: preview {Outcome}", job.DeliveryId, command, action.User, queued);

        Task ReplyAsync(string body) =>
            context.GitHub.CreateIssueCommentAsync(owner, repository, action.PullRequest, body, cancellationToken);
    }

    /// <summary>
    /// Queues the merged pull request's merge commit to apply again, behind the repository's other applies (the
    /// store's queue, so it survives a restart); returns the reply. The queue keeps one job per merge commit and no
    /// stack list, so a retry applies every stack the merge changed (idempotent for those that applied).
    /// </summary>
    private async Task<string> RetryAsync(BotJob job, CommandAction action, BotCommand command, CancellationToken cancellationToken)
    {
        var (owner, repository) = RepositoryName.Split(action.Repository);
        if (command.Stacks.Count > 0)
        {
            return "`/konfig retry` re-applies every stack of the merge; naming stacks (`-s`) is not supported by this server yet. "
                + "Comment `/konfig retry` alone to apply the merge again.";
        }

        var pullRequest = await context.GitHub.GetPullRequestAsync(owner, repository, action.PullRequest, cancellationToken).ConfigureAwait(false);
        if (!pullRequest.Merged || pullRequest.MergeCommitSha is not { Length: > 0 } sha)
        {
            return "`/konfig retry` is for merged pull requests: it applies the merge again. "
                + "A preview is run again with `/konfig preview`.";
        }

        var queued = await store.EnqueueAsync(new ApplyRequest(action.Repository, ApplyWorker.QueueUnit(konfigFolder), sha, action.PullRequest), cancellationToken)
            .ConfigureAwait(false);
        applyEnqueued?.Invoke();
        logger.LogInformation("delivery {Delivery}: retry by {User}: apply job {Id} for {Sha}", job.DeliveryId, action.User, queued.Id, sha);
        return $"Retry queued: the merge {sha[..Math.Min(7, sha.Length)]} applies again after the repository's applies queued before it (apply job {queued.Id}).";
    }

    /// <summary>
    /// Breaks the state lock of the one named stack, found in the pull request's workspace: its merge preview while
    /// open, its merge commit once merged, else its base branch. Returns the reply.
    /// </summary>
    private async Task<string> UnlockAsync(CommandAction action, BotCommand command, CancellationToken cancellationToken)
    {
        if (command.Stacks.Count != 1)
        {
            return "`/konfig unlock -s STACK` breaks the state lock of one stack, named by its path (e.g. `konfig/apps/web/prod`).";
        }

        var (owner, repository) = RepositoryName.Split(action.Repository);
        var pullRequest = await context.GitHub.GetPullRequestAsync(owner, repository, action.PullRequest, cancellationToken).ConfigureAwait(false);
        var branch = "refs/heads/" + pullRequest.BaseRef;
        WorkingTree tree;
        try
        {
            tree = pullRequest.Merged && pullRequest.MergeCommitSha is { Length: > 0 } merge
                ? await checkouts.CheckoutCommitAsync(action.Repository, branch, merge, cancellationToken).ConfigureAwait(false)
                : await checkouts.CheckoutAsync(action.Repository, pullRequest.State == "open" ? $"refs/pull/{action.PullRequest}/merge" : branch, cancellationToken)
                    .ConfigureAwait(false);
        }
        catch (CheckoutException error)
        {
            logger.LogError("unlock on {Repository}#{Number}: {Error}", action.Repository, action.PullRequest, error.Message);
            return $"I could not check out the pull request's workspace to find the stack: {error.Message}";
        }

        using (tree)
        {
            var root = Path.GetFullPath(Path.Combine(tree.Path, konfigFolder));
            var reply = await StateUnlock.RunAsync(context.Engine, tree.Path, root, command.Stacks[0], cancellationToken).ConfigureAwait(false);
            logger.LogInformation("unlock by {User} on {Repository}#{Number}: {Reply}", action.User, action.Repository, action.PullRequest, reply);
            return reply;
        }
    }
}
