using Konfig.Engine.Apply;
using Konfig.Engine.Runs;

namespace Konfig.Cli.Commands;

/// <summary>
/// Shows the engine's locked runs (<see cref="ApplyRun"/>, <see cref="DestroyRun"/>): as a stack's change starts,
/// a note for a broken stale lock, "Applying STACK on CLUSTER:" and the progress display around the change; once it
/// ended, its summary and what failed, or why it could not start.
/// </summary>
internal sealed class StackRunPrinter(CliEnvironment environment, CancellationToken stopping) : IStackRunObserver
{
    public async Task<ApplyResult> RunChangeAsync(StackRunStart start, Func<IProgress<ApplyEvent>?, Task<ApplyResult>> change)
    {
        var stack = start.Previewed.Stack;
        PrintBrokenLock(start.BrokenStaleLock, stack.Path);
        environment.Error.WriteLine($"{(start.Change == StackChange.Apply ? "Applying" : "Destroying")} {stack.Path} on {start.ClusterName}:");
        var display = IProgressDisplay.For(environment, new PlannedResources(start.Previewed.Preview.Changes), stopping);
        return await display.RunAsync(() => change(display));
    }

    /// <summary>The stack's summary and failed resources, or why it did not run.</summary>
    public void Print(StackRunResult run)
    {
        if (run.Error is { } error)
        {
            if (error.Kind != StackRunErrorKind.Locked)
            {
                // Taken and broken before the run stopped: said as it would have been before the change.
                PrintBrokenLock(run.BrokenStaleLock, run.Stack.Path);
            }

            EngineSession.PrintError(error, environment);
            return;
        }

        var result = run.Result!;
        environment.Out.WriteLine($"{run.Stack.Path}: {result.Summary}");
        var planned = new PlannedResources(run.Previewed.Preview.Changes);
        foreach (var outcome in result.Resources.Where(r => r.Kind is OutcomeKind.Failed or OutcomeKind.TimedOut))
        {
            environment.Out.WriteLine($"  {(outcome.Kind == OutcomeKind.Failed ? "failed" : "timed out")}: {planned.NameOf(outcome.Id, outcome.Reference)}: {outcome.Message}");
        }

        environment.Out.Flush();
    }

    private void PrintBrokenLock(Konfig.Engine.State.BrokenStaleLock? broken, string stack)
    {
        if (broken is not null)
        {
            environment.Error.WriteLine($"note: stack {stack}: {broken.Message}");
        }
    }

    /// <summary>Runs the stacks one after another, printing each as it ends, until cancelled; gives the exit code.</summary>
    public async Task<int> RunAllAsync(IEnumerable<StackPreview> previews, Func<StackPreview, Task<StackRunResult>> run)
    {
        var results = new List<StackRunResult>();
        foreach (var previewed in previews)
        {
            if (stopping.IsCancellationRequested)
            {
                break;
            }

            var result = await run(previewed);
            Print(result);
            results.Add(result);
        }

        return stopping.IsCancellationRequested ? ExitCodes.Cancelled : ExitCode(results);
    }

    /// <summary>The exit code of a run over several stacks.</summary>
    private static int ExitCode(IReadOnlyList<StackRunResult> results) =>
        results.Any(r => r.Result?.Cancelled == true) ? ExitCodes.Cancelled
        : results.All(r => r.Succeeded) ? ExitCodes.Success
        : ExitCodes.Failure;
}
