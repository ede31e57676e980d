using System.CommandLine;
using Konfig.Engine.Runs;
using Konfig.Engine.State;
using Konfig.Workspace.Discovery;

namespace Konfig.Cli.Commands;

/// <summary>
/// <c>konfig state unlock STACK_DIR</c> breaks a stack's stale lock (a killed run leaves one behind), saying whose
/// it was; <c>konfig state show STACK_DIR</c> prints the stack's state as JSON. Both take the cluster and
/// state options of apply (the state is per cluster: the kubeconfig context).
/// </summary>
internal static class StateCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var state = new Command("state", "Inspect a stack's state, or break its stale lock.");
        state.Subcommands.Add(CreateSubcommand(environment, "unlock", "Break the lock of a stack's state (when the run that took it is over).", UnlockAsync));
        state.Subcommands.Add(CreateSubcommand(environment, "show", "Print a stack's state (what konfig last applied) as JSON.", ShowAsync));
        return state;
    }

    private static Command CreateSubcommand(
        CliEnvironment environment,
        string name,
        string description,
        Func<StackRunSession, Stack, CliEnvironment, CancellationToken, Task<int>> action)
    {
        var options = new EngineOptions();
        var stackDir = new Argument<string>("stack-dir") { Description = "The stack's folder." };
        var command = new Command(name, description) { stackDir };
        options.AddTo(command, EngineVerb.State);
        command.SetAction(parseResult => EngineRun.Synchronously(environment, async token =>
        {
            var path = parseResult.GetValue(stackDir)!;
            var workspace = options.Workspace.Load(parseResult, environment, [path]);
            var stacks = workspace is null ? null : WorkspaceCommandContext.Select(workspace, environment, [path], all: false);
            if (stacks is null)
            {
                return ExitCodes.WorkspaceError;
            }

            if (stacks.Count != 1)
            {
                environment.Error.WriteLine($"error: '{path}' holds {stacks.Count} stacks; name one stack folder");
                return ExitCodes.WorkspaceError;
            }

            using var session = EngineSession.Connect(options, parseResult, environment, workspace!, stacks);
            return session is null ? ExitCodes.WorkspaceError : await action(session, stacks[0], environment, token);
        }));
        return command;
    }

    private static async Task<int> UnlockAsync(StackRunSession session, Stack stack, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var unlocked = await UnlockRun.RunAsync(session, stack, cancellationToken);
        environment.Out.WriteLine(unlocked.WasLocked
            ? $"Broke the lock on the state of {unlocked.Key}, held by {unlocked.Holder ?? "an unknown holder"}."
            : $"The state of {unlocked.Key} was not locked.");
        return ExitCodes.Success;
    }

    private static async Task<int> ShowAsync(StackRunSession session, Stack stack, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var key = session.KeyOf(stack);
        var state = await session.Store.LoadAsync(key, cancellationToken);
        if (state is null)
        {
            environment.Error.WriteLine($"no state for {key} in {session.Store.Description}");
            return ExitCodes.Failure;
        }

        environment.Out.Write(StateSerializer.Serialize(state));
        environment.Out.Flush();
        return ExitCodes.Success;
    }
}
