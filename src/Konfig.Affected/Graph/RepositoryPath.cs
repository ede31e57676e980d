namespace Konfig.Affected.Graph;

/// <summary>Repository paths: relative to the repository root, '/' separators, "" for the root itself.</summary>
public static class RepositoryPath
{
    /// <summary>
    /// <paramref name="relative"/> joined to <paramref name="folder"/>, with "." and ".." resolved; null when
    /// it leaves the repository or is absolute (no file outside the repository is in a diff).
    /// </summary>
    public static string? Combine(string folder, string relative)
    {
        if (relative.StartsWith('/') || (relative.Length > 1 && relative[1] == ':'))
        {
            return null;
        }

        var parts = new List<string>();
        foreach (var part in (folder.Length == 0 ? relative : folder + "/" + relative).Split('/', '\\'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }

                parts.RemoveAt(parts.Count - 1);
            }
            else
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }

    /// <summary>The folder holding a path: "" for a file at the root, null for the root itself.</summary>
    public static string? Parent(string path)
    {
        if (path.Length == 0)
        {
            return null;
        }

        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> or inside it, by whole segments.</summary>
    public static bool IsWithin(string path, string folder) =>
        folder.Length == 0
        || (path.StartsWith(folder, StringComparison.Ordinal) && (path.Length == folder.Length || path[folder.Length] == '/'));

    /// <summary>The folders holding a path, nearest first, ending with the root "".</summary>
    public static IEnumerable<string> Ancestors(string path)
    {
        for (var folder = Parent(path); folder is not null; folder = Parent(folder))
        {
            yield return folder;
        }
    }
}
