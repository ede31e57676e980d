using System.Collections.Concurrent;
using System.Diagnostics;

namespace Konfig.Kcl.Fuzz;

/// <summary>What a session is asked to do. <see cref="FailureDirectory"/> null: failing mutants are not saved.</summary>
internal sealed record FuzzSettings(int Seed, long Count, int Workers, TimeSpan Timeout, TimeSpan LongTimeout, TimeSpan Watchdog, string? FailureDirectory);

/// <summary>The failures that share a signature: how many, and the first one seen.</summary>
internal sealed record FailureGroup(string Signature, OutcomeKind Kind, int Count, Mutant First, FuzzOutcome FirstOutcome, string? SavedTo);

/// <summary>Counts of a finished session and its failures grouped by cause.</summary>
internal sealed record FuzzSummary(
    long Runs,
    long Ok,
    long Diagnostics,
    long Slow,
    long Crashes,
    long Timeouts,
    long Hangs,
    TimeSpan Elapsed,
    bool StoppedEarly,
    IReadOnlyList<FailureGroup> Failures);

/// <summary>
/// Runs mutants <c>0..Count-1</c> of a seed on several workers, each with its own copy of the corpus, and
/// counts how each run ended. Too many abandoned (hung) runs stop the session, as they keep using the CPU.
/// </summary>
internal sealed class FuzzSession
{
    private const int MaxAbandonedRuns = 6;

    private readonly FuzzCorpus _corpus;
    private readonly FuzzSettings _settings;
    private readonly Mutator _mutator;
    private readonly FailureStore? _store;
    private readonly ConcurrentDictionary<string, FailureGroup> _failures = new(StringComparer.Ordinal);
    private readonly long[] _counts = new long[Enum.GetValues<OutcomeKind>().Length];
    private long _next;
    private int _abandoned;

    public FuzzSession(FuzzCorpus corpus, FuzzSettings settings)
    {
        _corpus = corpus;
        _settings = settings;
        _mutator = new Mutator(corpus);
        _store = settings.FailureDirectory is { } directory ? new FailureStore(directory) : null;
    }

    /// <summary>Mutants finished so far (for progress lines).</summary>
    public long Done => _counts.Sum();

    public long Failed => _counts[(int)OutcomeKind.Crash] + _counts[(int)OutcomeKind.Timeout] + _counts[(int)OutcomeKind.Hang];

    public FuzzSummary Run(Action<Mutant, FuzzOutcome, string>? onFailure = null)
    {
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Math.Max(1, _settings.Workers))
            .Select(worker => Task.Factory.StartNew(() => Work(worker, onFailure), TaskCreationOptions.LongRunning))
            .ToArray();
        Task.WaitAll(workers);
        _store?.ClearInFlight();
        var counts = _counts.ToArray();
        return new FuzzSummary(
            counts.Sum(),
            counts[(int)OutcomeKind.Ok],
            counts[(int)OutcomeKind.Diagnostics],
            counts[(int)OutcomeKind.Slow],
            counts[(int)OutcomeKind.Crash],
            counts[(int)OutcomeKind.Timeout],
            counts[(int)OutcomeKind.Hang],
            stopwatch.Elapsed,
            Volatile.Read(ref _abandoned) >= MaxAbandonedRuns,
            [.. _failures.Values.OrderBy(g => g.Kind).ThenByDescending(g => g.Count).ThenBy(g => g.Signature, StringComparer.Ordinal)]);
    }

    private void Work(int worker, Action<Mutant, FuzzOutcome, string>? onFailure)
    {
        var workspace = new MutantWorkspace(_corpus);
        var left = new List<MutantWorkspace>();
        try
        {
            while (Volatile.Read(ref _abandoned) < MaxAbandonedRuns)
            {
                var index = Interlocked.Increment(ref _next) - 1;
                if (index >= _settings.Count)
                {
                    break;
                }

                var mutant = _mutator.Create(_settings.Seed, index);
                _store?.SaveInFlight(worker, mutant);
                var outcome = workspace.Run(mutant, _settings.Timeout, _settings.LongTimeout, _settings.Watchdog);
                Interlocked.Increment(ref _counts[(int)outcome.Kind]);
                if (!outcome.IsFailure)
                {
                    continue;
                }

                Record(mutant, outcome, onFailure);
                if (outcome.Kind == OutcomeKind.Hang)
                {
                    // The hung run may still touch its files: leave that copy to it and take a fresh one.
                    Interlocked.Increment(ref _abandoned);
                    left.Add(workspace);
                    workspace = new MutantWorkspace(_corpus);
                }
            }
        }
        finally
        {
            // Deleting a copy a hung run still uses may fail in part; the temp folder is the OS's to clean then.
            foreach (var copy in left.Append(workspace))
            {
                copy.Dispose();
            }
        }
    }

    private void Record(Mutant mutant, FuzzOutcome outcome, Action<Mutant, FuzzOutcome, string>? onFailure)
    {
        var signature = FuzzHarness.Signature(outcome, mutant.Case.Path);
        var savedTo = _store?.Save(mutant, outcome, signature);
        var isNew = false;
        _failures.AddOrUpdate(
            signature,
            _ =>
            {
                isNew = true;
                return new FailureGroup(signature, outcome.Kind, 1, mutant, outcome, savedTo);
            },
            (_, group) => group with { Count = group.Count + 1 });
        if (isNew)
        {
            onFailure?.Invoke(mutant, outcome, signature);
        }
    }
}
