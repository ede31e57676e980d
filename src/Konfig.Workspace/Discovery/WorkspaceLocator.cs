namespace Konfig.Workspace.Discovery;

/// <summary>
/// Finds the workspace root (the folder with <c>kcl.mod</c>): the folder given explicitly (<c>--workspace</c>);
/// else the nearest kcl.mod at or above the first path the user named (a stack folder); else the nearest at
/// or above the working directory; else <c>./konfig/kcl.mod</c>, so that the repository root finds our own
/// monorepo.
/// </summary>
public static class WorkspaceLocator
{
    public const string ModuleFileName = "kcl.mod";
    public const string DefaultFolder = "konfig";

    public static (string? Root, WorkspaceDiagnostic? Error) Locate(string? explicitRoot, IReadOnlyList<string> namedPaths, string workingDirectory)
    {
        if (explicitRoot is not null)
        {
            var full = Path.GetFullPath(Path.Combine(workingDirectory, explicitRoot));
            if (!Directory.Exists(full))
            {
                return (null, WorkspaceDiagnostic.General($"workspace folder '{explicitRoot}' does not exist"));
            }

            return File.Exists(Path.Combine(full, ModuleFileName))
                ? (full, null)
                : (null, WorkspaceDiagnostic.General($"'{explicitRoot}' is not a workspace: it has no {ModuleFileName}"));
        }

        if (namedPaths.Count > 0)
        {
            var first = Path.GetFullPath(Path.Combine(workingDirectory, namedPaths[0]));
            var start = Directory.Exists(first) ? first : Path.GetDirectoryName(first) ?? first;
            if (FindAbove(start) is { } fromPath)
            {
                return (fromPath, null);
            }

            return (null, WorkspaceDiagnostic.General($"'{namedPaths[0]}' is not in a workspace: no {ModuleFileName} in it or any folder above it"));
        }

        if (FindAbove(workingDirectory) is { } fromWorkingDirectory)
        {
            return (fromWorkingDirectory, null);
        }

        var fallback = Path.Combine(Path.GetFullPath(workingDirectory), DefaultFolder);
        if (File.Exists(Path.Combine(fallback, ModuleFileName)))
        {
            return (fallback, null);
        }

        return (null, WorkspaceDiagnostic.General(
            $"no workspace found: no {ModuleFileName} in the current folder or above it, nor in ./{DefaultFolder}; use --workspace DIR"));
    }

    private static string? FindAbove(string start)
    {
        for (var directory = new DirectoryInfo(Path.GetFullPath(start)); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, ModuleFileName)))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
