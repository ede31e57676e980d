namespace Konfig.Engine.Apply;

/// <summary>
/// The end of an apply or destroy: each resource's outcome, in the order they were decided, and a
/// one-line summary. <see cref="Error"/> is set when the run could not start or had to stop as a whole
/// (a dependency cycle, a state that could not be saved).
/// </summary>
public sealed record ApplyResult(IReadOnlyList<ResourceOutcome> Resources, bool Cancelled, string? Error = null)
{
    public int Applied => Count(OutcomeKind.Applied);

    public int Unchanged => Count(OutcomeKind.Unchanged);

    public int Deleted => Count(OutcomeKind.Deleted);

    /// <summary>Failed or timed out.</summary>
    public int Failed => Count(OutcomeKind.Failed) + Count(OutcomeKind.TimedOut);

    public int Skipped => Count(OutcomeKind.Skipped);

    public int NotStarted => Count(OutcomeKind.NotStarted);

    public bool Succeeded => Error is null && !Cancelled && Failed == 0 && Skipped == 0 && NotStarted == 0;

    /// <summary>"Applied 12, deleted 1, failed 1, skipped 3, unchanged 0" (plus what cancellation left).</summary>
    public string Summary
    {
        get
        {
            var summary = $"Applied {Applied}, deleted {Deleted}, failed {Failed}, skipped {Skipped}, unchanged {Unchanged}";
            if (Cancelled)
            {
                summary += $"; cancelled, {NotStarted} not started";
            }

            return Error is null ? summary : $"{Error}. {summary}";
        }
    }

    public static ApplyResult Fail(string error) => new([], Cancelled: false, error);

    private int Count(OutcomeKind kind) => Resources.Count(r => r.Kind == kind);
}
