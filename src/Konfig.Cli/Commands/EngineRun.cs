using Konfig.Engine.State;
using Konfig.Kubernetes;

namespace Konfig.Cli.Commands;

/// <summary>
/// Runs an engine command's asynchronous body from System.CommandLine's synchronous action: on the thread
/// pool (no synchronization context to deadlock on), with Ctrl-C handled (<see cref="Interruption"/>), and
/// the failures no resource owns (a state problem, an unreachable cluster) printed as errors, not thrown.
/// </summary>
internal static class EngineRun
{
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
