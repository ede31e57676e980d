using Konfig.Engine.Apply;

namespace Konfig.Cli.Commands;

/// <summary>
/// Shows an apply or destroy as it goes: receives its events (in order, from parallel tasks) for the length of
/// <see cref="RunAsync{T}"/>. Plain lines without a terminal (logs, tests), a table redrawn in place on one.
/// </summary>
internal interface IProgressDisplay : IProgress<ApplyEvent>
{
    /// <summary>Runs the change with the display shown; a live display leaves its final table on screen.</summary>
    Task<T> RunAsync<T>(Func<Task<T>> run);

    /// <summary>The one place that chooses: live only when standard error is a terminal that can redraw.</summary>
    static IProgressDisplay For(CliEnvironment environment, PlannedResources planned, CancellationToken stopping) =>
        environment.ErrorIsTerminal()
            ? new LiveProgressDisplay(LiveProgressDisplay.ConsoleOn(environment.Error), planned, stopping)
            : new ProgressPrinter(environment.Error, planned);
}
