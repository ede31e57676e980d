using System.Globalization;
using System.Text.Json.Nodes;
using Konfig.Kubernetes;

namespace Konfig.Engine.State;

/// <summary>
/// State kept in the target cluster: one Secret per stack and cluster in a namespace of the user's
/// choice (it must exist), so a team shares state with no other infrastructure. The lock is a set of
/// annotations on that Secret, and every lock or state write carries the resourceVersion read before
/// it, so of two racing writers the server lets one through and answers the other 409 Conflict
/// (layout and field managers: <see cref="KubernetesStateSecret"/>). Only server-side apply, GET and
/// DELETE of <see cref="IKubernetesClient"/> are used.
/// </summary>
public sealed class KubernetesStateStore : IStateStore
{
    private readonly TimeProvider _time;

    public KubernetesStateStore(IKubernetesClient client, string @namespace, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(@namespace);
        Client = client;
        Namespace = @namespace;
        _time = timeProvider ?? TimeProvider.System;
    }

    public string Namespace { get; }

    internal IKubernetesClient Client { get; }

    public string Description => $"Secrets in namespace {Namespace} of {Client.Server}";

    /// <summary>The name of the Secret that holds a stack's state.</summary>
    public static string SecretName(StateKey key) => KubernetesStateSecret.Name(key);

    public async Task<StackState?> LoadAsync(StateKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var secret = await GetSecretAsync(key, cancellationToken).ConfigureAwait(false);
        if (secret is null)
        {
            // A mistyped namespace must not look like "never applied, create everything".
            await EnsureNamespaceAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }

        return KubernetesStateSecret.ReadState(secret, Namespace, key);
    }

