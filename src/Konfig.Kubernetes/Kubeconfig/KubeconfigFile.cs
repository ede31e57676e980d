using k8s;
using k8s.KubeConfigModels;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Konfig.Kubernetes.Kubeconfig;

/// <summary>
/// One kubeconfig file: KubernetesClient's model of it for the values, and its YAML nodes for where each value
/// sits, so that errors name the line. Relative paths in the model are made absolute against this file's folder,
/// as kubectl does: once files are merged, an entry no longer knows which file it came from.
/// </summary>
internal sealed class KubeconfigFile
{
    private readonly YamlMappingNode? root;

    private KubeconfigFile(string shown, string folder, K8SConfiguration model, YamlMappingNode? root)
    {
        Shown = shown;
        Folder = folder;
        Model = model;
        this.root = root;
    }

    /// <summary>The path as messages show it.</summary>
    public string Shown { get; }

    public string Folder { get; }

    public K8SConfiguration Model { get; }

    /// <summary>Reads and parses <paramref name="path"/>; a missing file, malformed YAML or a wrongly typed field is an error with its place.</summary>
    public static (KubeconfigFile? File, KubeconfigError? Error) Read(string path, string shown)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : e.Message;
            return (null, new KubeconfigError(shown, 0, 0, null, $"cannot read: {reason}"));
        }

        // Our own parse keeps the positions; the library's deserializer then fills its model.
        YamlMappingNode? root = null;
        K8SConfiguration? model;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count > 0 && !IsNull(stream.Documents[0].RootNode))
            {
                root = stream.Documents[0].RootNode as YamlMappingNode;
                if (root is null)
                {
                    return (null, new KubeconfigError(shown, 0, 0, null, "is not a kubeconfig (expected a YAML mapping)"));
                }
            }
        }
        catch (YamlException e)
        {
            return (null, new KubeconfigError(shown, (int)e.Start.Line, (int)e.Start.Column, null, $"malformed YAML: {YamlMessage(e)}"));
        }

        try
        {
            model = root is null ? null : KubernetesYaml.Deserialize<K8SConfiguration>(text);
        }
        catch (YamlException e)
        {
            return (null, new KubeconfigError(shown, (int)e.Start.Line, (int)e.Start.Column, null, $"is not a kubeconfig: {YamlMessage(e.InnerException as YamlException ?? e)}"));
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        model ??= new K8SConfiguration();
        model.Contexts ??= [];
        model.Clusters ??= [];
        model.Users ??= [];
        MakePathsAbsolute(model, folder);
        return (new KubeconfigFile(shown, folder, model, root), null);
    }

    /// <summary>A string field the library's model leaves out (<c>tokenFile</c>), read from the YAML.</summary>
    public string? Scalar(string field) => Find(field) is (YamlScalarNode scalar, _, true) ? scalar.Value : null;

    /// <summary>An error at <paramref name="field"/> in this file: its line (or its parent's, when the field is absent) and the field's path.</summary>
    public KubeconfigError Error(string field, string message)
    {
        var (_, (line, column), _) = Find(field);
        return new KubeconfigError(Shown, line, column, field, message);
    }

    /// <summary>
    /// The node at a field path as errors name it (<c>users[0].user.exec</c>), where it starts (at its key, which
    /// is where the eye looks; 0 for the whole file), and whether it is there at all; when it is not, its nearest
    /// parent that is.
    /// </summary>
    private (YamlNode? Node, (int Line, int Column) Start, bool Exact) Find(string field)
    {
        YamlNode? node = root;
        var start = (0, 0);
        foreach (var part in field.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            var key = bracket < 0 ? part : part[..bracket];
            var (keyNode, next) = node is YamlMappingNode mapping
                ? mapping.Children.FirstOrDefault(pair => pair.Key is YamlScalarNode { Value: var name } && name == key && !IsNull(pair.Value))
                : default;
            var nextStart = keyNode is null ? (0, 0) : ((int)keyNode.Start.Line, (int)keyNode.Start.Column);
            if (next is not null && bracket >= 0)
            {
                var index = int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
                next = next is YamlSequenceNode list && index < list.Children.Count ? list.Children[index] : null;
                nextStart = next is null ? (0, 0) : ((int)next.Start.Line, (int)next.Start.Column);
            }

            if (next is null)
            {
                return (node, start, false);
            }

            (node, start) = (next, nextStart);
        }

        return (node, start, true);
    }

    /// <summary>What kubectl resolves against the kubeconfig's folder: certificate and key files, and an exec command given as a relative path.</summary>
    private static void MakePathsAbsolute(K8SConfiguration model, string folder)
    {
        foreach (var endpoint in model.Clusters.Select(c => c?.ClusterEndpoint).OfType<ClusterEndpoint>())
        {
            endpoint.CertificateAuthority = Absolute(endpoint.CertificateAuthority, folder);
        }

        foreach (var credentials in model.Users.Select(u => u?.UserCredentials).OfType<UserCredentials>())
        {
            credentials.ClientCertificate = Absolute(credentials.ClientCertificate, folder);
            credentials.ClientKey = Absolute(credentials.ClientKey, folder);
            if (credentials.ExternalExecution is { Command: { } command } exec && (command.Contains('/', StringComparison.Ordinal) || command.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            {
                exec.Command = Absolute(command, folder);
            }
        }
    }

    private static string Absolute(string path, string folder) =>
        string.IsNullOrEmpty(path) || Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(folder, path));

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: not ScalarStyle.SingleQuoted and not ScalarStyle.DoubleQuoted, Value: null or "" or "~" or "null" };

    /// <summary>YamlDotNet prefixes its message with the marks, which the error already carries.</summary>
    private static string YamlMessage(YamlException e)
    {
        var message = e.Message;
        var marksEnd = message.StartsWith("(Line:", StringComparison.Ordinal) ? message.IndexOf("): ", StringComparison.Ordinal) : -1;
        return marksEnd >= 0 ? message[(marksEnd + 3)..] : message;
    }
}
