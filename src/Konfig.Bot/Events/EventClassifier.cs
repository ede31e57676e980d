using System.Text.Json.Nodes;
using Konfig.Bot.Commands;

namespace Konfig.Bot.Events;

/// <summary>
/// Turns a webhook event (the <c>X-GitHub-Event</c> name and its parsed payload) into the bot's
/// <see cref="BotAction"/>. Pure: no network, no state. A payload lacking a field the decision needs
/// throws <see cref="PayloadException"/> naming the field; events the bot does not act on are
/// <see cref="IgnoredAction"/> with the reason.
/// </summary>
public static class EventClassifier
{
    private const string BranchPrefix = "refs/heads/";

    public static BotAction Classify(string eventName, JsonObject payload)
    {
        var p = new Payload(payload);
        return eventName switch
        {
            "pull_request" => PullRequest(p),
            "push" => Push(p),
            "issue_comment" => IssueComment(p),
            "merge_group" => MergeGroup(p),
            _ => new IgnoredAction($"event '{eventName}' is not one the bot acts on"),
        };
    }

    private static BotAction PullRequest(Payload p)
    {
        var action = p.String("action");
        var repository = p.String("repository.full_name");
        var number = p.Int("pull_request.number");
        switch (action)
        {
            case "opened" or "reopened" or "synchronize" or "ready_for_review":
                // Drafts get no preview until they are marked ready (the ready_for_review event).
                if (action != "ready_for_review" && p.Bool("pull_request.draft"))
                {
                    return new IgnoredAction($"pull request #{number} is a draft");
                }

                return new PreviewAction(repository, number, p.String("pull_request.head.sha"), p.String("pull_request.base.ref"), $"refs/pull/{number}/merge");
            case "edited" when p.Has("changes.base"):
                // Retargeted to another base branch: what the PR changes, so what it affects, is new.
                if (p.Bool("pull_request.draft"))
                {
                    return new IgnoredAction($"pull request #{number} is a draft");
                }

                return new PreviewAction(repository, number, p.String("pull_request.head.sha"), p.String("pull_request.base.ref"), $"refs/pull/{number}/merge");
            case "closed":
                var defaultBranch = p.String("repository.default_branch");
                var baseBranch = p.String("pull_request.base.ref");
                if (p.Bool("pull_request.merged") && baseBranch == defaultBranch)
                {
                    return new ApplyAction(repository, number, p.String("pull_request.merge_commit_sha"), baseBranch);
                }

                // Unmerged, or merged into another branch: nothing reached the default branch to apply.
                return new CleanUpAction(repository, number);
            default:
                return new IgnoredAction($"pull_request action '{action}' needs no preview");
        }
    }

    private static BotAction Push(Payload p)
    {
        var reference = p.String("ref");
        var defaultBranch = p.String("repository.default_branch");
        if (reference != BranchPrefix + defaultBranch)
        {
            return new IgnoredAction($"push to '{reference}', not to the default branch '{defaultBranch}'");
        }

        var after = p.String("after");
        if (p.Bool("deleted") || after.All(c => c == '0'))
        {
            return new IgnoredAction($"push deleting '{reference}'");
        }

        return new ApplyAction(p.String("repository.full_name"), null, after, defaultBranch);
    }

    private static BotAction IssueComment(Payload p)
    {
        var action = p.String("action");
        if (action != "created")
        {
            return new IgnoredAction($"issue_comment action '{action}': only new comments are commands");
        }

        var number = p.Int("issue.number");
        if (!p.Has("issue.pull_request"))
        {
            return new IgnoredAction($"comment on issue #{number}, not on a pull request");
        }

        // Bots (this one included) never give commands: no loops through replies that quote one.
        if (p.OptionalString("comment.user.type") == "Bot")
        {
            return new IgnoredAction("comment by a bot");
        }

        var body = p.OptionalString("comment.body") ?? "";
        if (!CommandParser.IsCommand(body))
        {
            return new IgnoredAction($"comment on pull request #{number} is not a /konfig command");
        }

        return new CommandAction(
            p.String("repository.full_name"),
            number,
            p.Long("comment.id"),
            p.String("comment.user.login"),
            p.String("comment.author_association"),
            CommandParser.Parse(body));
    }

    private static BotAction MergeGroup(Payload p)
    {
        var action = p.String("action");
        if (action != "checks_requested")
        {
            return new IgnoredAction($"merge_group action '{action}' needs no checks");
        }

        var baseRef = p.String("merge_group.base_ref");
        var baseBranch = baseRef.StartsWith(BranchPrefix, StringComparison.Ordinal) ? baseRef[BranchPrefix.Length..] : baseRef;
        return new PreviewAction(p.String("repository.full_name"), null, p.String("merge_group.head_sha"), baseBranch, p.String("merge_group.head_ref"));
    }
}
