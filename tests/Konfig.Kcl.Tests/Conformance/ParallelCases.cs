namespace Konfig.Kcl.Tests.Conformance;

/// <summary>
/// Runs cases a few at a time (each on its own big-stack thread, see <see cref="GuardedExecution"/>).
/// A hung case keeps its thread spinning, so after <see cref="MaxHangs"/> hangs the remaining cases are
/// not run but reported as aborted: their timings would mean nothing on a machine that busy.
/// </summary>
internal static class ParallelCases
{
    public const int MaxHangs = 8;

    public static int Workers => Math.Clamp(Environment.ProcessorCount, 2, 4);

    public static IReadOnlyList<CaseResult> Run<T>(IReadOnlyList<T> items, Func<T, CaseResult> run, Func<T, CaseResult> aborted)
    {
        var results = new CaseResult[items.Count];
        var hangs = 0;
        Parallel.For(0, items.Count, new ParallelOptions { MaxDegreeOfParallelism = Workers }, i =>
        {
            if (Volatile.Read(ref hangs) >= MaxHangs)
            {
                results[i] = aborted(items[i]);
                return;
            }

            var result = run(items[i]);
            if (result.Failure == FailureKind.Hang)
            {
                Interlocked.Increment(ref hangs);
            }

            results[i] = result;
        });
        return results;
    }
}
