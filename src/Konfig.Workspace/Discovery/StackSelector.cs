namespace Konfig.Workspace.Discovery;

/// <summary>
/// Turns the paths a user names on the command line into stacks: a stack folder (or any folder inside one,
/// such as its ci-test) selects that stack; a folder above stacks (a project, or a group of projects)
/// selects every stack below it. The result keeps the workspace's order, without duplicates.
/// </summary>
public static class StackSelector
{
    public static (IReadOnlyList<Stack> Stacks, IReadOnlyList<WorkspaceDiagnostic> Errors) Select(
        KonfigWorkspace workspace,
        IReadOnlyList<string> paths,
        string workingDirectory)
    {
        var selected = new HashSet<Stack>(ReferenceEqualityComparer.Instance);
        var errors = new List<WorkspaceDiagnostic>();
        foreach (var path in paths)
        {
            var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(workingDirectory, path)));
            if (!Directory.Exists(full))
            {
                errors.Add(WorkspaceDiagnostic.General($"'{path}' is not a folder"));
                continue;
            }

            var matches = workspace.Stacks
                .Where(stack => WorkspacePaths.IsAtOrBelow(stack.Directory, full) || WorkspacePaths.IsAtOrBelow(full, stack.Directory))
                .ToList();
            if (matches.Count == 0)
            {
                errors.Add(WorkspaceDiagnostic.General(WorkspacePaths.IsAtOrBelow(full, workspace.Root)
                    ? $"'{path}' holds no stack (no {Stack.FileName} in it, below it or above it within a project)"
                    : $"'{path}' is outside the workspace {workspace.Root}"));
            }

            selected.UnionWith(matches);
        }

        return (workspace.Stacks.Where(selected.Contains).ToList(), errors);
    }
}
