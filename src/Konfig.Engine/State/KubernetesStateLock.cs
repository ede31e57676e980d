using System.Text.Json.Nodes;
using Konfig.Kubernetes;

namespace Konfig.Engine.State;

/// <summary>
/// A held Kubernetes lock. It remembers the Secret's resourceVersion as of its own last write (the lock,
/// then each save) and writes with it as a precondition: if anything touched the Secret since (another
/// writer, a broken lock), the server answers 409 and nothing is written. So a save needs one request.
/// </summary>
internal sealed class KubernetesStateLock(
    KubernetesStateStore store,
    StateKey key,
    LockInfo info,
    string resourceVersion,
    long? storedSerial,
    StateException? corrupt,
    BrokenStaleLock? brokenStaleLock) : IStateLock
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string _resourceVersion = resourceVersion;
    private long? _storedSerial = storedSerial;
    private bool _deleted;
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
            EnsureUsable("save");
            if (corrupt is not null)
            {
                throw new StateException(corrupt.Message, corrupt);
            }

            var expected = (_storedSerial ?? 0) + 1;
            if (state.Serial != expected)
            {
                var stored = _storedSerial is null ? "there is no stored state" : $"the stored state has serial {_storedSerial}";
                throw new StateException(
                    $"Refusing to save the state of {Key} with serial {state.Serial} to the {store.Where(Key)}: {stored}, so the next serial is {expected}. "
                    + "Someone else wrote this state since it was read (a concurrent apply?): re-run to start from the current state.");
            }

            var manifest = KubernetesStateSecret.DataManifest(store.Namespace, Key, _resourceVersion, state);
            var saved = await WriteAsync(manifest, KubernetesStateSecret.DataManager, "save", cancellationToken).ConfigureAwait(false);
            _resourceVersion = store.ResourceVersionOf(saved, Key);
            _storedSerial = state.Serial;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Deletes the Secret, and the lock on it with it: after this, only disposing the lock is left to do.</summary>
    public async Task DeleteAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            EnsureUsable("delete");
            // DELETE takes no resourceVersion here, so check right before it; the window left is one round trip.
            var secret = await store.GetSecretAsync(Key, cancellationToken).ConfigureAwait(false);
            if (secret is not null && KubernetesStateSecret.ResourceVersion(secret) != _resourceVersion)
            {
                throw Changed("delete", secret, inner: null);
            }

            try
            {
                await store.Client.DeleteAsync(KubernetesStateSecret.Reference(store.Namespace, Key), DeletePropagation.Background, cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException error)
            {
                throw store.ApiFailure(Key, "delete", error);
            }

            _deleted = true;
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
        try
        {
            if (!_deleted)
            {
                await ReleaseAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Dispose();
        }
    }

    private async Task ReleaseAsync()
    {
        var resourceVersion = _resourceVersion;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                await store.Client.ApplyAsync(
                    KubernetesStateSecret.LockManifest(store.Namespace, Key, resourceVersion, holder: null),
                    new ApplyOptions(KubernetesStateSecret.LockManager, Force: true)).ConfigureAwait(false);
                return;
            }
            catch (KubernetesApiException error) when (error.IsConflict)
            {
                // Only our own lock is released: once it was broken, someone else may hold a new one.
                var secret = await store.GetSecretAsync(Key, CancellationToken.None).ConfigureAwait(false);
                if (secret is null || KubernetesStateSecret.Lock(secret)?.Id != info.Id)
                {
                    return;
                }

                resourceVersion = store.ResourceVersionOf(secret, Key);
            }
            catch (KubernetesApiException error)
            {
                throw new StateException(
                    $"Could not release the lock of the state of {Key} ({store.Where(Key)}): {error.Message}. "
                    + "Unlock the state once the cluster answers again.", error);
            }
        }
    }

    private async Task<JsonObject> WriteAsync(JsonObject manifest, string fieldManager, string operation, CancellationToken cancellationToken)
    {
        try
        {
            return await store.Client.ApplyAsync(manifest, new ApplyOptions(fieldManager, Force: true), cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException error) when (error.IsConflict)
        {
            var secret = await store.GetSecretAsync(Key, cancellationToken).ConfigureAwait(false);
            throw Changed(operation, secret, error);
        }
        catch (KubernetesApiException error)
        {
            throw store.ApiFailure(Key, operation, error);
        }
    }

    /// <summary>Why a write was refused: the lock was broken or taken over, the Secret is gone, or someone else wrote.</summary>
    private StateException Changed(string operation, JsonObject? secret, Exception? inner)
    {
        var current = secret is null ? null : KubernetesStateSecret.Lock(secret);
        var why = secret is null
            ? "its Secret was deleted while this run held the lock"
            : current is null
                ? "its lock was broken while this run held it (someone unlocked the state) and nobody holds it now"
                : current.Id != info.Id
                    ? $"its lock was broken while this run held it (someone unlocked the state) and is now held by {current.Holder} since {current.Since}"
                    : "the state changed since it was read (someone else applied?)";
        return new StateException($"Cannot {operation} the state of {Key} ({store.Where(Key)}): {why}. Nothing was written.", inner);
    }

    private void EnsureUsable(string operation)
    {
        ObjectDisposedException.ThrowIf(_released, this);
        if (_deleted)
        {
            throw new InvalidOperationException($"Cannot {operation} the state of {Key}: it was deleted through this lock; take a new lock.");
        }
    }
}
