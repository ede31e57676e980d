using Konfig.Engine.Apply;

namespace Konfig.Cli.Commands;

/// <summary>
/// Shows an apply or destroy as it goes, one plain line per step on standard error ("  created v1/Namespace x",
/// "  waiting apps/v1/Deployment x/y: 1/3 replicas ready", "  ready apps/v1/Deployment x/y", "  FAILED …: reason").
/// Reports arrive from parallel tasks, so lines are written whole under a lock, as they happen (not posted to a
/// thread pool as <see cref="Progress{T}"/> would, which could reorder them).
/// </summary>
internal sealed class ProgressPrinter(TextWriter writer, PlannedResources planned) : IProgressDisplay
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _lastReadiness = new(StringComparer.Ordinal);

    public Task<T> RunAsync<T>(Func<Task<T>> run) => run();

    public void Report(ApplyEvent value)
    {
        var name = planned.NameOf(value.Id, value.Reference);
        var line = value.Kind switch
        {
            ApplyEventKind.Applied when value.Message == "unchanged" => $"  unchanged {name}",
            ApplyEventKind.Applied => $"  {planned.AppliedVerb(value.Id)} {name}",
            ApplyEventKind.Deleted => $"  deleted {name}",
            ApplyEventKind.Failed => $"  FAILED {name}: {value.Message}",
            ApplyEventKind.Skipped => $"  skipped {name}: {TrimPrefix(value.Message, "skipped: ")}",
            ApplyEventKind.ReadinessUpdate => $"  waiting {name}: {value.Message}",
            ApplyEventKind.Ready => $"  ready {name}",
            ApplyEventKind.TimedOut => $"  TIMED OUT {name}: {value.Message}",
            _ => null,
        };
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            // Readiness is re-read on a timer: the same message twice says nothing new.
            if (value.Kind == ApplyEventKind.ReadinessUpdate)
            {
                if (_lastReadiness.TryGetValue(value.Id, out var last) && last == value.Message)
                {
                    return;
                }

                _lastReadiness[value.Id] = value.Message ?? "";
            }

            writer.WriteLine(line);
            writer.Flush();
        }
    }

    private static string? TrimPrefix(string? text, string prefix) =>
        text is not null && text.StartsWith(prefix, StringComparison.Ordinal) ? text[prefix.Length..] : text;
}
