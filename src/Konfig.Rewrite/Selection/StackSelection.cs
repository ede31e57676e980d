using Konfig.Workspace;
using Konfig.Workspace.Discovery;

namespace Konfig.Rewrite.Selection;

/// <summary>
/// Picks the stacks a <see cref="StackQuery"/> names, in the workspace's order, without duplicates. A folder,
/// project or glob that selects nothing is an error (a typo must not silently rewrite fewer stacks), as is an
/// empty query; filters that leave nothing are not (they narrow by design).
/// </summary>
public static class StackSelection
{
    private const int NamesShown = 10;

    public static (IReadOnlyList<Stack> Stacks, IReadOnlyList<WorkspaceDiagnostic> Errors) Select(
        KonfigWorkspace workspace, StackQuery query, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(query);
        if (query.IsEmpty)
        {
            return ([], [WorkspaceDiagnostic.General("no stacks selected: name stack folders, all stacks, projects, a glob over stack paths or metadata filters")]);
        }

        var errors = new List<WorkspaceDiagnostic>();
        var chosen = new HashSet<Stack>(ReferenceEqualityComparer.Instance);
        var namesSome = query.Folders.Count > 0 || query.Projects.Count > 0 || query.Globs.Count > 0;
        if (query.All || !namesSome)
        {
            chosen.UnionWith(workspace.Stacks);
        }

        if (query.Folders.Count > 0)
        {
            var (stacks, folderErrors) = StackSelector.Select(workspace, query.Folders, workingDirectory);
            chosen.UnionWith(stacks);
            errors.AddRange(folderErrors);
        }

        foreach (var name in query.Projects)
        {
            var projects = workspace.Projects.Where(p => string.Equals(p.Name, name, StringComparison.Ordinal)).ToList();
            if (projects.Count == 0)
            {
                errors.Add(WorkspaceDiagnostic.General($"no project is named '{name}' (projects: {Listing(workspace.Projects.Select(p => p.Name))})"));
                continue;
            }

            chosen.UnionWith(projects.SelectMany(workspace.StacksOf));
        }

        foreach (var glob in query.Globs)
        {
            var matches = workspace.Stacks.Where(stack => glob.Matches(stack.Path)).ToList();
            if (matches.Count == 0)
            {
                errors.Add(WorkspaceDiagnostic.General($"the glob '{glob.Pattern}' matches no stack path (stack paths look like {Listing(workspace.Stacks.Select(s => s.Path).Take(3))})"));
            }

            chosen.UnionWith(matches);
        }

        var selected = workspace.Stacks
            .Where(stack => chosen.Contains(stack) && query.Where.All(filter => filter.Matches(stack)))
            .ToList();
        return (selected, errors);
    }

    private static string Listing(IEnumerable<string> names)
    {
        var distinct = names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0)
        {
            return "none";
        }

        var shown = string.Join(", ", distinct.Take(NamesShown));
        return distinct.Count > NamesShown ? $"{shown} and {distinct.Count - NamesShown} more" : shown;
    }
}
