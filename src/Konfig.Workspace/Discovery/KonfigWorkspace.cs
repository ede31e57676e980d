namespace Konfig.Workspace.Discovery;

/// <summary>
/// A discovered monorepo: the <c>kcl.mod</c> root, its projects and stacks (ordered by path, ordinal), and
/// problems that belong to no single stack (such as a stack outside any project).
/// </summary>
public sealed record KonfigWorkspace
{
    /// <summary>Full path of the folder that holds kcl.mod.</summary>
    public required string Root { get; init; }

    public required IReadOnlyList<Project> Projects { get; init; }

    public required IReadOnlyList<Stack> Stacks { get; init; }

    public IReadOnlyList<WorkspaceDiagnostic> Diagnostics { get; init; } = [];

    public IEnumerable<Stack> StacksOf(Project project) => Stacks.Where(stack => ReferenceEquals(stack.Project, project));

    /// <summary>Every problem found: the workspace's, each project's and each stack's.</summary>
    public IEnumerable<WorkspaceDiagnostic> AllDiagnostics =>
        Diagnostics.Concat(Projects.SelectMany(p => p.Diagnostics)).Concat(Stacks.SelectMany(s => s.Diagnostics));
}
