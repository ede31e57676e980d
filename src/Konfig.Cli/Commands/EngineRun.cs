using System.CommandLine;
using Konfig.Engine.Runs;
using Konfig.Engine.State;
using Konfig.Kubernetes;

namespace Konfig.Cli.Commands;

/// <summary>
/// Builds the engine commands, and runs their asynchronous body from System.CommandLine's synchronous action: on the thread
/// pool (no synchronization context to deadlock on), with Ctrl-C handled (<see cref="Interruption"/>), and
/// the failures no resource owns (a state problem, an unreachable cluster) printed as errors, not thrown.
/// </summary>
internal static class EngineRun
{
    /// <summary>
    /// An engine command: its options for <paramref name="verb"/>, and an action that opens the session
    /// (workspace, stacks, kubeconfig, state store; exit 2 when that fails) and runs <paramref name="execute"/>.
    /// </summary>
    public static Command CreateCommand(
        string name,
        string description,
        EngineOptions options,
        EngineVerb verb,
        CliEnvironment environment,
        Func<StackRunSession, ParseResult, CliEnvironment, CancellationToken, Task<int>> execute)
    {
        var command = new Command(name, description);
        options.AddTo(command, verb);
        command.SetAction(parseResult => Synchronously(environment, async token =>
        {
            using var session = EngineSession.Open(options, parseResult, environment);
            return session is null ? ExitCodes.WorkspaceError : await execute(session, parseResult, environment, token);
        }));
        return command;
    }

    public static int Synchronously(CliEnvironment environment, Func<CancellationToken, Task<int>> body)
    {
        using var interruption = new Interruption(environment);
        try
        {
            return Task.Run(() => body(interruption.Token)).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (interruption.Token.IsCancellationRequested)
        {
            environment.Out.Flush();
            environment.Error.WriteLine("cancelled");
            return ExitCodes.Cancelled;
        }
        catch (StateException error)
        {
            environment.Out.Flush();
            environment.Error.WriteLine($"error: {error.Message}");
            return ExitCodes.Failure;
        }
        catch (Exception error) when (error is KubernetesApiException or HttpRequestException)
        {
            environment.Out.Flush();
            environment.Error.WriteLine($"error: the cluster could not be reached or refused a request: {error.Message}");
            return ExitCodes.Failure;
        }
    }
}
