namespace Konfig.Kubernetes.Kubeconfig;

/// <summary>
/// Loads a kubeconfig, or the merge of several as kubectl does, and resolves one context into a
/// <see cref="KubeCluster"/>. Bad input (a missing file, malformed YAML, an unknown context, bad base64, an
/// unreadable certificate, a failing exec plugin) is a <see cref="KubeconfigError"/> naming the file, the line and
/// the field; nothing throws.
/// </summary>
public static class KubeconfigLoader
{
    /// <summary>
    /// Loads <paramref name="path"/> (default: every file of $KUBECONFIG, merged, else ~/.kube/config) and resolves
    /// <paramref name="context"/> (default: the current-context).
    /// </summary>
    public static KubeconfigResult Load(string? path = null, string? context = null)
    {
        var home = HomeFolder();
        var paths = path is null ? DefaultPaths(Environment.GetEnvironmentVariable("KUBECONFIG"), home) : [path];
        var files = new List<KubeconfigFile>();
        foreach (var file in paths)
        {
            // As kubectl: a file named on its own must exist, but missing files of a $KUBECONFIG list are skipped.
            if (paths.Count > 1 && !File.Exists(file))
            {
                continue;
            }

            var (read, error) = KubeconfigFile.Read(file, DisplayPath(file, home));
            if (error is not null)
            {
                return KubeconfigResult.Failure(error);
            }

            files.Add(read!);
        }

        return files.Count > 0
            ? KubeconfigResolver.Resolve(files, context)
            : KubeconfigResult.Failure(new KubeconfigError(string.Join(", ", paths.Select(file => DisplayPath(file, home))), 0, 0, null, "cannot read: no such files"));
    }

    /// <summary>The kubeconfig files kubectl would use: those $KUBECONFIG lists, else ~/.kube/config.</summary>
    internal static IReadOnlyList<string> DefaultPaths(string? kubeconfigVariable, string home)
    {
        var listed = (kubeconfigVariable ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return listed.Count > 0 ? listed : [Path.Combine(home, ".kube", "config")];
    }

    /// <summary>The path as messages show it: ~ for the home folder, so errors read like kubectl's.</summary>
    internal static string DisplayPath(string path, string home)
    {
        if (home.Length == 0)
        {
            return path;
        }

        var full = Path.GetFullPath(path);
        var prefix = home.EndsWith(Path.DirectorySeparatorChar) ? home : home + Path.DirectorySeparatorChar;
        return full.StartsWith(prefix, StringComparison.Ordinal) ? "~/" + full[prefix.Length..].Replace('\\', '/') : path;
    }

    private static string HomeFolder() => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
}
