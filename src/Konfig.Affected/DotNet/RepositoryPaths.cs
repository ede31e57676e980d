namespace Konfig.Affected.DotNet;

/// <summary>Full paths to repository-relative ones, with '/' separators as git uses.</summary>
internal static class RepositoryPaths
{
    public static string Relative(string repositoryRoot, string fullPath) =>
        Path.GetRelativePath(repositoryRoot, fullPath).Replace('\\', '/');

    /// <summary>True when <paramref name="fullPath"/> lies inside <paramref name="folder"/> (whole segments only).</summary>
    public static bool IsInside(string folder, string fullPath)
    {
        var prefix = Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar;
        return fullPath.StartsWith(prefix, StringComparison.Ordinal);
    }
}
