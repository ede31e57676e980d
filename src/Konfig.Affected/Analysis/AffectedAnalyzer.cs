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
                .Select(s => new AffectedStack(s.Path, s.ProjectPath, Deleted: false, [[new ReasonStep("everything", "", everything), new ReasonStep("stack", s.Path, "affected stack")]]))
                .ToList();
            return new AffectedResult(changes, everything, all, headGraph.Stacks.Count);
        }

        // Each changed file is followed on its own, so a stack learns every file that reaches it. Files with the same
        // first steps (the files of one package) share one walk: the cost is a walk per distinct start, plus a chain
        // per file and stack reached, which is what the reasons are.
        var reasons = new Dictionary<string, List<(int Change, IReadOnlyList<ReasonStep> Chain)>>(StringComparer.Ordinal);
        var head = new StackReachability(headGraph);
        for (var i = 0; i < changes.Count; i++)
        {
            if (changes[i].Kind != GitChangeKind.Deleted)
            {
                Collect(head, i, changes[i].Path, Describe(changes[i], newSide: true), reasons, seenAtHead: false);
            }
        }

        var gone = Enumerable.Range(0, changes.Count)
            .Where(i => changes[i].Kind == GitChangeKind.Deleted || (changes[i].Kind == GitChangeKind.Renamed && changes[i].OldPath is not null))
            .ToList();
        var oldGraph = gone.Count > 0 ? baseGraph() : null;
        if (oldGraph is not null)
        {
            var old = new StackReachability(oldGraph);
            foreach (var i in gone)
            {
                Collect(old, i, changes[i].OldPath ?? changes[i].Path, Describe(changes[i], newSide: false), reasons, seenAtHead: changes[i].Kind == GitChangeKind.Renamed);
            }
        }

        var stacks = new List<AffectedStack>();
        foreach (var (path, byChange) in reasons)
        {
            // Shortest first; among equals, the order of the changed files.
            var chains = byChange.OrderBy(r => r.Chain.Count).ThenBy(r => r.Change).Select(r => r.Chain).ToList();
            var atHead = headGraph.StackAt(path);
            stacks.Add(new AffectedStack(path, (atHead ?? oldGraph!.StackAt(path)!).ProjectPath, Deleted: atHead is null, chains));
        }

        stacks.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new AffectedResult(changes, null, stacks, headGraph.Stacks.Count);
    }

    /// <summary>
    /// Adds the chains from one changed path to the stacks it reaches. <paramref name="seenAtHead"/>: the change
    /// (a rename) may already have a chain to a stack from its new side, read at head, which it keeps.
    /// </summary>
    private static void Collect(
        StackReachability reachability, int change, string path, string description, Dictionary<string, List<(int Change, IReadOnlyList<ReasonStep> Chain)>> reasons, bool seenAtHead)
    {
        foreach (var (stack, chain) in reachability.ReachFrom(path, description))
        {
            if (!reasons.TryGetValue(stack, out var chains))
            {
                chains = [];
                reasons[stack] = chains;
            }

            if (!seenAtHead || !chains.Exists(r => r.Change == change))
            {
                chains.Add((change, chain));
            }
        }
    }

    private static string Describe(GitChange change, bool newSide) => change.Kind switch
    {
        GitChangeKind.Renamed => newSide ? $"renamed from {change.OldPath}" : $"renamed to {change.Path}",
        GitChangeKind.Copied => newSide ? $"copied from {change.OldPath}" : "copied",
        GitChangeKind.TypeChanged => "type changed",
        _ => change.Kind.ToString().ToLowerInvariant(),
    };
}
