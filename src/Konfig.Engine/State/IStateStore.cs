namespace Konfig.Engine.State;

/// <summary>
/// Where stack states live. Every change happens under a lock that names its holder, so two applies of
/// one stack cannot interleave; <see cref="BreakLockAsync"/> removes a stale lock on purpose. A lock whose
/// holder process has ended on this machine is broken by <see cref="LockAsync"/> itself, which says so
/// (<see cref="IStateLock.BrokenStaleLock"/>); a lock taken on another machine never is. Problems (a
/// corrupt state, a lock held by someone else, a concurrent write) are <see cref="StateException"/>s whose
/// message names the state and what to do; so are environment failures (an unreadable folder, an
/// unreachable cluster), with the cause as inner exception.
/// Stores: <see cref="LocalStateStore"/> (a JSON file per stack, the default) and
/// <see cref="KubernetesStateStore"/> (a Secret per stack in the target cluster); both write the
/// <see cref="StateSerializer"/> format.
/// </summary>
public interface IStateStore
{
    /// <summary>A description for messages: "local state in ./.konfig/state", "Secrets in namespace konfig-state".</summary>
    string Description { get; }

    /// <summary>
    /// The state, or null when the stack was never applied (or its state was deleted). Needs no lock. A
    /// corrupt state, or one that belongs to another key, is an error, never treated as empty.
    /// </summary>
    Task<StackState?> LoadAsync(StateKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes the stack's lock for <paramref name="holder"/> (e.g. "alice@host pid 123"; the store adds
    /// "since &lt;UTC time&gt;", and this process's pid, host name and start time), or fails at once with a
    /// <see cref="StateLockedException"/> naming the current holder: it never waits, except that a lock whose
    /// holder ran on this machine and no longer runs is broken first. A corrupt stored state does not stop the
    /// lock (so it can be inspected and unlocked), only saves.
    /// </summary>
    Task<IStateLock> LockAsync(StateKey key, string holder, CancellationToken cancellationToken = default);

    /// <summary>
    /// Breaks the lock whoever holds it; false when there was none. The run that held it can no longer
    /// save or delete (it gets a <see cref="StateException"/> saying the lock was broken), and disposing
    /// its lock does not release a lock taken since.
    /// </summary>
    Task<bool> BreakLockAsync(StateKey key, CancellationToken cancellationToken = default);
}

/// <summary>
/// A held lock: saves go through it, and disposing it releases the lock (only if it is still this one).
/// Calls on one lock are serialized, so an engine may save from parallel tasks.
/// </summary>
public interface IStateLock : IAsyncDisposable
{
    StateKey Key { get; }

    /// <summary>The stale lock broken to take this one (its holder had ended on this machine); null when there was none.</summary>
    BrokenStaleLock? BrokenStaleLock { get; }

    /// <summary>
    /// Saves the state atomically (all or nothing; never a half-written state). The serial must be one more
    /// than the stored one's (or 1 for a new state); otherwise someone else wrote in between and the save
    /// is refused. A corrupt stored state is never overwritten. <paramref name="state"/>'s key must be
    /// this lock's.
    /// </summary>
    Task SaveAsync(StackState state, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes the state (after a destroy left nothing); nothing to remove is fine. The next save starts
    /// again at serial 1. A store may release the lock with the state (the Kubernetes one deletes the
    /// Secret that carries both), so after this only disposing the lock is certain to be allowed.
    /// </summary>
    Task DeleteAsync(CancellationToken cancellationToken = default);
}

/// <summary>A state problem for the user: the message names the state (file or Secret) and what to do.</summary>
public class StateException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The state is locked by another run; <see cref="Holder"/> says whose (who, where, since when).</summary>
public sealed class StateLockedException(string message, StateKey key, string holder) : StateException(message)
{
    public StateKey Key { get; } = key;

    public string Holder { get; } = holder;
}

/// <summary>A lock whose holder process had ended on this machine, broken to take a new lock.</summary>
/// <param name="Holder">The broken lock's holder line ("alice@build-7 pid 1234 since 2026-11-21T20:00:00Z").</param>
public sealed record BrokenStaleLock(StateKey Key, string Holder, int Pid, string Host)
{
    public string Message => $"broke the lock of {Key}: it was held by pid {Pid} on {Host}, which no longer runs";
}
