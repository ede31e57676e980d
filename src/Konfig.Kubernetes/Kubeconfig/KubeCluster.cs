using System.Security.Cryptography.X509Certificates;

namespace Konfig.Kubernetes.Kubeconfig;

/// <summary>
/// One kubeconfig context, resolved: everything needed to talk to the cluster, with files already read
/// and base64 already decoded, so building a client cannot fail on bad input.
/// </summary>
/// <param name="ContextName">The context that was chosen (current-context or --context).</param>
/// <param name="Server">The API server's address.</param>
/// <param name="Namespace">The context's namespace, "default" when it names none.</param>
/// <param name="CertificateAuthorities">The cluster's CA bundle; empty to trust the system store.</param>
/// <param name="InsecureSkipTlsVerify">Accept any server certificate (insecure-skip-tls-verify).</param>
/// <param name="BearerToken">token or the contents of tokenFile.</param>
/// <param name="ClientCertificate">The client certificate, with its private key.</param>
public sealed record KubeCluster(
    string ContextName,
    Uri Server,
    string Namespace,
    X509Certificate2Collection CertificateAuthorities,
    bool InsecureSkipTlsVerify,
    string? BearerToken,
    X509Certificate2? ClientCertificate)
{
    public const string DefaultNamespace = "default";

    /// <summary>A cluster reached with no credentials and the system trust store (plain http, tests, proxies).</summary>
    public static KubeCluster Anonymous(Uri server, string @namespace = DefaultNamespace) =>
        new("", server, @namespace, [], InsecureSkipTlsVerify: false, BearerToken: null, ClientCertificate: null);
}
