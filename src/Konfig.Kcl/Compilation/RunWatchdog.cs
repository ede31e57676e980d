using System.Diagnostics;

namespace Konfig.Kcl.Compilation;

/// <summary>
/// Waits for the thread of a run while watching its deadline and the heap. Size limits stop any single value from growing
/// too large, but a program can still build very many of them (<c>[[0] * 10000000 for i in range(1000)]</c>);
/// past the memory limit the run is cancelled, as at its deadline, rather than left to exhaust the machine.
/// </summary>
internal static class RunWatchdog
{
    public enum Ending
    {
        /// <summary>The thread ended (possibly after its deadline cancelled it).</summary>
        Finished,

        /// <summary>The heap outgrew the limit; the thread was cancelled and has ended or was abandoned.</summary>
        OverMemory,

        /// <summary>The thread did not stop within the grace period after cancellation.</summary>
        Abandoned,
    }

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>A full collection (to tell live memory from garbage) is made at most this often.</summary>
    private static readonly TimeSpan CollectionInterval = TimeSpan.FromSeconds(1);

    public static Ending Watch(Thread thread, CancellationTokenSource cancellation, TimeSpan timeout, long memoryLimit, TimeSpan grace)
    {
        var clock = Stopwatch.StartNew();
        var overMemory = false;
        TimeSpan? cancelledAt = null;
        TimeSpan? lastCollection = null;
        while (!thread.Join(PollInterval))
        {
            if (!overMemory && GC.GetTotalMemory(forceFullCollection: false) > memoryLimit
                && (lastCollection is null || clock.Elapsed - lastCollection > CollectionInterval))
            {
                lastCollection = clock.Elapsed;
                if (GC.GetTotalMemory(forceFullCollection: true) > memoryLimit)
                {
                    overMemory = true;
                    cancellation.Cancel();
                }
            }

            if (clock.Elapsed > timeout && !cancellation.IsCancellationRequested)
            {
                cancellation.Cancel();
            }

            if (cancellation.IsCancellationRequested)
            {
                cancelledAt ??= clock.Elapsed;
                if (clock.Elapsed - cancelledAt > grace)
                {
                    return overMemory ? Ending.OverMemory : Ending.Abandoned;
                }
            }
        }

        return overMemory ? Ending.OverMemory : Ending.Finished;
    }
}
