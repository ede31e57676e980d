using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace Konfig.Kubernetes.Kubeconfig;

/// <summary>
/// Walks one parsed kubeconfig to resolve a context, keeping the field path (<c>users[0].user.token</c>) and
/// the YAML marks so every error names its place.
/// </summary>
internal sealed class KubeconfigReader(string shownFile, string folder, YamlMappingNode root)
{
    public KubeconfigResult Resolve(string? requestedContext)
    {
        try
        {
            return KubeconfigResult.Success(ResolveOrThrow(requestedContext));
        }
        catch (InvalidKubeconfigException e)
        {
            return KubeconfigResult.Failure(e.Error);
        }
    }

    private KubeCluster ResolveOrThrow(string? requestedContext)
    {
        YamlNode? contextNameNode = null;
        var contextName = requestedContext;
        if (string.IsNullOrEmpty(contextName))
        {
            contextNameNode = Child(root, "current-context");
            contextName = contextNameNode is null ? null : Scalar(contextNameNode, "current-context");
            if (string.IsNullOrEmpty(contextName))
            {
                throw Error(contextNameNode, null, "no current-context and no --context given");
            }
        }

        var (contextPath, context) = FindNamed("contexts", "context", contextName, contextNameNode, "context");
        var clusterNameNode = Required(context, "cluster", contextPath);
        var (clusterPath, cluster) = FindNamed("clusters", "cluster", Scalar(clusterNameNode, $"{contextPath}.cluster"), clusterNameNode, $"{contextPath}.cluster: cluster");

        var userNameNode = Child(context, "user");
        string? token = null;
        X509Certificate2? clientCertificate = null;
        var userName = userNameNode is null ? "" : Scalar(userNameNode, $"{contextPath}.user");
        if (userName.Length > 0)
        {
            var (userPath, user) = FindNamed("users", "user", userName, userNameNode, $"{contextPath}.user: user");
            token = ReadToken(user, userPath);
            clientCertificate = ReadClientCertificate(user, userPath);
        }

        var namespaceNode = Child(context, "namespace");
        var @namespace = namespaceNode is null ? "" : Scalar(namespaceNode, $"{contextPath}.namespace");

        return new KubeCluster(
            contextName,
            ReadServer(cluster, clusterPath),
            @namespace.Length == 0 ? KubeCluster.DefaultNamespace : @namespace,
            ReadCertificateAuthorities(cluster, clusterPath),
            ReadBoolean(cluster, "insecure-skip-tls-verify", clusterPath),
            token,
            clientCertificate);
    }

