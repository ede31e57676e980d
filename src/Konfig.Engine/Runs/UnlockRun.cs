using Konfig.Engine.State;
using Konfig.Kubernetes;
using Konfig.Workspace.Discovery;

namespace Konfig.Engine.Runs;

/// <summary>What breaking a stack's lock found: whether it was locked, and by whom (and since when) when that could be read.</summary>
public sealed record UnlockResult(StateKey Key, bool WasLocked, string? Holder);

/// <summary>
/// Breaks a stack's state lock (a killed run leaves one behind), reading its holder first so that whoever breaks it
/// learns whose run it was.
/// </summary>
public static class UnlockRun
{
    public static async Task<UnlockResult> RunAsync(StackRunSession session, Stack stack, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(stack);
        var key = session.KeyOf(stack);
        var holder = await HolderAsync(session, key, cancellationToken).ConfigureAwait(false);
        var wasLocked = await session.Store.BreakLockAsync(key, cancellationToken).ConfigureAwait(false);
        return new UnlockResult(key, wasLocked, wasLocked ? holder : null);
    }

    /// <summary>Who holds the lock (and since when); null when it cannot be read.</summary>
    private static async Task<string?> HolderAsync(StackRunSession session, StateKey key, CancellationToken cancellationToken)
    {
        switch (session.Store)
        {
            case LocalStateStore local:
                try
                {
                    var text = await File.ReadAllTextAsync(local.LockFilePath(key), cancellationToken).ConfigureAwait(false);
                    return text.Split('\n')[0].Trim() is { Length: > 0 } line ? line : null;
                }
                catch (Exception error) when (error is IOException or UnauthorizedAccessException)
                {
                    return null;
                }

            case KubernetesStateStore kubernetes:
                var secret = await session.Client.GetAsync(
                    new ObjectReference("v1", "Secret", kubernetes.Namespace, KubernetesStateStore.SecretName(key)), cancellationToken).ConfigureAwait(false);
                var annotations = secret?["metadata"]?["annotations"];
                var holder = annotations?["konfig.io/lock-holder"]?.GetValue<string>();
                var since = annotations?["konfig.io/lock-since"]?.GetValue<string>();
                return holder is null ? null : since is null ? holder : $"{holder} since {since}";

            default:
                return null;
        }
    }
}
