namespace Konfig.Workspace.Formatting;

/// <summary>
/// The KCL files named by paths: a file is taken as is, a folder gives every <c>*.k</c> below it, skipping
/// hidden folders and build output (<c>bin</c>, <c>obj</c>). Files come once each, in ordinal path order;
/// paths that do not exist are reported, not thrown.
/// </summary>
public sealed record KclFileSelection(IReadOnlyList<string> Files, IReadOnlyList<string> MissingPaths)
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { "bin", "obj" };

    /// <param name="paths">Files or folders, relative to <paramref name="workingDirectory"/> or absolute.</param>
    public static KclFileSelection From(IEnumerable<string> paths, string workingDirectory)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path, workingDirectory);
            if (File.Exists(full))
            {
                files.Add(full);
            }
            else if (Directory.Exists(full))
            {
                AddFolder(full, files);
            }
            else
            {
                missing.Add(path);
            }
        }

        return new KclFileSelection([.. files], missing);
    }

    private static void AddFolder(string folder, SortedSet<string> files)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*.k"))
        {
            files.Add(file);
        }

        foreach (var child in Directory.EnumerateDirectories(folder))
        {
            var name = Path.GetFileName(child);
            // Linked folders are not followed: a link back up the tree would never end.
            if (!name.StartsWith('.') && !SkippedFolders.Contains(name) && new DirectoryInfo(child).LinkTarget is null)
            {
                AddFolder(child, files);
            }
        }
    }
}
