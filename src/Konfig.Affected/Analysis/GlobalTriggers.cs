using Konfig.Affected.Graph;

namespace Konfig.Affected.Analysis;

/// <summary>
/// Files whose change affects every stack: kcl.mod (and its lock), the repository-wide .NET settings
/// (global.json, Directory.Build.props/.targets, Directory.Packages.props at the root), and the
/// toolchain, meaning the folders of the .NET projects that make up <c>konfig</c> and the MSBuild
/// files they import (found from the project graph by the caller, not listed here).
/// </summary>
public sealed class GlobalTriggers
{
    private static readonly HashSet<string> ModuleFileNames = new(StringComparer.Ordinal) { "kcl.mod", "kcl.mod.lock" };

    private static readonly HashSet<string> RootFiles = new(StringComparer.Ordinal)
    {
        "global.json", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "nuget.config", "NuGet.config",
    };

    public GlobalTriggers(IReadOnlyList<string> toolchainFolders, IReadOnlyCollection<string> toolchainFiles)
    {
        ToolchainFolders = toolchainFolders;
        ToolchainFiles = new HashSet<string>(toolchainFiles, StringComparer.Ordinal);
    }

    public static GlobalTriggers WithoutToolchain { get; } = new([], []);

    /// <summary>Folders of the projects that build konfig, e.g. <c>src/Konfig.Cli</c>.</summary>
    public IReadOnlyList<string> ToolchainFolders { get; }

    public IReadOnlySet<string> ToolchainFiles { get; }

    /// <summary>Why a change to <paramref name="path"/> affects every stack, or null when it does not.</summary>
    public string? Match(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        if (ModuleFileNames.Contains(name))
        {
            return $"{path} is a kcl.mod file: it can change how every stack compiles";
        }

        if (RootFiles.Contains(path))
        {
            return $"{path} configures the .NET build of the toolchain";
        }

        if (ToolchainFiles.Contains(path))
        {
            return $"{path} is imported by a toolchain project";
        }

        foreach (var folder in ToolchainFolders)
        {
            if (RepositoryPath.IsWithin(path, folder))
            {
                return $"{path} is in {folder}, a .NET project that builds konfig itself";
            }
        }

        return null;
    }
}
