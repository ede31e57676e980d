using Konfig.Workspace;
using Konfig.Workspace.Discovery;

namespace Konfig.Affected.Selection;

/// <summary>Why an affected stack was not selected.</summary>
public enum SkipReason
{
    /// <summary>The change deleted it.</summary>
    Deleted,

    /// <summary>It is not a stack of the workspace acted on (another workspace of the repository).</summary>
    OutsideWorkspace,
}

/// <summary>An affected stack left out, by its repository path.</summary>
public sealed record SkippedStack(string Path, SkipReason Reason);

/// <summary>
/// The stacks of a workspace a change affects, in workspace order. <see cref="EverythingReason"/> is set when the
/// change affects every stack (then all are selected); <see cref="Skipped"/> lists, in the report's order, the
/// affected stacks left out. An empty <see cref="Stacks"/> means nothing is affected.
/// </summary>
public sealed record AffectedStackSelection(
    IReadOnlyList<Stack> Stacks,
    string? EverythingReason,
    IReadOnlyList<SkippedStack> Skipped,
    ChangeDetectionReport Report);

/// <summary>
/// Chooses the stacks to act on from change detection: exactly the affected stacks (as <see cref="ChangeDetector"/>
/// reports them) that still exist at head and belong to the workspace.
/// </summary>
public static class AffectedStackSelector
{
    /// <summary>Runs change detection for <paramref name="request"/> (repository, base, head, working tree) and selects; the error when the change cannot be read.</summary>
    public static (AffectedStackSelection? Selection, ChangeDetectionError? Error) Select(KonfigWorkspace workspace, ChangeDetectionRequest request)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(request);
        var (report, error) = ChangeDetector.Detect(request);
        return report is null ? (null, error) : (Select(workspace, report), null);
    }

    /// <summary>Selects from a report already made.</summary>
    public static AffectedStackSelection Select(KonfigWorkspace workspace, ChangeDetectionReport report)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(report);
        if (report.Result.EverythingReason is { } reason)
        {
            return new AffectedStackSelection(workspace.Stacks, reason, [], report);
        }

        var byDirectory = workspace.Stacks.ToDictionary(stack => Normalize(stack.Directory), StringComparer.Ordinal);
        var selected = new HashSet<Stack>();
        var skipped = new List<SkippedStack>();
        foreach (var affected in report.Result.Stacks)
        {
            if (affected.Deleted)
            {
                skipped.Add(new SkippedStack(affected.Path, SkipReason.Deleted));
            }
            else if (byDirectory.TryGetValue(Normalize(Path.Combine(report.RepositoryRoot, affected.Path)), out var stack))
            {
                selected.Add(stack);
            }
            else
            {
                skipped.Add(new SkippedStack(affected.Path, SkipReason.OutsideWorkspace));
            }
        }

        return new AffectedStackSelection([.. workspace.Stacks.Where(selected.Contains)], null, skipped, report);
    }

    private static string Normalize(string directory) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
}
