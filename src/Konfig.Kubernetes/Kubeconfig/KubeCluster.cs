using k8s;

namespace Konfig.Kubernetes.Kubeconfig;

/// <summary>
/// One kubeconfig context, resolved and checked: its name, the API server and the namespace; inside this library,
/// also KubernetesClient's configuration of it (credentials, certificates, exec plugin), from which
/// <see cref="KubernetesHttpClient"/> builds its transport. The library's types stay behind this seam.
/// </summary>
public sealed record KubeCluster
{
    public const string DefaultNamespace = "default";

    internal KubeCluster(string contextName, Uri server, string @namespace, KubernetesClientConfiguration configuration)
    {
        ContextName = contextName;
        Server = server;
        Namespace = @namespace;
        Configuration = configuration;
    }

    /// <summary>The context that was chosen (current-context, or the one asked for).</summary>
    public string ContextName { get; }

    /// <summary>The API server's address.</summary>
    public Uri Server { get; }

    /// <summary>The context's namespace, "default" when it names none.</summary>
    public string Namespace { get; }

    internal KubernetesClientConfiguration Configuration { get; }

    /// <summary>A cluster reached with no credentials and the system trust store (plain http, tests, proxies).</summary>
    public static KubeCluster Anonymous(Uri server, string @namespace = DefaultNamespace) =>
        new("", server, @namespace, new KubernetesClientConfiguration { Host = server.AbsoluteUri, Namespace = @namespace });
}
