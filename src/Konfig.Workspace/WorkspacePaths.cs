namespace Konfig.Workspace;

/// <summary>Paths as the workspace shows them: relative where possible, always with '/' separators.</summary>
public static class WorkspacePaths
{
    /// <summary><paramref name="path"/> relative to <paramref name="baseDirectory"/> when it lies below it, else the full path.</summary>
    public static string Display(string path, string baseDirectory)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(Path.GetFullPath(baseDirectory), full);
        if (relative == ".")
        {
            return ".";
        }

        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? Normalize(full)
            : Normalize(relative);
    }

    /// <summary><paramref name="path"/> relative to <paramref name="root"/>, with '/' separators ("." for the root itself).</summary>
    public static string Relative(string root, string path) => Normalize(Path.GetRelativePath(root, path));

    public static string Normalize(string path) => path.Replace('\\', '/');

    /// <summary>Whether <paramref name="path"/> is <paramref name="directory"/> or lies below it (both full paths).</summary>
    public static bool IsAtOrBelow(string path, string directory)
    {
        var trimmedDirectory = Path.TrimEndingDirectorySeparator(directory);
        var trimmedPath = Path.TrimEndingDirectorySeparator(path);
        return string.Equals(trimmedPath, trimmedDirectory, StringComparison.Ordinal)
            || trimmedPath.StartsWith(trimmedDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || (trimmedDirectory.Length > 0 && trimmedDirectory[^1] == Path.DirectorySeparatorChar && trimmedPath.StartsWith(trimmedDirectory, StringComparison.Ordinal));
    }
}
