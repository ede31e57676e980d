using Konfig.Bot.Commands;

namespace Konfig.Bot.Events;

/// <summary>What the bot should do about one webhook event, as data: the orchestration acts on it.</summary>
public abstract record BotAction;

/// <summary>
/// Preview the affected stacks. For a pull request, <see cref="CheckoutRef"/> is its merge preview
/// (<c>refs/pull/N/merge</c>) and results go on <see cref="HeadSha"/>; for a merge group
/// (<see cref="PullRequest"/> null) it is the group's <c>gh-readonly-queue/…</c> branch at <see cref="HeadSha"/>.
/// <see cref="BaseBranch"/> is a branch name (no <c>refs/heads/</c>): what the change is compared with.
/// </summary>
public sealed record PreviewAction(string Repository, int? PullRequest, string HeadSha, string BaseBranch, string CheckoutRef) : BotAction;

/// <summary>Apply the stacks changed by <see cref="Sha"/> on the default branch <see cref="Branch"/>; <see cref="PullRequest"/> is the merged PR, null for a push.</summary>
public sealed record ApplyAction(string Repository, int? PullRequest, string Sha, string Branch) : BotAction;

/// <summary>A pull request closed without reaching the default branch: drop its previews and locks.</summary>
public sealed record CleanUpAction(string Repository, int PullRequest) : BotAction;

/// <summary>
/// A <c>/konfig</c> comment on a pull request. <see cref="Parsed"/> holds the command or the parse error
/// (to answer with help). The user's write permission is not known from the payload: check it with
/// <see cref="CommandPermission"/> before acting.
/// </summary>
public sealed record CommandAction(
    string Repository,
    int PullRequest,
    long CommentId,
    string User,
    string AuthorAssociation,
    CommandParseResult Parsed) : BotAction;

/// <summary>Nothing to do, and why (for logs).</summary>
public sealed record IgnoredAction(string Reason) : BotAction;
