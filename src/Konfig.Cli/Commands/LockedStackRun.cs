using Konfig.Engine.Apply;
using Konfig.Engine.State;

namespace Konfig.Cli.Commands;

/// <summary>
/// Changes one stack under its state lock: takes the lock (or says who holds it), checks that the state is
/// still the one the preview was made from (so what was confirmed is what runs), runs the apply or destroy,
/// and prints its summary and what failed.
/// </summary>
internal static class LockedStackRun
{
    /// <summary>The run's result; null when it could not start (locked, state changed or unreadable), after saying why.</summary>
    public static async Task<ApplyResult?> RunAsync(
        EngineSession session,
        StackPreview previewed,
        CliEnvironment environment,
        string verb,
        Func<StackState?, IStateLock, Task<ApplyResult>> change,
        CancellationToken cancellationToken)
    {
        var stack = previewed.Stack;
        var key = session.KeyOf(stack);
        IStateLock stateLock;
        try
        {
            stateLock = await session.Store.LockAsync(key, EngineSession.LockHolder, cancellationToken);
        }
        catch (StateLockedException error)
        {
            environment.Error.WriteLine($"error: stack {stack.Path}: {error.Message}");
            environment.Error.WriteLine($"hint: if that run is over, `konfig state unlock {EngineSession.Display(stack.Directory, environment)}` (with the same cluster and state options) breaks the stale lock");
            return null;
        }
        catch (StateException error)
        {
            environment.Error.WriteLine($"error: stack {stack.Path}: {error.Message}");
            return null;
        }

        if (stateLock.BrokenStaleLock is { } broken)
        {
            environment.Error.WriteLine($"note: stack {stack.Path}: {broken.Message}");
        }

        await using (stateLock)
        {
            StackState? current;
            try
            {
                current = await session.Store.LoadAsync(key, cancellationToken);
            }
            catch (StateException error)
            {
                environment.Error.WriteLine($"error: stack {stack.Path}: {error.Message}");
                return null;
            }

            if (current?.Serial != previewed.Prior?.Serial)
            {
                environment.Error.WriteLine(
                    $"error: stack {stack.Path}: the state changed since the preview (serial {previewed.Prior?.Serial ?? 0}, now {current?.Serial ?? 0}): "
                    + "someone else applied meanwhile. Nothing was changed; run again to see the new preview.");
                return null;
            }

            environment.Error.WriteLine($"{verb} {stack.Path} on {session.ClusterName}:");
            var result = await change(current, stateLock);
            environment.Out.WriteLine($"{stack.Path}: {result.Summary}");
            var planned = new PlannedResources(previewed.Preview.Changes);
            foreach (var outcome in result.Resources.Where(r => r.Kind is OutcomeKind.Failed or OutcomeKind.TimedOut))
            {
                environment.Out.WriteLine($"  {(outcome.Kind == OutcomeKind.Failed ? "failed" : "timed out")}: {planned.NameOf(outcome.Id, outcome.Reference)}: {outcome.Message}");
            }

            environment.Out.Flush();
            return result;
        }
    }

    /// <summary>The exit code of a run over several stacks.</summary>
    public static int ExitCode(IReadOnlyList<ApplyResult?> results) =>
        results.Any(r => r?.Cancelled == true) ? ExitCodes.Cancelled
        : results.All(r => r?.Succeeded == true) ? ExitCodes.Success
        : ExitCodes.Failure;
}
