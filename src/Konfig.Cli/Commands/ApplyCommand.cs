using System.CommandLine;
using Konfig.Engine.Apply;
using Konfig.Engine.Output;
using Konfig.Engine.Runs;

namespace Konfig.Cli.Commands;

/// <summary>
/// <c>konfig apply [STACK_DIR…] [--all | --affected …] [--yes] [--watch [--timeout 5m]] …</c>: previews the stacks
/// (a summary per stack: what changes, not how; the field diff is preview's), asks for confirmation on a terminal
/// (refuses without one unless --yes), then applies each
/// stack under its state lock with live progress. Exit 0 when all went well, 1 when a stack could not be
/// previewed or a resource failed or timed out, 2 when nothing could run, 130 on Ctrl-C.
/// </summary>
internal sealed class ApplyCommand
{
    private readonly EngineOptions _options = new();

    public static Command Create(CliEnvironment environment)
    {
        var definition = new ApplyCommand();
        return EngineRun.CreateCommand("apply", "Preview stacks, then apply them to the cluster (server-side apply) after confirmation.", definition._options, EngineVerb.Apply, environment, definition.ExecuteAsync);
    }

    private async Task<int> ExecuteAsync(StackRunSession session, ParseResult parseResult, CliEnvironment environment, CancellationToken cancellationToken)
    {
        if (session.Stacks.Count == 0)
        {
            return ExitCodes.Success;
        }

        var run = await PreviewRun.PreviewAsync(session, EngineSession.PreviewOptionsOf(_options, parseResult), cancellationToken);
        EngineSession.PrintProblems(run, environment);
        var previews = run.Previews;
        environment.Out.Write(string.Join("\n", previews.Select(p => PreviewSummary.Render(p.Preview))));
        environment.Out.Flush();
        var unpreviewable = run.Unpreviewable;
        if (unpreviewable > 0)
        {
            environment.Error.WriteLine($"error: nothing was applied: {unpreviewable} stack(s) could not be previewed (see above)");
            return ExitCodes.Failure;
        }

        var changing = previews.Where(p => p.Preview.HasChanges).ToList();
        if (changing.Count == 0)
        {
            environment.Out.WriteLine("No changes: the cluster already matches.");
            environment.Out.Flush();
            return ExitCodes.Success;
        }

        var yes = parseResult.GetValue(_options.Yes);
        if (!yes)
        {
            // Whoever is asked may want the detail the summary leaves out.
            environment.Out.WriteLine("To see these changes field by field, run konfig preview with the same arguments.");
        }

        switch (Confirmation.Ask(environment, $"Apply these changes to {session.ClusterName}?", yes))
        {
            case ConfirmationAnswer.NoTerminal:
                return ExitCodes.WorkspaceError;
            case ConfirmationAnswer.No:
                environment.Error.WriteLine("Apply cancelled; nothing was changed.");
                return ExitCodes.Failure;
        }

        var applyOptions = new StackApplyOptions
        {
            Parallelism = parseResult.GetValue(_options.Parallelism),
            ForceConflicts = parseResult.GetValue(_options.ForceConflicts),
            Watch = parseResult.GetValue(_options.Watch),
            Timeout = _options.TimeoutOf(parseResult),
        };
        var printer = new StackRunPrinter(environment, cancellationToken);
        return await printer.RunAllAsync(changing, previewed => ApplyRun.RunAsync(session, previewed, applyOptions, printer, cancellationToken));
    }
}
