namespace Konfig.Cli.Commands;

/// <summary>
/// Ctrl-C for a run that changes a cluster: the first press asks the run to stop after the resources in
/// flight (so the state stays consistent with the cluster); a second press ends the process at once.
/// Also cancelled by <see cref="CliEnvironment.Cancellation"/>.
/// </summary>
internal sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly CliEnvironment _environment;
    private int _presses;

    public Interruption(CliEnvironment environment)
    {
        _environment = environment;
        _source = CancellationTokenSource.CreateLinkedTokenSource(environment.Cancellation);
        Console.CancelKeyPress += OnCancelKeyPress;
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _source.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        if (Interlocked.Increment(ref _presses) > 1)
        {
            // The second press: let the runtime end the process.
            return;
        }

        e.Cancel = true;
        _environment.Error.WriteLine("stopping after the resources in flight… press Ctrl-C again to abort");
        _source.Cancel();
    }
}
