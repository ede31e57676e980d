using System.Globalization;
using Konfig.Bot.Comments;
using Konfig.Engine.Output;

namespace Konfig.Bot.Checks;

/// <summary>
/// The check runs of a preview: one per stack (<c>konfig: apps/web/dev</c>) and one aggregate
/// (<c>konfig</c>) that branch protection can require whatever stacks a change affects. A stack that
/// failed is <c>failure</c>, one with changes <c>success</c>, one without <c>neutral</c>; the aggregate
/// fails when any stack does. KCL errors with a file and line become failure annotations on that line.
/// </summary>
public static class CheckRuns
{
    public const string AggregateName = "konfig";

    /// <summary>GitHub's limit of annotations per create or update request.</summary>
    public const int MaxAnnotationsPerRequest = 50;

    /// <summary>GitHub's limit for <c>output.summary</c> and <c>output.text</c>.</summary>
    public const int MaxOutputLength = 65_535;

    public static string NameFor(string stack) => $"{AggregateName}: {stack}";

    /// <summary>The aggregate check run first, then one per stack in the given order.</summary>
    public static IReadOnlyList<CheckRunContent> All(IReadOnlyList<StackResult> results) =>
        [Aggregate(results), .. results.Select(ForStack)];

    public static CheckRunContent ForStack(StackResult result)
    {
        var conclusion = Conclusion(result.Outcome);
        var title = result.Outcome switch
        {
            StackOutcome.Changes => PreviewComment.Counts(result.Preview!.Counts),
            StackOutcome.NoChanges => "No changes",
            _ when result.Errors.Count > 0 => Plural(result.Errors.Count, "error"),
            _ => PreviewComment.Counts(result.Preview!.Counts),
        };
        var summary = PreviewComment.SummaryLine(result);
        var text = result.Preview is { } preview && result.Errors.Count == 0
            ? Fit(PreviewMarkdown.Render(preview))
            : Fit(string.Concat(result.Errors.Select(e => $"- {e}\n")));
        return new CheckRunContent(NameFor(result.Stack), conclusion, title, summary, text, Batches(Annotations(result)));
    }

    public static CheckRunContent Aggregate(IReadOnlyList<StackResult> results)
    {
        var failed = results.Count(r => r.Outcome == StackOutcome.Failed);
        var changed = results.Count(r => r.Outcome == StackOutcome.Changes);
        var conclusion = failed > 0 ? CheckConclusion.Failure : changed > 0 ? CheckConclusion.Success : CheckConclusion.Neutral;
        var title = results.Count == 0
            ? "No stack affected"
            : string.Create(CultureInfo.InvariantCulture, $"{Plural(results.Count, "stack")}: {changed} with changes, {results.Count - changed - failed} without, {failed} failed");

        // One summary line per stack, as long as they fit; the per-stack runs hold the rest.
        var summary = new System.Text.StringBuilder();
        foreach (var line in results.Select(r => "- " + PreviewComment.SummaryLine(r) + "\n"))
        {
            if (summary.Length + line.Length > MaxOutputLength - 200)
            {
                summary.Append(CultureInfo.InvariantCulture, $"\n…and more: {results.Count} stacks in all, each in its own check run.\n");
                break;
            }

            summary.Append(line);
        }

        // Annotations go on the per-stack runs only: on both, GitHub would show each error twice.
        return new CheckRunContent(AggregateName, conclusion, title, summary.ToString(), null, []);
    }

    public static CheckConclusion Conclusion(StackOutcome outcome) => outcome switch
    {
        StackOutcome.Changes => CheckConclusion.Success,
        StackOutcome.NoChanges => CheckConclusion.Neutral,
        _ => CheckConclusion.Failure,
    };

    /// <summary>A stack's errors that have a file and line, as failure annotations.</summary>
    public static IEnumerable<CheckAnnotation> Annotations(StackResult result) =>
        result.Errors
            .Where(e => e.File is not null && e.Line > 0)
            .Select(e => new CheckAnnotation(
                e.File!, e.Line, e.Line,
                e.Column > 0 ? e.Column : null,
                e.Column > 0 ? e.Column : null,
                "failure",
                e.Message,
                Truncate($"{result.Stack}: KCL error", 255)));

    /// <summary>Splits <paramref name="items"/> into requests of at most <see cref="MaxAnnotationsPerRequest"/>.</summary>
    public static IReadOnlyList<IReadOnlyList<T>> Batches<T>(IEnumerable<T> items) =>
        [.. items.Chunk(MaxAnnotationsPerRequest).Select(chunk => (IReadOnlyList<T>)chunk)];

    private static string Fit(string markdown)
    {
        if (markdown.Length <= MaxOutputLength)
        {
            return markdown;
        }

        const string note = "\n*The rest is left out: GitHub takes 65,535 characters here.*\n";
        return MarkdownCut.AtBalancedLine(markdown, MaxOutputLength - note.Length) + note;
    }

    private static string Plural(int n, string noun) => n == 1 ? $"1 {noun}" : string.Create(CultureInfo.InvariantCulture, $"{n} {noun}s");

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
