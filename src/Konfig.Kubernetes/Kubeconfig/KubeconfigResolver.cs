using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using k8s;
using k8s.Authentication;
using k8s.KubeConfigModels;

namespace Konfig.Kubernetes.Kubeconfig;

/// <summary>
/// Merges kubeconfig files as kubectl does (the first file that names a context, cluster or user wins; the
/// current-context comes from the first file that sets one) and resolves one context. Our checks come first, so
/// that an error names the file, the line and the field; KubernetesClient then builds the configuration: a token or
/// token file, basic auth, an exec credential plugin (run now, and again before its token expires), OIDC, client
/// certificates and CAs.
/// </summary>
internal sealed partial class KubeconfigResolver
{
    private readonly IReadOnlyList<KubeconfigFile> files;
    private readonly OrderedDictionary<string, Entry<Context>> contexts;
    private readonly OrderedDictionary<string, Entry<Cluster>> clusters;
    private readonly OrderedDictionary<string, Entry<User>> users;

    private KubeconfigResolver(IReadOnlyList<KubeconfigFile> files)
    {
        this.files = files;
        contexts = Merge(files, "contexts", model => model.Contexts, context => context.Name);
        clusters = Merge(files, "clusters", model => model.Clusters, cluster => cluster.Name);
        users = Merge(files, "users", model => model.Users, user => user.Name);
    }

    public static KubeconfigResult Resolve(IReadOnlyList<KubeconfigFile> files, string? requestedContext)
    {
        try
        {
            return KubeconfigResult.Success(new KubeconfigResolver(files).ResolveOrThrow(requestedContext));
        }
        catch (InvalidKubeconfigException e)
        {
            return KubeconfigResult.Failure(e.Error);
        }
    }

    private KubeCluster ResolveOrThrow(string? requestedContext)
    {
        var context = FindContext(requestedContext);
        var details = context.Value.ContextDetails ?? throw Missing(context.File, $"{context.Path}.context");
        var clusterField = $"{context.Path}.context.cluster";
        if (string.IsNullOrEmpty(details.Cluster))
        {
            throw Missing(context.File, clusterField);
        }

        var cluster = Find(clusters, "clusters", "cluster", details.Cluster, context.File, clusterField);
        CheckCluster(cluster);
        Entry<User>? user = null;
        if (!string.IsNullOrEmpty(details.User))
        {
            user = Find(users, "users", "user", details.User, context.File, $"{context.Path}.context.user");
            CheckUser(user);
        }

        var configuration = Build(context, cluster, user);
        configuration.Namespace = string.IsNullOrEmpty(details.Namespace) ? KubeCluster.DefaultNamespace : details.Namespace;
        return new KubeCluster(context.Value.Name, new Uri(configuration.Host), configuration.Namespace, configuration);
    }

    private Entry<Context> FindContext(string? requestedContext)
    {
        KubeconfigFile? setBy = null;
        var name = requestedContext;
        if (string.IsNullOrEmpty(name))
        {
            setBy = files.FirstOrDefault(file => !string.IsNullOrEmpty(file.Model.CurrentContext))
                ?? throw Invalid(AllFiles("no current-context is set and no context was chosen"));
            name = setBy.Model.CurrentContext;
        }

        if (contexts.TryGetValue(name, out var context))
        {
            return context;
        }

        var message = $"context '{name}' not found ({Known(contexts, "contexts")})";
        throw Invalid(setBy is null ? AllFiles(message) : setBy.Error("current-context", message));
    }

    private Entry<T> Find<T>(OrderedDictionary<string, Entry<T>> entries, string listKey, string what, string name, KubeconfigFile referrer, string field) =>
        entries.TryGetValue(name, out var entry)
            ? entry
            : throw Invalid(referrer.Error(field, $"{field}: {what} '{name}' not found ({Known(entries, listKey)})"));

