using System.CommandLine;
using Konfig.Engine.Apply;
using Konfig.Engine.Output;
using Konfig.Engine.Planning;

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

    private async Task<int> ExecuteAsync(EngineSession session, ParseResult parseResult, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var planner = new PreviewPlanner(session.Client, EngineSession.PreviewOptionsOf(_options, parseResult));
        var previews = new List<StackPreview>();
        var failures = 0;
        foreach (var stack in session.Stacks)
        {
            var (loaded, prior) = await session.LoadStateAsync(stack, environment, cancellationToken);
            if (!loaded)
            {
                failures++;
            }
            else if (prior is null || prior.Resources.Count == 0)
            {
                environment.Error.WriteLine($"stack {stack.Path}: nothing to destroy on {session.ClusterName} (no state in {session.Store.Description})");
            }
            else
            {
                // Nothing desired: the preview of the state's resources is their deletion, with what is already gone noted.
                var preview = await planner.PreviewAsync(stack.Path, [], prior, cancellationToken);
                previews.Add(new StackPreview(stack, [], prior, preview with { StateKey = session.KeyOf(stack) }));
            }
        }

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
        var results = new List<ApplyResult?>();
        foreach (var previewed in previews)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            var destroyer = new StackDestroyer(session.Client, options with { Tenant = previewed.Stack.Project.Tenant });
            var planned = new PlannedResources(previewed.Preview.Changes);
            results.Add(await LockedStackRun.RunAsync(
                session,
                previewed,
                environment,
                "Destroying",
                (prior, stateLock) =>
                {
                    var display = IProgressDisplay.For(environment, planned, cancellationToken);
                    return display.RunAsync(() => destroyer.DestroyAsync(prior, stateLock, display, cancellationToken));
                },
                cancellationToken));
        }

        return cancellationToken.IsCancellationRequested ? ExitCodes.Cancelled : LockedStackRun.ExitCode(results);
    }
}