    public async Task<IStateLock> LockAsync(StateKey key, string holder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(holder);
        var info = new LockInfo(
            holder.ReplaceLineEndings(" "),
            _time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            Guid.NewGuid().ToString("N"),
            LockProcess.Current);

        JsonObject secret;
        BrokenStaleLock? broken;
        for (var attempt = 0; ; attempt++)
        {
            secret = await GetSecretAsync(key, cancellationToken).ConfigureAwait(false)
                ?? await CreateSecretAsync(key, cancellationToken).ConfigureAwait(false);
            broken = null;
            if (KubernetesStateSecret.Lock(secret) is { } current)
            {
                // A holder that ended on this machine left a stale lock: take it over. The write below is guarded by
                // the resourceVersion just read, so if another run takes it first, this one sees their lock on retry.
                if (current.Process is not { } process || !process.HasEnded())
                {
                    throw Locked(key, current);
                }

                broken = new BrokenStaleLock(key, $"{current.Holder} since {current.Since}", process.Pid, process.Host);
            }

            try
            {
                secret = await Client.ApplyAsync(
                    KubernetesStateSecret.LockManifest(Namespace, key, ResourceVersionOf(secret, key), info),
                    new ApplyOptions(KubernetesStateSecret.LockManager, Force: true),
                    cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (KubernetesApiException error) when (error.IsConflict && attempt < 2)
            {
                // Someone wrote in between (usually another locker who won the race): read again, and name them.
            }
            catch (KubernetesApiException error) when (error.IsConflict)
            {
                throw new StateException($"The state of {key} ({Where(key)}) kept changing while taking its lock; retry.", error);
            }
            catch (KubernetesApiException error)
            {
                throw ApiFailure(key, "lock", error);
            }
        }

        // Read what is stored now, under the lock; a corrupt state is kept to refuse saves, not to refuse the lock.
        StackState? stored = null;
        StateException? corrupt = null;
        try
        {
            stored = KubernetesStateSecret.ReadState(secret, Namespace, key);
        }
        catch (StateException error)
        {
            corrupt = error;
        }

        return new KubernetesStateLock(this, key, info, ResourceVersionOf(secret, key), stored?.Serial, corrupt, broken);
    }

    public async Task<bool> BreakLockAsync(StateKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        // Retried: a holder still saving moves the resourceVersion under us.
        for (var attempt = 0; ; attempt++)
        {
            var secret = await GetSecretAsync(key, cancellationToken).ConfigureAwait(false);
            if (secret is null)
            {
                await EnsureNamespaceAsync(cancellationToken).ConfigureAwait(false);
                return false;
            }

            if (KubernetesStateSecret.Lock(secret) is null)
            {
                return false;
            }

            try
            {
                await Client.ApplyAsync(
                    KubernetesStateSecret.LockManifest(Namespace, key, ResourceVersionOf(secret, key), holder: null),
                    new ApplyOptions(KubernetesStateSecret.LockManager, Force: true),
                    cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (KubernetesApiException error) when (error.IsConflict && attempt < 4)
            {
                // Read again and retry.
            }
            catch (KubernetesApiException error)
            {
                throw ApiFailure(key, "break the lock of", error);
            }
        }
    }

    private async Task<JsonObject> CreateSecretAsync(StateKey key, CancellationToken cancellationToken)
    {
        await EnsureNamespaceAsync(cancellationToken).ConfigureAwait(false);
        // Two first lockers may both get here: this apply is the same for both (and changes nothing the
        // second time); the lock apply that follows, guarded by resourceVersion, picks one of them.
        return await ApplyAsync(key, KubernetesStateSecret.InitManifest(Namespace, key), KubernetesStateSecret.InitManager, "create the state Secret", cancellationToken).ConfigureAwait(false);
    }

    internal string Where(StateKey key) => $"Secret {Namespace}/{SecretName(key)} on {Client.Server}";

    internal async Task<JsonObject?> GetSecretAsync(StateKey key, CancellationToken cancellationToken)
    {
        try
        {
            return await Client.GetAsync(KubernetesStateSecret.Reference(Namespace, key), cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException error)
        {
            throw ApiFailure(key, "read", error);
        }
    }

    internal async Task<JsonObject> ApplyAsync(StateKey key, JsonObject manifest, string fieldManager, string operation, CancellationToken cancellationToken)
    {
        try
        {
            return await Client.ApplyAsync(manifest, new ApplyOptions(fieldManager, Force: true), cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException error) when (error.StatusCode == 404)
        {
            await EnsureNamespaceAsync(cancellationToken).ConfigureAwait(false);
            throw ApiFailure(key, operation, error);
        }
        catch (KubernetesApiException error)
        {
            throw ApiFailure(key, operation, error);
        }
    }

    internal string ResourceVersionOf(JsonObject secret, StateKey key) =>
        KubernetesStateSecret.ResourceVersion(secret)
        ?? throw new StateException($"The {Where(key)} came back without metadata.resourceVersion; konfig cannot write it safely.");

    internal StateException ApiFailure(StateKey key, string operation, KubernetesApiException error) =>
        new($"Could not {operation} the state of {key} ({Where(key)}): {error.Message}", error);

    private StateLockedException Locked(StateKey key, LockInfo holder) =>
        new($"The state of {key} is locked by {holder.Holder} since {holder.Since} ({Where(key)}). "
            + "If that run is over (a killed process leaves its lock behind), the lock is stale and can be broken.",
            key,
            $"{holder.Holder} since {holder.Since}");

    private async Task EnsureNamespaceAsync(CancellationToken cancellationToken)
    {
        JsonObject? found;
        try
        {
            found = await Client.GetAsync(new ObjectReference("v1", "Namespace", null, Namespace), cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException error) when (error.StatusCode == 403)
        {
            return; // Not allowed to read namespaces: the Secret calls will say what is wrong.
        }
        catch (KubernetesApiException error)
        {
            throw new StateException($"Could not check the state namespace {Namespace} on {Client.Server}: {error.Message}", error);
        }

        if (found is null)
        {
            throw new StateException(
                $"The state namespace {Namespace} does not exist on {Client.Server}. Create it with `kubectl create namespace {Namespace}` "
                + "(or choose another namespace for the state).");
        }
    }
}
