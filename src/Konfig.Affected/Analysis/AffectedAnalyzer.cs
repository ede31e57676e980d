using Konfig.Affected.Git;
using Konfig.Affected.Graph;

namespace Konfig.Affected.Analysis;

/// <summary>
/// From changed files to affected stacks. New paths are read on the head's graph (what will be
/// compiled). Paths that are gone at head (deleted, or the old side of a rename) are read on the base's
/// graph, so they still find the stacks that used them. A modified file needs no base reading: what
/// depends on it is decided by other files, and any of those that changed is in the change itself.
/// A global trigger, or a caller that is unsure, affects every stack.
/// </summary>
public static class AffectedAnalyzer
{
    public static AffectedResult Analyze(
        IReadOnlyList<GitChange> changes,
        Func<DependencyGraph> baseGraph,
        DependencyGraph headGraph,
        GlobalTriggers triggers,
        string? unsureReason = null)
    {
        var everything = unsureReason ?? changes.SelectMany(c => c.Paths).Select(triggers.Match).FirstOrDefault(r => r is not null);
        if (everything is not null)
        {
            var all = headGraph.Stacks
                .Select(s => new AffectedStack(s.Path, s.ProjectPath, Deleted: false, [new ReasonStep("everything", "", everything), new ReasonStep("stack", s.Path, "affected stack")]))
                .ToList();
            return new AffectedResult(changes, everything, all, headGraph.Stacks.Count);
        }

        var headFound = new Dictionary<string, List<ReasonStep>>(StringComparer.Ordinal);
        new StackReachability(headGraph).Reach(
            changes.Where(c => c.Kind != GitChangeKind.Deleted).Select(c => (c.Path, Describe(c, newSide: true))),
            headFound);

        var baseFound = new Dictionary<string, List<ReasonStep>>(StringComparer.Ordinal);
        var gone = changes.Where(c => c.Kind == GitChangeKind.Deleted || (c.Kind == GitChangeKind.Renamed && c.OldPath is not null)).ToList();
        var oldGraph = gone.Count > 0 ? baseGraph() : null;
        if (oldGraph is not null)
        {
            new StackReachability(oldGraph).Reach(gone.Select(c => (c.OldPath ?? c.Path, Describe(c, newSide: false))), baseFound);
        }

        var stacks = new List<AffectedStack>();
        foreach (var (path, reason) in headFound)
        {
            stacks.Add(new AffectedStack(path, headGraph.StackAt(path)!.ProjectPath, Deleted: false, reason));
        }

        foreach (var (path, reason) in baseFound)
        {
            if (!headFound.ContainsKey(path))
            {
                var atHead = headGraph.StackAt(path);
                stacks.Add(new AffectedStack(path, (atHead ?? oldGraph!.StackAt(path)!).ProjectPath, Deleted: atHead is null, reason));
            }
        }

        stacks.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new AffectedResult(changes, null, stacks, headGraph.Stacks.Count);
    }

    private static string Describe(GitChange change, bool newSide) => change.Kind switch
    {
        GitChangeKind.Renamed => newSide ? $"renamed from {change.OldPath}" : $"renamed to {change.Path}",
        GitChangeKind.Copied => newSide ? $"copied from {change.OldPath}" : "copied",
        GitChangeKind.TypeChanged => "type changed",
        _ => change.Kind.ToString().ToLowerInvariant(),
    };
}
