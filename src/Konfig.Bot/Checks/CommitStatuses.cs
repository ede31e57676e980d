using System.Globalization;
using Konfig.Bot.Comments;

namespace Konfig.Bot.Checks;

/// <summary>A commit status (<c>POST /repos/{owner}/{repo}/statuses/{sha}</c>): <see cref="State"/> is <c>pending</c>, <c>success</c>, <c>failure</c> or <c>error</c>.</summary>
public sealed record CommitStatusContent(string Context, string State, string Description);

/// <summary>
/// Check runs as commit statuses, for personal-token mode (only a GitHub App may create check runs):
/// the same contexts as the check-run names, a description of at most <see cref="MaxDescriptionLength"/>
/// characters. Statuses have no neutral: a stack without changes is <c>success</c>, said in the description.
/// </summary>
public static class CommitStatuses
{
    public const int MaxDescriptionLength = 140;

    public static IReadOnlyList<CommitStatusContent> All(IReadOnlyList<StackResult> results) =>
        [Aggregate(results), .. results.Select(ForStack)];

    public static CommitStatusContent ForStack(StackResult result)
    {
        var run = CheckRuns.ForStack(result);

        // A status has no page of its own: the first error is the most it can say.
        var text = result.Errors.Count > 0 ? $"{run.Title}, first {result.Errors[0]}" : run.Title;
        return new CommitStatusContent(run.Name, State(run.Conclusion), Description(text));
    }

    public static CommitStatusContent Aggregate(IReadOnlyList<StackResult> results)
    {
        var run = CheckRuns.Aggregate(results);
        return new CommitStatusContent(run.Name, State(run.Conclusion), Description(run.Title));
    }

    /// <summary>The status while a preview runs: for a stack, or the aggregate when <paramref name="stack"/> is null.</summary>
    public static CommitStatusContent Pending(string? stack) =>
        new(stack is null ? CheckRuns.AggregateName : CheckRuns.NameFor(stack), "pending", "Preview running");

    private static string State(CheckConclusion conclusion) => conclusion == CheckConclusion.Failure ? "failure" : "success";

    private static string Description(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= MaxDescriptionLength ? line : string.Create(CultureInfo.InvariantCulture, $"{line[..(MaxDescriptionLength - 1)]}…");
    }
}
