using System.Runtime;

namespace Konfig.Cli;

/// <summary>
/// A span in which the garbage collector does not run, for short commands whose allocations all stay
/// alive to the end (measured: without it, a third of <c>konfig affected</c> on 10,000 stacks went to
/// collections). If more than the budget is allocated the runtime ends the region by itself and
/// collects as usual, so this is safe for any input size.
/// </summary>
internal sealed class NoCollectionRegion : IDisposable
{
    private readonly bool _entered;

    private NoCollectionRegion(bool entered) => _entered = entered;

    public static NoCollectionRegion Enter(long budgetBytes)
    {
        try
        {
            return new NoCollectionRegion(GC.TryStartNoGCRegion(budgetBytes));
        }
        catch (ArgumentOutOfRangeException)
        {
            // The budget is larger than this runtime's ephemeral space allows: run as usual.
            return new NoCollectionRegion(false);
        }
    }

    public void Dispose()
    {
        if (_entered && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
        {
            GC.EndNoGCRegion();
        }
    }
}
