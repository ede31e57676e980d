using System.Text;
using Konfig.Workspace.Files;

namespace Konfig.Engine.State;

/// <summary>
/// A held local lock. Every save first checks the lock file is still this one (a broken lock must not
/// let a run that lost it keep writing), then the serial, then writes atomically.
/// </summary>
internal sealed class LocalStateLock(LocalStateStore store, StateKey key, string lockFile, string content, BrokenStaleLock? brokenStaleLock) : IStateLock
{
    // Saves of one lock never interleave, even when an engine saves from parallel tasks.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _released;

    public StateKey Key { get; } = key;

    public BrokenStaleLock? BrokenStaleLock { get; } = brokenStaleLock;

    public async Task SaveAsync(StackState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Key != Key)
        {
            throw new ArgumentException($"This lock is for the state of {Key}, not of {state.Key}.", nameof(state));
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureHeldAsync("save", cancellationToken).ConfigureAwait(false);
            var path = store.StateFilePath(Key);

            // A corrupt stored state throws here, so it is never overwritten.
            var stored = await LocalStateStore.ReadStateAsync(Key, path, cancellationToken).ConfigureAwait(false);
            CheckSerial(stored?.Serial, state.Serial, path);

            // Serialize before touching the disk: if it throws, nothing was written.
            var bytes = Encoding.UTF8.GetBytes(StateSerializer.Serialize(state));
            await WriteAtomicallyAsync(path, bytes, cancellationToken).ConfigureAwait(false);
            RemoveLeftoverTempFiles();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task DeleteAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureHeldAsync("delete", cancellationToken).ConfigureAwait(false);
            var path = store.StateFilePath(Key);
            try
            {
                File.Delete(path);
            }
            catch (DirectoryNotFoundException)
            {
                // Never saved: nothing to delete.
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                throw new StateException($"Could not delete the state file {path}: {error.Message}", error);
            }

            RemoveLeftoverTempFiles();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_released)
        {
            return;
        }

        _released = true;
        // Only our own lock is removed: once it was broken, someone else may hold a new one.
        if (await ReadLockAsync(CancellationToken.None).ConfigureAwait(false) == content)
        {
            LocalStateStore.TryDelete(lockFile);
        }

        _gate.Dispose();
    }

    private static void CheckSerial(long? storedSerial, long newSerial, string path)
    {
        var expected = (storedSerial ?? 0) + 1;
        if (newSerial == expected)
        {
            return;
        }

        var stored = storedSerial is null ? "there is no stored state" : $"the stored state has serial {storedSerial}";
        throw new StateException(
            $"Refusing to save the state with serial {newSerial} to {path}: {stored}, so the next serial is {expected}. "
            + "Someone else wrote this state since it was read (a concurrent apply?): re-run to start from the current state.");
    }

    private async Task EnsureHeldAsync(string operation, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_released, this);
        var current = await ReadLockAsync(cancellationToken).ConfigureAwait(false);
        if (current == content)
        {
            return;
        }

        var now = current is null
            ? "nobody holds it now"
            : $"it is now held by {current.Split('\n')[0]}";
        throw new StateException(
            $"Cannot {operation} the state of {Key}: its lock ({lockFile}) was broken while this run held it "
            + $"(someone unlocked the state), and {now}. Nothing was written.");
    }

    private async Task<string?> ReadLockAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(lockFile, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new StateException($"Could not read the lock file {lockFile} of the state of {Key}: {error.Message}", error);
        }
    }

    private static async Task WriteAtomicallyAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        try
        {
            await AtomicFile.WriteAllBytesAsync(path, bytes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new StateException($"Could not write the state file {path}: {error.Message}. The previous state is unchanged.", error);
        }
    }

    /// <summary>Temporary files of a writer that crashed before its rename: never read, safe to drop while we hold the lock.</summary>
    private void RemoveLeftoverTempFiles()
    {
        var folder = LocalStatePaths.StackFolder(store.Folder, Key);
        try
        {
            foreach (var leftover in Directory.EnumerateFiles(folder, LocalStatePaths.TempFilePattern(Key)))
            {
                LocalStateStore.TryDelete(leftover);
            }
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing there.
        }
    }
}
