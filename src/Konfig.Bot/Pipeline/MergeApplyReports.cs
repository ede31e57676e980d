using System.Globalization;
using System.Text;
using Konfig.Bot.Checks;
using Konfig.Bot.GitHub;

namespace Konfig.Bot.Pipeline;

/// <summary>
/// A check run (or, in token mode, a commit status) of a merge's apply: <see cref="Description"/> is the status's
/// one line (at most 140 characters), <see cref="Text"/> the check run's detail.
/// </summary>
public sealed record MergeApplyCheck(string Name, CheckRunConclusion Conclusion, string Title, string Summary, string? Text, string Description);

/// <summary>
/// The checks of a merge's apply, named apart from the preview's (<c>konfig apply</c> for all, <c>konfig apply: STACK</c>
/// per stack) so branch protection on previews is not confused with applies. Applied is success, failed is failure,
/// skipped is skipped (a commit status has no skipped: it is an error there).
/// </summary>
public static class MergeApplyChecks
{
    public const string AggregateName = "konfig apply";

    public static string NameFor(string stack) => $"{AggregateName}: {stack}";

    public static IReadOnlyList<MergeApplyCheck> All(IReadOnlyList<StackApplyReport> stacks, string? error) =>
        [Aggregate(stacks, error), .. stacks.Select(ForStack)];

    public static MergeApplyCheck ForStack(StackApplyReport stack)
    {
        var conclusion = stack.Outcome switch
        {
            StackApplyOutcome.Applied => CheckRunConclusion.Success,
            StackApplyOutcome.Failed => CheckRunConclusion.Failure,
            _ => CheckRunConclusion.Skipped,
        };
        var title = stack.Outcome.ToString();
        var text = stack.ErrorTail.Count == 0 ? null : Fence(string.Join('\n', stack.ErrorTail));
        return new MergeApplyCheck(NameFor(stack.Stack), conclusion, title, stack.Summary, text, Line($"{title}: {stack.Summary}"));
    }

    public static MergeApplyCheck Aggregate(IReadOnlyList<StackApplyReport> stacks, string? error)
    {
        if (error is not null)
        {
            return new MergeApplyCheck(AggregateName, CheckRunConclusion.Failure, "Not applied", error, null, Line($"Not applied: {error}"));
        }

        var applied = stacks.Count(s => s.Outcome == StackApplyOutcome.Applied);
        var failed = stacks.Count(s => s.Outcome == StackApplyOutcome.Failed);
        var skipped = stacks.Count - applied - failed;
        var title = stacks.Count == 0
            ? "No stack affected"
            : string.Create(CultureInfo.InvariantCulture, $"{stacks.Count} stack(s): {applied} applied, {failed} failed, {skipped} skipped");
        var summary = string.Concat(stacks.Select(s => $"- `{s.Stack}`: {s.Outcome.ToString().ToLowerInvariant()}: {s.Summary}\n"));
        return new MergeApplyCheck(
            AggregateName, failed + skipped > 0 ? CheckRunConclusion.Failure : CheckRunConclusion.Success, title, Cut(summary.Length == 0 ? title : summary), null, Line(title));
    }

    /// <summary>A Markdown code block holding <paramref name="text"/>, its fence longer than any backtick run inside.</summary>
    internal static string Fence(string text)
    {
        var longest = 0;
        var run = 0;
        foreach (var c in text)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', Math.Max(3, longest + 1));
        return $"{fence}text\n{text}\n{fence}\n";
    }

    private static string Line(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= CommitStatuses.MaxDescriptionLength ? line : line[..(CommitStatuses.MaxDescriptionLength - 1)] + "…";
    }

    private static string Cut(string text) =>
        text.Length <= CheckRuns.MaxOutputLength ? text : text[..(CheckRuns.MaxOutputLength - 200)] + "\n…and more: each stack has its own check.\n";
}

/// <summary>
/// The comment left on a merged pull request when its apply did not fully succeed: the failed stacks with the tail
/// of what failed, the skipped ones with why, and how to try again. Nothing was reverted, and it says so.
/// </summary>
public static class MergeApplyComment
{
    public const string Marker = "<!-- konfig:apply -->";

    /// <summary>GitHub's limit for a comment body, less room for the closing lines.</summary>
    private const int MaxBodyLength = 65_536 - 1_000;

    public static string Render(string sha, IReadOnlyList<StackApplyReport> stacks, string? error)
    {
        var body = new StringBuilder();
        body.Append(Marker).Append('\n');
        var shortSha = sha.Length > 7 ? sha[..7] : sha;
        body.Append(CultureInfo.InvariantCulture, $"### Konfig: the apply of {shortSha} failed\n\n");
        if (error is not null)
        {
            body.Append("Nothing was applied: ").Append(error).Append("\n\n");
        }

        var failed = stacks.Where(s => s.Outcome == StackApplyOutcome.Failed).ToList();
        var skipped = stacks.Where(s => s.Outcome == StackApplyOutcome.Skipped).ToList();
        var applied = stacks.Count(s => s.Outcome == StackApplyOutcome.Applied);
        if (stacks.Count > 0)
        {
            body.Append(CultureInfo.InvariantCulture, $"{applied} applied, {failed.Count} failed, {skipped.Count} skipped. Nothing was reverted.\n\n");
        }

        var omitted = 0;
        foreach (var stack in failed)
        {
            var part = $"**`{stack.Stack}` failed**: {stack.Summary}\n\n"
                + (stack.ErrorTail.Count > 0 ? MergeApplyChecks.Fence(string.Join('\n', stack.ErrorTail)) + "\n" : "");
            if (body.Length + part.Length > MaxBodyLength)
            {
                omitted++;
                continue;
            }

            body.Append(part);
        }

        if (omitted > 0)
        {
            body.Append(CultureInfo.InvariantCulture, $"…and {omitted} more failed stack(s): see their checks on the commit.\n\n");
        }

        if (skipped.Count > 0)
        {
            body.Append("Skipped:\n");
            foreach (var stack in skipped.Take(100))
            {
                body.Append(CultureInfo.InvariantCulture, $"- `{stack.Stack}`: {stack.Summary}\n");
            }

            body.Append('\n');
        }

        body.Append("Fix the cause, then comment `/konfig retry` to apply the stacks that did not apply (`/konfig retry -s STACK` for one).\n");
        return body.ToString();
    }
}
