namespace Konfig.Workspace.Discovery;

/// <summary>
/// A folder with <c>stack.yaml</c> inside a project: what one <c>konfig compile</c> turns into a spec.
/// It compiles like <c>kcl run -Y ci-test/settings.yaml -Y kcl.yaml</c> run from its folder.
/// </summary>
public sealed record Stack
{
    public const string FileName = "stack.yaml";
    public const string KclYamlName = "kcl.yaml";
    public const string CiTestFolder = "ci-test";
    public const string CiSettingsName = "settings.yaml";
    public const string GoldenName = "stdout.golden.yaml";

    /// <summary>The <c>name</c> of stack.yaml (the folder's name when that file is broken).</summary>
    public required string Name { get; init; }

    public required Project Project { get; init; }

    /// <summary>Full path of the stack folder.</summary>
    public required string Directory { get; init; }

    /// <summary>The folder relative to the workspace root, with '/' separators: the stack's id in output.</summary>
    public required string Path { get; init; }

    /// <summary>kcl.yaml; null when it is missing or broken (see <see cref="Diagnostics"/>).</summary>
    public StackSettingsFile? KclYaml { get; init; }

    /// <summary>
    /// The <c>dependsOn</c> of stack.yaml: paths (relative to the workspace root, like <see cref="Path"/>) of stacks
    /// that must be applied before this one. Each is checked to be a stack of the workspace when it is discovered.
    /// </summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>Where each <see cref="DependsOn"/> entry is in stack.yaml (line, column), for errors found after reading.</summary>
    internal IReadOnlyList<(int Line, int Column)> DependsOnPositions { get; init; } = [];

    /// <summary>ci-test/settings.yaml; null when the stack has none.</summary>
    public StackSettingsFile? CiSettings { get; init; }

    /// <summary>Full path of ci-test/stdout.golden.yaml (which may not exist yet).</summary>
    public string GoldenPath => System.IO.Path.Combine(Directory, CiTestFolder, GoldenName);

    /// <summary>Problems with this stack's own metadata (stack.yaml, kcl.yaml, ci-test/settings.yaml).</summary>
    public IReadOnlyList<WorkspaceDiagnostic> Diagnostics { get; init; } = [];

    /// <summary>The stack's and its project's problems: any of them stops the stack from compiling.</summary>
    public IEnumerable<WorkspaceDiagnostic> AllDiagnostics => Project.Diagnostics.Concat(Diagnostics);

    public bool HasErrors => Diagnostics.Count > 0 || Project.Diagnostics.Count > 0;
}
