using k8s;

namespace Konfig.Kubernetes.Kubeconfig;

/// <summary>
/// One kubeconfig context, resolved and checked: its name, the API server, the namespace, and KubernetesClient's
/// configuration for it (credentials, certificates, exec plugin), from which <see cref="KubernetesHttpClient"/>
/// builds its transport.
/// </summary>
/// <param name="ContextName">The context that was chosen (current-context, or the one asked for).</param>
/// <param name="Server">The API server's address.</param>
/// <param name="Namespace">The context's namespace, "default" when it names none.</param>
/// <param name="Configuration">KubernetesClient's configuration of this context.</param>
public sealed record KubeCluster(string ContextName, Uri Server, string Namespace, KubernetesClientConfiguration Configuration)
{
    public const string DefaultNamespace = "default";

    /// <summary>A cluster reached with no credentials and the system trust store (plain http, tests, proxies).</summary>
    public static KubeCluster Anonymous(Uri server, string @namespace = DefaultNamespace) =>
        new("", server, @namespace, new KubernetesClientConfiguration { Host = server.AbsoluteUri, Namespace = @namespace });
}
