namespace Konfig.Bot.Tests.GitHub;

/// <summary>
/// A clock for tests whose timers fire at once, moving the clock to their due time: waits take no real
/// time, and <see cref="Delays"/> says which were asked for.
/// </summary>
internal sealed class SteppingClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<TimeSpan> delays = [];
    private DateTimeOffset now = start;

    public SteppingClock()
        : this(DateTimeOffset.UtcNow)
    {
    }

    public IReadOnlyList<TimeSpan> Delays
    {
        get { lock (gate) { return [.. delays]; } }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (gate)
        {
            now += by;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (gate)
            {
                delays.Add(dueTime);
                now += dueTime;
            }

            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }

        return new FiredTimer();
    }

    private sealed class FiredTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
