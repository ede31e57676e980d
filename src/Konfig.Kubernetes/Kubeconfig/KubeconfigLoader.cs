using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Konfig.Kubernetes.Kubeconfig;

/// <summary>
/// Reads a kubeconfig and resolves one context into a <see cref="KubeCluster"/>. Bad input (a missing file,
/// malformed YAML, an unknown context, bad base64, an unreadable certificate) is a <see cref="KubeconfigError"/>
/// naming the file, the line and the field; nothing throws.
/// </summary>
public static class KubeconfigLoader
{
    /// <summary>
    /// Loads <paramref name="path"/> (default: the first entry of $KUBECONFIG, else ~/.kube/config) and resolves
    /// <paramref name="context"/> (default: the file's current-context).
    /// </summary>
    public static KubeconfigResult Load(string? path = null, string? context = null)
    {
        var file = path ?? DefaultPath(Environment.GetEnvironmentVariable("KUBECONFIG"), HomeFolder());
        var shown = DisplayPath(file, HomeFolder());

        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : e.Message;
            return KubeconfigResult.Failure(new KubeconfigError(shown, 0, 0, null, $"cannot read: {reason}"));
        }

        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
            {
                return KubeconfigResult.Failure(new KubeconfigError(shown, 0, 0, null, "is not a kubeconfig (expected a YAML mapping)"));
            }

            root = mapping;
        }
        catch (YamlException e)
        {
            var line = (int)e.Start.Line;
            var column = (int)e.Start.Column;
            return KubeconfigResult.Failure(new KubeconfigError(shown, line, column, null, $"malformed YAML: {YamlMessage(e)}"));
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
        return new KubeconfigReader(shown, folder, root).Resolve(context);
    }

    /// <summary>The kubeconfig kubectl would use: the first entry of $KUBECONFIG, else ~/.kube/config.</summary>
    internal static string DefaultPath(string? kubeconfigVariable, string home)
    {
        var first = (kubeconfigVariable ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault();
        return first ?? Path.Combine(home, ".kube", "config");
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

    /// <summary>YamlDotNet prefixes its message with the marks, which the error already carries.</summary>
    private static string YamlMessage(YamlException e)
    {
        var message = e.Message;
        var marksEnd = message.StartsWith("(Line:", StringComparison.Ordinal) ? message.IndexOf("): ", StringComparison.Ordinal) : -1;
        return marksEnd >= 0 ? message[(marksEnd + 3)..] : message;
    }

    private static string HomeFolder() => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
}
