using Konfig.Kcl.Values;

namespace Konfig.Kcl.Evaluation;

/// <summary>What one evaluation run may read besides the sources: top-level arguments, switches and where print() writes.</summary>
public sealed record EvaluationSettings
{
    /// <summary>option("key") values.</summary>
    public IReadOnlyDictionary<string, KclValue> Options { get; init; } = new Dictionary<string, KclValue>();

    public string WorkingDirectory { get; init; } = "";

    public bool StrictRangeCheck { get; init; }

    public bool Debug { get; init; }

    /// <summary>Keep schema attributes starting with <c>_</c> in the output.</summary>
    public bool ShowHidden { get; init; }

    public bool SortKeys { get; init; }

    /// <summary>print() writes here.</summary>
    public TextWriter Output { get; init; } = TextWriter.Null;

    /// <summary>Checked regularly (loops, calls); on cancel the run reports "evaluation timed out".</summary>
    public CancellationToken Cancellation { get; init; }
}
