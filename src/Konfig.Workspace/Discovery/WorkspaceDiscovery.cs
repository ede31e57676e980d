namespace Konfig.Workspace.Discovery;

/// <summary>
/// Walks a workspace from its <c>kcl.mod</c> root and finds projects (folders with project.yaml) and stacks
/// (folders with stack.yaml). A stack belongs to the nearest project above it; projects may nest. The walk
/// does not enter stack folders (a stack holds no stacks), hidden folders (<c>.git</c>) or symbolic links
/// (no cycles). Results are ordered by path, ordinal, so the same tree always gives the same list.
/// </summary>
public static class WorkspaceDiscovery
{
    public static KonfigWorkspace Discover(string root)
    {
        var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var projects = new List<Project>();
        var stacks = new List<Stack>();
        var diagnostics = new List<WorkspaceDiagnostic>();
        Walk(fullRoot, fullRoot, project: null, projects, stacks, diagnostics);

        projects.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        stacks.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        CheckDependencies(stacks);
        return new KonfigWorkspace { Root = fullRoot, Projects = projects, Stacks = stacks, Diagnostics = diagnostics };
    }

    private static void Walk(string directory, string root, Project? project, List<Project> projects, List<Stack> stacks, List<WorkspaceDiagnostic> diagnostics)
    {
        if (File.Exists(Path.Combine(directory, Project.FileName)))
        {
            project = MetadataReader.ReadProject(directory, root);
            projects.Add(project);
        }

        if (File.Exists(Path.Combine(directory, Stack.FileName)))
        {
            if (project is null)
            {
                diagnostics.Add(WorkspaceDiagnostic.InFile(
                    Path.Combine(directory, Stack.FileName),
                    $"a stack must be inside a project, but no folder between it and the workspace root holds a {Project.FileName}"));
            }
            else
            {
                stacks.Add(MetadataReader.ReadStack(directory, project, root));
            }

            return;
        }

        DirectoryInfo[] children;
        try
        {
            children = new DirectoryInfo(directory).GetDirectories();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(WorkspaceDiagnostic.InFile(directory, $"cannot list the folder: {exception.Message}"));
            return;
        }

        Array.Sort(children, (a, b) => string.CompareOrdinal(a.Name, b.Name));
        foreach (var child in children)
        {
            if (child.Name.StartsWith('.') || (child.Attributes & FileAttributes.ReparsePoint) != 0)
            {
                continue;
            }

            Walk(child.FullName, root, project, projects, stacks, diagnostics);
        }
    }

    /// <summary>A <c>dependsOn</c> entry must name another stack of the workspace: otherwise an error on its stack.yaml line.</summary>
    private static void CheckDependencies(List<Stack> stacks)
    {
        var paths = stacks.Select(stack => stack.Path).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < stacks.Count; i++)
        {
            var stack = stacks[i];
            var errors = new List<WorkspaceDiagnostic>();
            for (var j = 0; j < stack.DependsOn.Count; j++)
            {
                var dependency = stack.DependsOn[j];
                var (line, column) = stack.DependsOnPositions[j];
                var file = Path.Combine(stack.Directory, Stack.FileName);
                if (string.Equals(dependency, stack.Path, StringComparison.Ordinal))
                {
                    errors.Add(new WorkspaceDiagnostic(file, line, column, $"field 'dependsOn[{j}]' names the stack itself"));
                }
                else if (!paths.Contains(dependency))
                {
                    errors.Add(new WorkspaceDiagnostic(file, line, column,
                        $"field 'dependsOn[{j}]' names '{dependency}', which is not a stack of the workspace (stack paths are relative to the workspace root, e.g. apps/web/prod)"));
                }
            }

            if (errors.Count > 0)
            {
                stacks[i] = stack with { Diagnostics = [.. stack.Diagnostics, .. errors] };
            }
        }
    }
}
