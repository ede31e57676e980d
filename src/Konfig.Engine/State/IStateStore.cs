namespace Konfig.Engine.State;

/// <summary>
/// Where stack states live. Every change happens under a lock that names its holder, so two applies of
/// one stack cannot interleave; <see cref="BreakLockAsync"/> removes a stale lock on purpose
/// (<c>konfig state unlock</c>). Problems (a corrupt state, a lock held by someone else, a concurrent
/// write) are <see cref="StateException"/>s whose message names the state and what to do.
/// </summary>
public interface IStateStore
{
    /// <summary>A description for messages: "local state in ./.konfig/state", "Secrets in namespace konfig-state".</summary>
    string Description { get; }

    /// <summary>The state, or null when the stack was never applied. A corrupt state is an error, never treated as empty.</summary>
    Task<StackState?> LoadAsync(StateKey key, CancellationToken cancellationToken = default);

    /// <summary>Takes the stack's lock for <paramref name="holder"/> (e.g. "alice@host pid 123"), or fails naming the current holder.</summary>
    Task<IStateLock> LockAsync(StateKey key, string holder, CancellationToken cancellationToken = default);

    /// <summary>Breaks the lock whoever holds it; false when there was none.</summary>
    Task<bool> BreakLockAsync(StateKey key, CancellationToken cancellationToken = default);
}

/// <summary>A held lock: saves go through it, and disposing it releases the lock.</summary>
public interface IStateLock : IAsyncDisposable
{
    StateKey Key { get; }

    /// <summary>
    /// Saves the state atomically (all or nothing; never a half-written state). The serial must be one more
    /// than the stored one's (or 1 for a new state); otherwise someone else wrote in between.
    /// </summary>
    Task SaveAsync(StackState state, CancellationToken cancellationToken = default);

    /// <summary>Removes the state (after a destroy left nothing).</summary>
    Task DeleteAsync(CancellationToken cancellationToken = default);
}

public sealed class StateException(string message, Exception? inner = null) : Exception(message, inner);
