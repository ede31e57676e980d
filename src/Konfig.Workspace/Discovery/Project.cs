namespace Konfig.Workspace.Discovery;

/// <summary>
/// A folder with <c>project.yaml</c>: a name, an optional tenant, and the stacks below it. When the file
/// is broken, <see cref="Name"/> falls back to the folder's name (for listing) and
/// <see cref="Diagnostics"/> says what is wrong; the project's stacks then fail to compile.
/// </summary>
public sealed record Project
{
    public const string FileName = "project.yaml";

    public required string Name { get; init; }

    public string? Tenant { get; init; }

    /// <summary>Full path of the project folder.</summary>
    public required string Directory { get; init; }

    /// <summary>The folder relative to the workspace root, with '/' separators.</summary>
    public required string Path { get; init; }

    public IReadOnlyList<WorkspaceDiagnostic> Diagnostics { get; init; } = [];
}
