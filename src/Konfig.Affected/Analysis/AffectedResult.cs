using Konfig.Affected.Git;

namespace Konfig.Affected.Analysis;

/// <summary>One step of a reason chain: a file, package or stack, and how it relates to the step before.</summary>
public sealed record ReasonStep(string Kind, string Path, string Relation);

/// <summary>
/// A stack a change affects, with a reason chain for each changed file that reaches it (for each file the
/// shortest chain; the shortest of all first, then by the order of the changed files).
/// </summary>
public sealed record AffectedStack(string Path, string? ProjectPath, bool Deleted, IReadOnlyList<IReadOnlyList<ReasonStep>> Reasons)
{
    /// <summary>The first (shortest) chain.</summary>
    public IReadOnlyList<ReasonStep> Reason => Reasons.Count > 0 ? Reasons[0] : [];

    /// <summary>The first reason in one line: "base/a.k → base → apps/x/dev/main.k → apps/x/dev" (a path said once).</summary>
    public string ReasonText => string.Join(" → ", Reason.Select(s => s.Path.Length == 0 ? "." : s.Path).Distinct());
}

/// <summary>
/// The answer of change detection: the changed files, the affected stacks (every stack when
/// <see cref="EverythingReason"/> is set, which says why nothing narrower can be trusted).
/// </summary>
public sealed record AffectedResult(
    IReadOnlyList<GitChange> Changes,
    string? EverythingReason,
    IReadOnlyList<AffectedStack> Stacks,
    int TotalStacks);
