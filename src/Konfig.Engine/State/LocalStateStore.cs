using System.Globalization;
using System.Text;

namespace Konfig.Engine.State;

/// <summary>
/// The embedded default store: one JSON file per stack and cluster under a folder (the CLI uses
/// <c>&lt;workspace root&gt;/.konfig/state</c>); see <see cref="LocalStatePaths"/> for the layout and
/// <see cref="StateSerializer"/> for the format. Writes go to a temporary file in the same folder,
/// flushed to disk, then renamed over the state, so a reader or a crash sees the old state or the new
/// one, never a mix. The lock is a file created exclusively (<see cref="FileMode.CreateNew"/>) that
/// names its holder; it only guards processes that use it, as any advisory lock.
/// </summary>
public sealed class LocalStateStore : IStateStore
{
    private readonly TimeProvider _time;

    public LocalStateStore(string folder, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Folder = Path.GetFullPath(folder);
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The state folder, as a full path.</summary>
    public string Folder { get; }

    public string Description => $"local state in {Folder}";

    /// <summary>The file that holds (or would hold) a stack's state.</summary>
    public string StateFilePath(StateKey key) => LocalStatePaths.StateFile(Folder, key);

    /// <summary>The file that is a stack's lock while it exists.</summary>
    public string LockFilePath(StateKey key) => LocalStatePaths.LockFile(Folder, key);

    public async Task<StackState?> LoadAsync(StateKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return await ReadStateAsync(key, StateFilePath(key), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IStateLock> LockAsync(StateKey key, string holder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(holder);
        var lockFile = LockFilePath(key);
        var since = _time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        // The first line is what others see; the token tells this lock from a later one with the same holder text;
        // the process line lets a later run on this machine see that the holder is gone.
        var content = $"{holder.ReplaceLineEndings(" ")} since {since}\nlock {Guid.NewGuid():N}\nprocess {LockProcess.Current.ToText()}\n";
        BrokenStaleLock? broken = null;
        FileStream stream;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(lockFile)!);
                stream = new FileStream(lockFile, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 4096, FileOptions.Asynchronous);
                break;
            }
            catch (IOException) when (File.Exists(lockFile))
            {
                // Tried again (twice at most) when the lock went away meanwhile, or its holder has ended on this machine.
                var current = await ReadLockFileAsync(lockFile, cancellationToken).ConfigureAwait(false);
                if (attempt < 2 && current is null)
                {
                    continue;
                }

                if (attempt < 2 && current?.Process is { } process && process.HasEnded())
                {
                    if (TryRemoveStaleLock(key, lockFile, current.Text))
                    {
                        broken = new BrokenStaleLock(key, current.Holder, process.Pid, process.Host);
                    }

                    continue;
                }

                var holderText = current?.Holder ?? "an unknown holder";
                throw new StateLockedException(
                    $"The state of {key} is locked by {holderText} (lock file {lockFile}). "
                    + "If that run is over (a killed process leaves its lock behind), the lock is stale and can be broken.",
                    key,
                    holderText);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                throw new StateException($"Could not create the lock file {lockFile} for the state of {key}: {error.Message}", error);
            }
        }

        try
        {
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(content), cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception error)
        {
            // The file is ours but its holder line may be missing: a lock nobody could explain is worse than none.
            TryDelete(lockFile);
            if (error is IOException or UnauthorizedAccessException)
            {
                throw new StateException($"Could not write the lock file {lockFile} for the state of {key}: {error.Message}", error);
            }

            throw;
        }

        return new LocalStateLock(this, key, lockFile, content, broken);
    }

    public Task<bool> BreakLockAsync(StateKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var lockFile = LockFilePath(key);
        try
        {
            if (!File.Exists(lockFile))
            {
                return Task.FromResult(false);
            }

            File.Delete(lockFile);
            return Task.FromResult(true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new StateException($"Could not delete the lock file {lockFile} of the state of {key}: {error.Message}", error);
        }
    }

    internal static async Task<StackState?> ReadStateAsync(StateKey key, string path, CancellationToken cancellationToken)
    {
        string json;
        try
        {
            json = await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new StateException($"Could not read the state file {path}: {error.Message}", error);
        }

        var state = StateSerializer.Deserialize(json, $"state file {path}");
        if (state.Key != key)
        {
            throw new StateException(
                $"The state file {path} holds the state of {state.Key}, not of {key} (was it copied or renamed?). "
                + "konfig never overwrites it: move it back or remove it.");
        }

        return state;
    }

    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Best effort: the caller is already reporting the failure that matters.
        }
    }

    /// <summary>A lock file: its whole text, its first line (who holds it, since when) and the holder process, when recorded.</summary>
    internal sealed record LockFileContent(string Text, string Holder, LockProcess? Process);

    /// <summary>The lock file as it is now; null when it vanished meanwhile.</summary>
    internal static async Task<LockFileContent?> ReadLockFileAsync(string lockFile, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(lockFile, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        var lines = text.Split('\n');
        var firstLine = lines[0].Trim();
        var process = lines.FirstOrDefault(line => line.StartsWith("process ", StringComparison.Ordinal));
        return new LockFileContent(
            text,
            firstLine.Length == 0 ? "an unknown holder (empty lock file)" : firstLine,
            LockProcess.Parse(process?["process ".Length..]));
    }

    /// <summary>
    /// Removes a stale lock file, but only the one that was read: it is first renamed aside (atomically), and if
    /// it turns out to be another run's newer lock (one that broke the same stale lock first), it is put back.
    /// </summary>
    private static bool TryRemoveStaleLock(StateKey key, string lockFile, string staleText)
    {
        var aside = $"{lockFile}.{Guid.NewGuid():N}.stale";
        string moved;
        try
        {
            File.Move(lockFile, aside);
            moved = File.ReadAllText(aside, Encoding.UTF8);
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            return false; // Someone else removed it first.
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new StateException($"Could not break the stale lock file {lockFile} of the state of {key}: {error.Message}", error);
        }

        if (moved == staleText)
        {
            TryDelete(aside);
            return true;
        }

        try
        {
            File.Move(aside, lockFile);
        }
        catch (IOException)
        {
            // A third run locked meanwhile: the lock moved aside is lost, and its run's next save says so.
            TryDelete(aside);
        }

        return false;
    }
}
