using System.CommandLine;
using Konfig.Engine.Apply;
using Konfig.Engine.Output;
using Konfig.Engine.Runs;

namespace Konfig.Cli.Commands;

/// <summary>
/// <c>konfig destroy [STACK_DIR…] [--all | --affected …] [--yes] [--watch [--timeout 5m]] …</c>: deletes everything
/// the stacks' states hold (the spec is not compiled: a stack that no longer compiles can still be destroyed),
/// dependents first, after showing a summary of it and asking, like apply; the state is removed once empty.
/// </summary>
internal sealed class DestroyCommand
{
    private readonly EngineOptions _options = new();

    public static Command Create(CliEnvironment environment)
    {
        var definition = new DestroyCommand();
        return EngineRun.CreateCommand("destroy", "Delete from the cluster everything konfig applied for stacks (as their state records), after confirmation.", definition._options, EngineVerb.Destroy, environment, definition.ExecuteAsync);
    }

    private async Task<int> ExecuteAsync(StackRunSession session, ParseResult parseResult, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var run = await PreviewRun.PreviewDestroyAsync(session, EngineSession.PreviewOptionsOf(_options, parseResult), cancellationToken);
        foreach (var stack in session.Stacks)
        {
            // Said in stack order, as each stack's state is read.
            if (run.Errors.FirstOrDefault(e => e.Stack == stack) is { } error)
            {
                EngineSession.PrintError(error, environment);
            }
            else if (run.NothingToDestroy.Contains(stack))
            {
                environment.Error.WriteLine($"stack {stack.Path}: nothing to destroy on {session.ClusterName} (no state in {session.Store.Description})");
            }
        }

        var previews = run.Previews;
        var failures = run.Errors.Count;
        environment.Out.Write(string.Join("\n", previews.Select(p => PreviewSummary.Render(p.Preview))));
        environment.Out.Flush();
        if (failures > 0)
        {
            environment.Error.WriteLine($"error: nothing was destroyed: the state of {failures} stack(s) could not be read (see above)");
            return ExitCodes.Failure;
        }

        if (previews.Count == 0)
        {
            environment.Out.WriteLine("Nothing to destroy.");
            environment.Out.Flush();
            return ExitCodes.Success;
        }

        switch (Confirmation.Ask(environment, $"Destroy these resources on {session.ClusterName}?", parseResult.GetValue(_options.Yes)))
        {
            case ConfirmationAnswer.NoTerminal:
                return ExitCodes.WorkspaceError;
            case ConfirmationAnswer.No:
                environment.Error.WriteLine("Destroy cancelled; nothing was deleted.");
                return ExitCodes.Failure;
        }

        var options = new StackApplyOptions
        {
            Parallelism = parseResult.GetValue(_options.Parallelism),
            Watch = parseResult.GetValue(_options.Watch),
            Timeout = _options.TimeoutOf(parseResult),
        };
        var printer = new StackRunPrinter(environment, cancellationToken);
        return await printer.RunAllAsync(previews, previewed => DestroyRun.RunAsync(session, previewed, options, printer, cancellationToken));
    }
}
