namespace Konfig.Bot.Checks;

/// <summary>A check run's conclusion, as GitHub names it by <see cref="CheckRunContent.ConclusionName"/>.</summary>
public enum CheckConclusion
{
    Success,
    Failure,

    /// <summary>Previewed, and nothing would change.</summary>
    Neutral,
}

/// <summary>
/// One line annotation of a check run, in GitHub's terms: repository-relative <see cref="Path"/>, 1-based
/// lines, <see cref="AnnotationLevel"/> <c>notice</c>, <c>warning</c> or <c>failure</c>; columns only on one line.
/// </summary>
public sealed record CheckAnnotation(string Path, int StartLine, int EndLine, int? StartColumn, int? EndColumn, string AnnotationLevel, string Message, string? Title);

/// <summary>
/// What one completed check run says: its name, conclusion and output (title, Markdown summary and text),
/// and its annotations in batches of at most <see cref="CheckRuns.MaxAnnotationsPerRequest"/>: GitHub takes
/// that many per request, so the first batch goes with the create and each further one with an update.
/// </summary>
public sealed record CheckRunContent(
    string Name,
    CheckConclusion Conclusion,
    string Title,
    string Summary,
    string? Text,
    IReadOnlyList<IReadOnlyList<CheckAnnotation>> AnnotationBatches)
{
    /// <summary><c>success</c>, <c>failure</c> or <c>neutral</c>: the API's <c>conclusion</c>.</summary>
    public string ConclusionName => Conclusion switch
    {
        CheckConclusion.Success => "success",
        CheckConclusion.Failure => "failure",
        _ => "neutral",
    };
}
