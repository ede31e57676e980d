using Konfig.Engine.Apply;
using Konfig.Engine.State;

namespace Konfig.Engine.Runs;

/// <summary>Whether a locked run applies a stack or destroys it.</summary>
public enum StackChange
{
    Apply,
    Destroy,
}

/// <summary>
/// A stack's change about to start: its lock is held and its state is the previewed one. <see cref="BrokenStaleLock"/>
/// is set when taking the lock broke the stale lock of a run that no longer runs.
/// </summary>
public sealed record StackRunStart(StackPreview Previewed, StackChange Change, string ClusterName, BrokenStaleLock? BrokenStaleLock);

/// <summary>
/// Watches locked runs as they go (the CLI shows progress, a bot may log). The run calls <see cref="RunChangeAsync"/>
/// once per stack whose change starts; the observer runs <c>change</c> with the sink its resource events should go to
/// (events arrive from parallel tasks), and may wrap it (a live display around it).
/// </summary>
public interface IStackRunObserver
{
    Task<ApplyResult> RunChangeAsync(StackRunStart start, Func<IProgress<ApplyEvent>?, Task<ApplyResult>> change);
}

/// <summary>Watches nothing: runs each change without progress.</summary>
public sealed class NoStackRunObserver : IStackRunObserver
{
    public static NoStackRunObserver Instance { get; } = new();

    public Task<ApplyResult> RunChangeAsync(StackRunStart start, Func<IProgress<ApplyEvent>?, Task<ApplyResult>> change) => change(null);
}
