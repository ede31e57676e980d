using Konfig.Affected.Analysis;

namespace Konfig.Affected.Output;

/// <summary>
/// The terminal form of a report: what was compared, the changed files, the affected stacks with a one-line
/// reason (the shortest) and how many more changed files reach the stack.
/// </summary>
public static class AffectedText
{
    public static void Write(TextWriter writer, ChangeDetectionReport report)
    {
        var head = $"{report.Head.Revision} ({Short(report.Head.Commit)})";
        writer.Write(report.Base is { } compared
            ? $"comparing {compared.Revision} ({Short(compared.Commit)}) with {head}, from merge base {Short(report.MergeBase)}{(report.IncludesWorkingTree ? ", plus uncommitted changes" : "")}\n"
            : $"comparing uncommitted changes with {head}\n");

        writer.Write($"{report.Changes.Count} changed file{(report.Changes.Count == 1 ? "" : "s")}\n");
        foreach (var change in report.Changes)
        {
            var paths = change.OldPath is { } oldPath && oldPath != change.Path ? $"{oldPath} → {change.Path}" : change.Path;
            writer.Write($"  {AffectedJson.Letter(change.Kind)} {paths}\n");
        }

        var result = report.Result;
        if (result.EverythingReason is { } reason)
        {
            writer.Write($"every stack is affected ({result.Stacks.Count}): {reason}\n");
            foreach (var stack in result.Stacks)
            {
                writer.Write($"  {stack.Path}\n");
            }
        }
        else
        {
            writer.Write($"{result.Stacks.Count} of {result.TotalStacks} stacks affected\n");
            foreach (var stack in result.Stacks)
            {
                writer.Write($"  {stack.Path}{(stack.Deleted ? " (deleted)" : "")}\n      {stack.ReasonText}\n");
                if (stack.Reasons.Count > 1)
                {
                    // One chain is enough to read; the JSON has them all.
                    var more = stack.Reasons.Count - 1;
                    writer.Write($"      (and {more} more changed file{(more == 1 ? "" : "s")})\n");
                }
            }
        }

        if (report.DotNetProjects is { } projects)
        {
            writer.Write($"{projects.Count} .NET project{(projects.Count == 1 ? "" : "s")} affected\n");
            foreach (var project in projects)
            {
                writer.Write($"  {project.Project.Path}{(project.Project.IsTestProject ? " (tests)" : "")}\n      {project.Describe()}\n");
            }
        }

        foreach (var note in report.Notes)
        {
            writer.Write($"note: {note}\n");
        }
    }

    private static string Short(string? sha) => sha is null ? "none" : sha[..Math.Min(10, sha.Length)];
}
