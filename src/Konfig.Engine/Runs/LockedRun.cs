using Konfig.Engine.Apply;
using Konfig.Engine.State;
using Konfig.Workspace.Discovery;

namespace Konfig.Engine.Runs;

/// <summary>
/// How one stack's locked change ended: its result when it ran, else the error that kept it from starting
/// (locked, state changed since the preview, state unreadable). <see cref="BrokenStaleLock"/> is set when
/// taking the lock broke a dead run's stale lock.
/// </summary>
public sealed record StackRunResult(StackPreview Previewed, ApplyResult? Result, StackRunError? Error, BrokenStaleLock? BrokenStaleLock = null)
{
    public Stack Stack => Previewed.Stack;

    public bool Succeeded => Result?.Succeeded == true;
}

/// <summary>
/// Applies a previewed stack under its state lock: takes the lock (or says who holds it), checks that the
/// state is still the one the preview was made from (so what was confirmed is what runs), applies, releases.
/// One stack per call: the caller orders stacks and stops on cancellation.
/// </summary>
public static class ApplyRun
{
    public static Task<StackRunResult> RunAsync(
        StackRunSession session, StackPreview previewed, StackApplyOptions options, IStackRunObserver observer, CancellationToken cancellationToken = default)
    {
        var applier = new StackApplier(session.Client, options with { Tenant = previewed.Stack.Project.Tenant });
        return LockedRun.RunAsync(session, previewed, StackChange.Apply, observer,
            (prior, stateLock, progress) => applier.ApplyAsync(previewed.Resources, prior, stateLock, progress, cancellationToken), cancellationToken);
    }
}

/// <summary>Destroys a stack previewed by <see cref="PreviewRun.PreviewDestroyAsync"/> under its state lock, as <see cref="ApplyRun"/> applies.</summary>
public static class DestroyRun
{
    public static Task<StackRunResult> RunAsync(
        StackRunSession session, StackPreview previewed, StackApplyOptions options, IStackRunObserver observer, CancellationToken cancellationToken = default)
    {
        var destroyer = new StackDestroyer(session.Client, options with { Tenant = previewed.Stack.Project.Tenant });
        return LockedRun.RunAsync(session, previewed, StackChange.Destroy, observer,
            (prior, stateLock, progress) => destroyer.DestroyAsync(prior, stateLock, progress, cancellationToken), cancellationToken);
    }
}

internal static class LockedRun
{
    public static async Task<StackRunResult> RunAsync(
        StackRunSession session,
        StackPreview previewed,
        StackChange change,
        IStackRunObserver observer,
        Func<StackState?, IStateLock, IProgress<ApplyEvent>?, Task<ApplyResult>> run,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(previewed);
        ArgumentNullException.ThrowIfNull(observer);
        var stack = previewed.Stack;
        var key = session.KeyOf(stack);
        IStateLock stateLock;
        try
        {
            stateLock = await session.Store.LockAsync(key, session.Options.LockHolder, cancellationToken).ConfigureAwait(false);
        }
        catch (StateLockedException error)
        {
            return new StackRunResult(previewed, null, new StackRunError(stack, StackRunErrorKind.Locked, error.Message));
        }
        catch (StateException error)
        {
            return new StackRunResult(previewed, null, new StackRunError(stack, StackRunErrorKind.StateUnreadable, error.Message));
        }

        var broken = stateLock.BrokenStaleLock;
        await using (stateLock.ConfigureAwait(false))
        {
            var (current, stateError) = await session.LoadStateAsync(stack, cancellationToken).ConfigureAwait(false);
            if (stateError is not null)
            {
                return new StackRunResult(previewed, null, stateError, broken);
            }

            if (current?.Serial != previewed.Prior?.Serial)
            {
                return new StackRunResult(previewed, null, new StackRunError(
                    stack,
                    StackRunErrorKind.StateChanged,
                    $"the state changed since the preview (serial {previewed.Prior?.Serial ?? 0}, now {current?.Serial ?? 0}): "
                    + "someone else applied meanwhile. Nothing was changed; run again to see the new preview."), broken);
            }

            var start = new StackRunStart(previewed, change, session.ClusterName, broken);
            var result = await observer.RunChangeAsync(start, progress => run(current, stateLock, progress)).ConfigureAwait(false);
            return new StackRunResult(previewed, result, null, broken);
        }
    }
}
