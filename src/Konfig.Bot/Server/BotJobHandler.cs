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
/// store) or a <c>/konfig</c> command (help, a parse error, or a preview for a user with write access).
/// </summary>
public sealed class BotJobHandler(
    BotContext context,
    RepositoryCheckouts checkouts,
    IBotStore store,
    BotJobQueue queue,
    string konfigFolder,
    TimeProvider clock,
    ILogger<BotJobHandler> logger)
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

        if (command.Verb != CommandVerb.Preview)
        {
            logger.LogInformation("delivery {Delivery}: {Command} is not handled by this server yet", job.DeliveryId, command);
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
}
