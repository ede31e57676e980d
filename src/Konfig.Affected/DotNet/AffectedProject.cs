namespace Konfig.Affected.DotNet;

/// <summary>Why a changed file reaches its first project.</summary>
public enum AffectedCause
{
    /// <summary>The file lies in the project's folder (the project file itself included).</summary>
    FileInProjectFolder,

    /// <summary>The file is an MSBuild file the project imports (Directory.Build.props, Directory.Packages.props, ...).</summary>
    ImportedBuildFile,
}

/// <summary>
/// A project a change affects, and one shortest reason for it: <see cref="ChangedFile"/> reaches
/// <c>Chain[0]</c> through <see cref="Cause"/>, and each later project in <see cref="Chain"/> references
/// the one before it; the last entry is <see cref="Project"/>'s own path.
/// </summary>
public sealed record AffectedProject(
    DotNetProject Project,
    string ChangedFile,
    AffectedCause Cause,
    IReadOnlyList<string> Chain)
{
    /// <summary>The reason on one line: <c>src/A/X.cs → src/A/A.csproj → src/B/B.csproj</c>.</summary>
    public string Describe() => string.Join(" → ", [ChangedFile, .. Chain]);
}