    private void CheckCluster(Entry<Cluster> cluster)
    {
        var path = $"{cluster.Path}.cluster";
        var endpoint = cluster.Value.ClusterEndpoint ?? throw Missing(cluster.File, path);
        var serverField = $"{path}.server";
        if (string.IsNullOrEmpty(endpoint.Server))
        {
            throw Missing(cluster.File, serverField);
        }

        if (!Uri.TryCreate(endpoint.Server, UriKind.Absolute, out var server) || (server.Scheme != Uri.UriSchemeHttps && server.Scheme != Uri.UriSchemeHttp))
        {
            throw Invalid(cluster.File.Error(serverField, $"{serverField} '{endpoint.Server}' is not an http or https URL"));
        }

        if (DataOrFile(cluster.File, path, "certificate-authority", endpoint.CertificateAuthorityData, endpoint.CertificateAuthority) is { } authority)
        {
            var certificates = new X509Certificate2Collection();
            try
            {
                certificates.ImportFromPem(authority.Text);
            }
            catch (CryptographicException e)
            {
                throw Invalid(cluster.File.Error(authority.Field, $"{authority.Field} is not a valid PEM certificate: {e.Message}"));
            }

            var found = certificates.Count;
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }

            if (found == 0)
            {
                throw Invalid(cluster.File.Error(authority.Field, $"{authority.Field} holds no PEM certificate"));
            }
        }
    }

    private static void CheckUser(Entry<User> user)
    {
        var path = $"{user.Path}.user";
        if (user.Value.UserCredentials is not { } credentials)
        {
            return;
        }

        var certificate = DataOrFile(user.File, path, "client-certificate", credentials.ClientCertificateData, credentials.ClientCertificate);
        var key = DataOrFile(user.File, path, "client-key", credentials.ClientKeyData, credentials.ClientKey);
        if (certificate is null != key is null)
        {
            var given = (certificate ?? key)!.Value.Field;
            var missing = certificate is null ? "client-certificate-data or client-certificate" : "client-key-data or client-key";
            throw Invalid(user.File.Error(given, $"{given} is given but {path}.{missing} is not"));
        }

        if (certificate is { } pem && key is { } keyPem)
        {
            try
            {
                using var pair = X509Certificate2.CreateFromPem(pem.Text, keyPem.Text);
            }
            catch (CryptographicException e)
            {
                throw Invalid(user.File.Error(keyPem.Field, $"{pem.Field} and {keyPem.Field} are not a PEM certificate and its private key (RSA or EC): {e.Message}"));
            }
        }
    }

    /// <summary>KubernetesClient's configuration, from a kubeconfig holding only the chosen context, its cluster and its user.</summary>
    private static KubernetesClientConfiguration Build(Entry<Context> context, Entry<Cluster> cluster, Entry<User>? user)
    {
        var credentials = user?.Value.UserCredentials;
        var tokenFile = user is null ? null : TokenFile(user);
        var useTokenFile = tokenFile is not null && credentials is not null && string.IsNullOrWhiteSpace(credentials.Token);
        if (useTokenFile)
        {
            // The library knows no tokenFile: give it the token now, so that it accepts the user. A token wins over it, as in kubectl.
            credentials!.Token = ReadFile(user!.File, $"{user.Path}.user.tokenFile", tokenFile!).Trim();
        }

        var details = context.Value.ContextDetails;
        var single = new K8SConfiguration
        {
            ApiVersion = "v1",
            Kind = "Config",
            CurrentContext = context.Value.Name,
            Contexts =
            [
                new Context
                {
                    Name = context.Value.Name,
                    // kubectl takes a user without credentials as anonymous; the library would refuse it.
                    ContextDetails = new ContextDetails { Cluster = details.Cluster, Namespace = details.Namespace, User = HasCredentials(credentials) ? details.User : null },
                },
            ],
            Clusters = [cluster.Value],
            Users = user is null ? [] : [user.Value],
        };

        KubernetesClientConfiguration configuration;
        try
        {
            configuration = KubernetesClientConfiguration.BuildConfigFromConfigObject(single);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // What our checks leave to the library is the user's: an exec plugin that fails, an auth provider it does not support.
            var (file, field) = user is null ? (cluster.File, $"{cluster.Path}.cluster")
                : credentials?.ExternalExecution is not null ? (user.File, $"{user.Path}.user.exec")
                : credentials?.AuthProvider is not null ? (user.File, $"{user.Path}.user.auth-provider")
                : (user.File, $"{user.Path}.user");
            throw Invalid(file.Error(field, $"{field}: {LibraryMessage(e)}"));
        }

        if (useTokenFile && configuration.TokenProvider is null)
        {
            // Re-read on use (each minute at most), as kubectl does: the file may be rotated.
            configuration.TokenProvider = new TokenFileAuth(tokenFile!);
        }

        return configuration;
    }

    private static bool HasCredentials(UserCredentials? credentials) =>
        credentials is not null && (!string.IsNullOrWhiteSpace(credentials.Token)
            || !string.IsNullOrWhiteSpace(credentials.UserName)
            || !string.IsNullOrWhiteSpace(credentials.ClientCertificateData)
            || !string.IsNullOrWhiteSpace(credentials.ClientCertificate)
            || credentials.AuthProvider is not null
            || credentials.ExternalExecution is not null);

    /// <summary>The tokenFile of a user (the library's model has no such field), made absolute against its kubeconfig's folder.</summary>
    private static string? TokenFile(Entry<User> user) =>
        user.File.Scalar($"{user.Path}.user.tokenFile") is { Length: > 0 } path ? Path.GetFullPath(Path.Combine(user.File.Folder, path)) : null;

    /// <summary>A value given inline as base64 (<c>{key}-data</c>) or as a file (<c>{key}</c>, already absolute): its field and text.</summary>
    private static (string Field, string Text)? DataOrFile(KubeconfigFile file, string path, string key, string? data, string? fileName)
    {
        if (!string.IsNullOrEmpty(data))
        {
            var field = $"{path}.{key}-data";
            try
            {
                return (field, Encoding.UTF8.GetString(Convert.FromBase64String(data.Trim())));
            }
            catch (FormatException)
            {
                throw Invalid(file.Error(field, $"{field} is not valid base64"));
            }
        }

        return string.IsNullOrEmpty(fileName) ? null : ($"{path}.{key}", ReadFile(file, $"{path}.{key}", fileName));
    }

    private static string ReadFile(KubeconfigFile file, string field, string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : e.Message;
            throw Invalid(file.Error(field, $"{field}: cannot read {path}: {reason}"));
        }
    }

    /// <summary>Each name once, the first file's entry winning; an entry without a name is an error.</summary>
    private static OrderedDictionary<string, Entry<T>> Merge<T>(IReadOnlyList<KubeconfigFile> files, string listKey, Func<K8SConfiguration, IEnumerable<T?>> list, Func<T, string?> nameOf)
        where T : class
    {
        var merged = new OrderedDictionary<string, Entry<T>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var index = 0;
            foreach (var value in list(file.Model))
            {
                var path = $"{listKey}[{index++}]";
                var name = value is null ? null : nameOf(value);
                if (string.IsNullOrEmpty(name))
                {
                    throw Missing(file, $"{path}.name");
                }

                merged.TryAdd(name, new Entry<T>(file, path, value!));
            }
        }

        return merged;
    }

    private string Known<T>(OrderedDictionary<string, Entry<T>> entries, string listKey) =>
        entries.Count > 0 ? $"{listKey}: {string.Join(", ", entries.Keys)}" : files.Count == 1 ? $"no {listKey} in the file" : $"no {listKey} in the files";

    /// <summary>An error about the kubeconfig as a whole: every file is named.</summary>
    private KubeconfigError AllFiles(string message) => new(string.Join(", ", files.Select(file => file.Shown)), 0, 0, null, message);

    /// <summary>
    /// A KubernetesClient message for the user: its first line (a failed exec plugin's runs on with a stack trace),
    /// without the exception type names it quotes.
    /// </summary>
    internal static string LibraryMessage(Exception e) =>
        ExceptionTypeName().Replace(e.Message.Split('\n', 2)[0], "").TrimEnd();

    [GeneratedRegex(@"\b(?:\w+\.)+\w*Exception: ")]
    private static partial Regex ExceptionTypeName();

    private static InvalidKubeconfigException Missing(KubeconfigFile file, string field) => Invalid(file.Error(field, $"{field} is missing"));

    private static InvalidKubeconfigException Invalid(KubeconfigError error) => new(error);

    /// <summary>A named entry (context, cluster, user), with the file it came from and its path there (<c>users[1]</c>).</summary>
    private sealed record Entry<T>(KubeconfigFile File, string Path, T Value);

    /// <summary>Unwinds the checks to <see cref="Resolve"/>, which turns it into a <see cref="KubeconfigResult"/>; never leaves this type.</summary>
    private sealed class InvalidKubeconfigException(KubeconfigError error) : Exception(error.Message)
    {
        public KubeconfigError Error { get; } = error;
    }
}