    private Uri ReadServer(YamlMappingNode cluster, string path)
    {
        var node = Required(cluster, "server", path);
        var text = Scalar(node, $"{path}.server");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var server) || (server.Scheme != Uri.UriSchemeHttps && server.Scheme != Uri.UriSchemeHttp))
        {
            throw Error(node, $"{path}.server", $"{path}.server '{text}' is not an http or https URL");
        }

        return server;
    }

    private X509Certificate2Collection ReadCertificateAuthorities(YamlMappingNode cluster, string path)
    {
        var pem = ReadDataOrFile(cluster, "certificate-authority-data", "certificate-authority", path);
        if (pem is null)
        {
            return [];
        }

        var (field, node, text) = pem.Value;
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(text);
        }
        catch (CryptographicException e)
        {
            throw Error(node, field, $"{field} is not a valid PEM certificate: {e.Message}");
        }

        return certificates.Count > 0 ? certificates : throw Error(node, field, $"{field} holds no PEM certificate");
    }

    private string? ReadToken(YamlMappingNode user, string path)
    {
        foreach (var unsupported in new[] { "exec", "auth-provider", "username" })
        {
            if (Child(user, unsupported) is { } node && Child(user, "token") is null && Child(user, "tokenFile") is null && Child(user, "client-certificate-data") is null && Child(user, "client-certificate") is null)
            {
                throw Error(node, $"{path}.{unsupported}", $"{path}.{unsupported}: this kind of credential is not supported; use a token, a tokenFile or a client certificate");
            }
        }

        if (Child(user, "token") is { } tokenNode)
        {
            return Scalar(tokenNode, $"{path}.token").Trim();
        }

        if (Child(user, "tokenFile") is { } fileNode)
        {
            return ReadFile(fileNode, $"{path}.tokenFile").Trim();
        }

        return null;
    }

    private X509Certificate2? ReadClientCertificate(YamlMappingNode user, string path)
    {
        var certificate = ReadDataOrFile(user, "client-certificate-data", "client-certificate", path);
        var key = ReadDataOrFile(user, "client-key-data", "client-key", path);
        if (certificate is null && key is null)
        {
            return null;
        }

        if (certificate is null || key is null)
        {
            var (field, node, _) = (certificate ?? key)!.Value;
            var missing = certificate is null ? "client-certificate-data or client-certificate" : "client-key-data or client-key";
            throw Error(node, field, $"{field} is given but {path}.{missing} is not");
        }

        try
        {
            var loaded = X509Certificate2.CreateFromPem(certificate.Value.Text, key.Value.Text);

            // Windows' TLS stack cannot use the ephemeral key CreateFromPem makes; a PKCS#12 round trip persists it.
            return OperatingSystem.IsWindows() ? X509CertificateLoader.LoadPkcs12(loaded.Export(X509ContentType.Pkcs12), null) : loaded;
        }
        catch (CryptographicException e)
        {
            throw Error(key.Value.Node, key.Value.Field, $"{certificate.Value.Field} and {key.Value.Field} are not a PEM certificate and its private key (RSA or EC): {e.Message}");
        }
    }

    /// <summary>A value given inline as base64 (<paramref name="dataKey"/>) or as a file path (<paramref name="fileKey"/>), relative to the kubeconfig.</summary>
    private (string Field, YamlNode Node, string Text)? ReadDataOrFile(YamlMappingNode mapping, string dataKey, string fileKey, string path)
    {
        if (Child(mapping, dataKey) is { } dataNode)
        {
            var field = $"{path}.{dataKey}";
            var base64 = Scalar(dataNode, field);
            try
            {
                return (field, dataNode, Encoding.UTF8.GetString(Convert.FromBase64String(base64.Trim())));
            }
            catch (FormatException)
            {
                throw Error(dataNode, field, $"{field} is not valid base64");
            }
        }

        if (Child(mapping, fileKey) is { } fileNode)
        {
            var field = $"{path}.{fileKey}";
            return (field, fileNode, ReadFile(fileNode, field));
        }

        return null;
    }

    private string ReadFile(YamlNode node, string field)
    {
        var file = Path.Combine(folder, Scalar(node, field));
        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : e.Message;
            throw Error(node, field, $"{field}: cannot read {file}: {reason}");
        }
    }

    private bool ReadBoolean(YamlMappingNode mapping, string key, string path)
    {
        if (Child(mapping, key) is not { } node)
        {
            return false;
        }

        var field = $"{path}.{key}";
        return Scalar(node, field) switch
        {
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" or "" => false,
            var other => throw Error(node, field, $"{field} '{other}' is not true or false"),
        };
    }

    /// <summary>
    /// The entry named <paramref name="name"/> of a named list (<c>contexts</c>, <c>clusters</c>, <c>users</c>):
    /// its field path (<c>contexts[1].context</c>) and its inner mapping.
    /// </summary>
    private (string Path, YamlMappingNode Value) FindNamed(string listKey, string innerKey, string name, YamlNode? referrer, string what)
    {
        var names = new List<string>();
        if (Child(root, listKey) is { } listNode)
        {
            if (listNode is not YamlSequenceNode list)
            {
                throw Error(listNode, listKey, $"{listKey} is not a list");
            }

            for (var index = 0; index < list.Children.Count; index++)
            {
                var entryPath = $"{listKey}[{index}]";
                if (list.Children[index] is not YamlMappingNode entry)
                {
                    throw Error(list.Children[index], entryPath, $"{entryPath} is not a mapping");
                }

                var entryName = Scalar(Required(entry, "name", entryPath), $"{entryPath}.name");
                names.Add(entryName);
                if (entryName == name)
                {
                    var innerPath = $"{entryPath}.{innerKey}";
                    var inner = Required(entry, innerKey, entryPath);
                    return inner is YamlMappingNode mapping ? (innerPath, mapping) : throw Error(inner, innerPath, $"{innerPath} is not a mapping");
                }
            }
        }

        var known = names.Count == 0 ? $"no {listKey} in the file" : $"{listKey}: {string.Join(", ", names)}";
        throw Error(referrer, null, $"{what} '{name}' not found ({known})");
    }

    private static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) && !IsNull(value) ? value : null;

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: not YamlDotNet.Core.ScalarStyle.SingleQuoted and not YamlDotNet.Core.ScalarStyle.DoubleQuoted, Value: null or "" or "~" or "null" };

    private YamlNode Required(YamlMappingNode mapping, string key, string path) =>
        Child(mapping, key) ?? throw Error(mapping, $"{path}.{key}", $"{path}.{key} is missing");

    private string Scalar(YamlNode node, string field) =>
        node is YamlScalarNode { Value: { } value } ? value : throw Error(node, field, $"{field} is not a string");

    private InvalidKubeconfigException Error(YamlNode? node, string? field, string message) =>
        new(new KubeconfigError(shownFile, node is null ? 0 : (int)node.Start.Line, node is null ? 0 : (int)node.Start.Column, field, message));

    /// <summary>Unwinds the walk to <see cref="Resolve"/>, which turns it into a <see cref="KubeconfigResult"/>; never leaves this type.</summary>
    private sealed class InvalidKubeconfigException(KubeconfigError error) : Exception(error.Message)
    {
        public KubeconfigError Error { get; } = error;
    }
}
