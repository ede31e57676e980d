using System.Diagnostics;
using Konfig.Engine.Apply;
using Konfig.Engine.Planning;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Konfig.Cli.Commands;

/// <summary>
/// Progress on a terminal: a table redrawn in place, one row per resource (its name, state, latest message, elapsed
/// time), left on screen when the run ends. Events only update the rows, under a lock and in the order they
/// arrive; a loop redraws a few times a second, so parallel tasks never wait on the terminal and the clocks tick.
/// </summary>
internal sealed class LiveProgressDisplay : IProgressDisplay
{
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(150);

    private readonly IAnsiConsole _console;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Row> _rows = new(StringComparer.Ordinal);
    private readonly PlannedResources _planned;
    private readonly CancellationToken _stopping;

    /// <param name="stopping">Ctrl-C: its own message would be drawn over, so the table says it in its caption.</param>
    public LiveProgressDisplay(IAnsiConsole console, PlannedResources planned, CancellationToken stopping)
    {
        _console = console;
        _planned = planned;
        _stopping = stopping;
        foreach (var id in planned.Order)
        {
            _rows[id] = new Row(planned.NameOf(id, null), planned.ActionOf(id) == ChangeAction.UnChanged ? "unchanged" : "pending");
        }
    }

    /// <summary>A console on <paramref name="writer"/> (standard error), already known to be a terminal that can redraw.</summary>
    public static IAnsiConsole ConsoleOn(TextWriter writer) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(writer),
        Ansi = AnsiSupport.Yes,
        Interactive = InteractionSupport.Yes,
        ColorSystem = ColorSystemSupport.Detect,
    });

    public async Task<T> RunAsync<T>(Func<Task<T>> run)
    {
        T result = default!;
        // Cleared at the end and printed whole once more: while live, a table taller than the terminal is cropped.
        await _console.Live(Render()).AutoClear(true).Overflow(VerticalOverflow.Ellipsis).Cropping(VerticalOverflowCropping.Top)
            .StartAsync(async context =>
            {
                var running = Task.Run(run);
                while (!running.IsCompleted)
                {
                    await Task.WhenAny(running, Task.Delay(RedrawInterval));
                    context.UpdateTarget(Render());
                    context.Refresh();
                }

                result = await running;
            });
        StopClocks();
        _console.Write(Render());
        return result;
    }

    public void Report(ApplyEvent value)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            if (!_rows.TryGetValue(value.Id, out var row))
            {
                row = _rows[value.Id] = new Row(_planned.NameOf(value.Id, value.Reference), "pending");
            }

            switch (value.Kind)
            {
                case ApplyEventKind.ResourceStarted:
                    row.Start(now, value.Message ?? "applying");
                    break;
                case ApplyEventKind.Applied:
                    row.Finish(now, value.Message == "unchanged" ? "unchanged" : _planned.AppliedVerb(value.Id), message: null);
                    break;
                case ApplyEventKind.ReadinessUpdate:
                    // Watching continues the resource's clock: its time is the apply plus the wait.
                    row.Resume("waiting", value.Message);
                    break;
                case ApplyEventKind.Ready:
                    row.Finish(now, "ready", value.Message);
                    break;
                case ApplyEventKind.Deleted:
                    row.Finish(now, "deleted", message: null);
                    break;
                case ApplyEventKind.Failed:
                    row.Finish(now, "FAILED", value.Message);
                    break;
                case ApplyEventKind.TimedOut:
                    row.Finish(now, "TIMED OUT", value.Message);
                    break;
                case ApplyEventKind.Skipped:
                    row.Finish(now, "skipped", TrimPrefix(value.Message, "skipped: "));
                    break;
            }
        }
    }

    /// <summary>After a stopped run: what was still being awaited was not seen through.</summary>
    private void StopClocks()
    {
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            foreach (var row in _rows.Values.Where(r => r.State is "applying" or "deleting" or "waiting"))
            {
                row.Finish(now, "stopped", row.Message);
            }
        }
    }

    private IRenderable Render()
    {
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("resource")
            .AddColumn("state")
            .AddColumn("message")
            .AddColumn(new TableColumn("elapsed").RightAligned());
        if (_stopping.IsCancellationRequested)
        {
            table.Caption("stopping after the resources in flight (Ctrl-C again aborts)", new Style(Color.Yellow));
        }

        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            foreach (var row in _rows.Values)
            {
                table.AddRow(
                    new Text(row.Name),
                    new Text(row.State, StyleOf(row.State)),
                    new Text(row.Message ?? ""),
                    new Text(row.Elapsed(now) is { } elapsed ? $"{elapsed.TotalSeconds:0.0}s" : ""));
            }
        }

        return table;
    }

    private static Style StyleOf(string state) => state switch
    {
        "FAILED" or "TIMED OUT" or "stopped" => new Style(Color.Red, decoration: Decoration.Bold),
        "skipped" => new Style(Color.Yellow),
        "waiting" or "applying" or "deleting" => new Style(Color.Aqua),
        "pending" or "unchanged" => new Style(Color.Grey),
        _ => new Style(Color.Green),
    };

    private static string? TrimPrefix(string? text, string prefix) =>
        text is not null && text.StartsWith(prefix, StringComparison.Ordinal) ? text[prefix.Length..] : text;

    /// <summary>One resource's line; changed only under the display's lock.</summary>
    private sealed class Row(string name, string state)
    {
        public string Name { get; } = name;

        private long? _started;
        private long? _finished;

        public string State { get; private set; } = state;

        public string? Message { get; private set; }

        public void Start(long now, string state)
        {
            _started = now;
            _finished = null;
            State = state;
            Message = null;
        }

        public void Resume(string state, string? message)
        {
            _finished = null;
            State = state;
            Message = message;
        }

        public void Finish(long now, string state, string? message)
        {
            _finished = now;
            State = state;
            Message = message;
        }

        public TimeSpan? Elapsed(long now) => _started is { } started ? Stopwatch.GetElapsedTime(started, _finished ?? now) : null;
    }
}
