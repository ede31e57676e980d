using System.Collections.Concurrent;
using Konfig.Engine.State;

namespace Konfig.Engine.Tests.Apply;

/// <summary>Records every save (checking the serial grows by one, as the real stores do) and whether the state was removed.</summary>
internal sealed class InMemoryStateLock(StateKey key, StackState? stored = null) : IStateLock
{
    private int _concurrentSaves;

    public StateKey Key { get; } = key;

    public BrokenStaleLock? BrokenStaleLock => null;

    public StackState? Current { get; private set; } = stored;

    public ConcurrentQueue<StackState> Saves { get; } = new();

    public bool Deleted { get; private set; }

    public bool OverlappingSaves { get; private set; }

    public async Task SaveAsync(StackState state, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Increment(ref _concurrentSaves) > 1)
        {
            OverlappingSaves = true;
        }

        await Task.Yield();
        try
        {
            var expected = (Current?.Serial ?? 0) + 1;
            if (state.Serial != expected)
            {
                throw new StateException($"state {Key} was written by someone else (serial {state.Serial}, expected {expected})");
            }

            Current = state;
            Saves.Enqueue(state);
        }
        finally
        {
            Interlocked.Decrement(ref _concurrentSaves);
        }
    }

    public Task DeleteAsync(CancellationToken cancellationToken = default)
    {
        Current = null;
        Deleted = true;
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
