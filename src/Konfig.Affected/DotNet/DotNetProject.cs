namespace Konfig.Affected.DotNet;

/// <summary>
/// One .NET project as change detection sees it: plain data, so a graph can be cached as JSON.
/// Every path is relative to the repository root, with '/' separators (as git reports changed files).
/// </summary>
/// <param name="Path">The project file, e.g. <c>src/Konfig.Kcl/Konfig.Kcl.csproj</c>.</param>
/// <param name="AssemblyName">The evaluated AssemblyName (e.g. <c>konfig</c> for src/Konfig.Cli).</param>
/// <param name="IsTestProject">The IsTestProject property is true, or the project references Microsoft.NET.Test.Sdk.</param>
/// <param name="ProjectReferences">Project files this project references directly.</param>
/// <param name="ImportedFiles">
/// MSBuild files inside the repository that the project imports (Directory.Build.props,
/// Directory.Packages.props, custom .props/.targets); generated files under obj/ are left out.
/// </param>
public sealed record DotNetProject(
    string Path,
    string AssemblyName,
    bool IsTestProject,
    IReadOnlyList<string> ProjectReferences,
    IReadOnlyList<string> ImportedFiles)
{
    /// <summary>The folder holding the project file; empty for a project at the repository root.</summary>
    public string Folder
    {
        get
        {
            var slash = Path.LastIndexOf('/');
            return slash < 0 ? string.Empty : Path[..slash];
        }
    }
}
