using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using k8s.Authentication;
using k8s.Exceptions;
using Konfig.Kubernetes.Kubeconfig;

namespace Konfig.Kubernetes.Http;

/// <summary>
/// The HTTP pipeline to one cluster, built by KubernetesClient as for its own client: its handler with the client
/// certificate, and its credentials put on each request (a token; a token file, re-read each minute; an exec
/// plugin, re-run before its token expires; OIDC, refreshed). We change two things: connection settings for the
/// engine's parallel calls, and the server certificate check, which says why a certificate was refused and, unlike
/// the library's, also checks the host name when the kubeconfig gives a CA.
/// </summary>
internal sealed class ClusterTransport : IDisposable
{
    private readonly k8s.Kubernetes kubernetes;

    public ClusterTransport(KubeCluster cluster, TlsFailureRecorder failures, TimeSpan connectTimeout)
    {
        var credentials = new CredentialsHandler(cluster.Server, cluster.Configuration.TlsServerName);
        kubernetes = new k8s.Kubernetes(cluster.Configuration, credentials);
        credentials.Credentials = kubernetes.Credentials;

        // The library put its SocketsHttpHandler behind ours; nothing has been sent yet, so it can still be tuned.
        var sockets = (SocketsHttpHandler)credentials.InnerHandler!;
        sockets.ConnectTimeout = connectTimeout;
        sockets.PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1);
        sockets.AutomaticDecompression = System.Net.DecompressionMethods.All;
        // The engine calls in parallel, and HTTP/1.1 watches hold a connection each.
        sockets.MaxConnectionsPerServer = 64;
        sockets.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => Validate(cluster, certificate, errors, failures);

        Http = kubernetes.HttpClient;
    }

    public HttpClient Http { get; }

    public void Dispose() => kubernetes.Dispose();

    private static bool Validate(KubeCluster cluster, X509Certificate? certificate, SslPolicyErrors errors, TlsFailureRecorder failures)
    {
        var configuration = cluster.Configuration;
        if (configuration.SkipTlsVerify)
        {
            return true;
        }

        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            failures.Record("the server sent no certificate");
            return false;
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            failures.Record($"the server certificate ({certificate.Subject}) is not valid for {configuration.TlsServerName ?? cluster.Server.Host}");
            return false;
        }

        if (configuration.SslCaCerts is not { Count: > 0 } authorities)
        {
            if (errors == SslPolicyErrors.None)
            {
                return true;
            }

            failures.Record($"the server certificate ({certificate.Subject}) is not trusted by the system; give the cluster's certificate-authority-data");
            return false;
        }

        // As kubectl does, a kubeconfig CA replaces the system store rather than adding to it.
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var server = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        if (chain.Build(server))
        {
            return true;
        }

        var status = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal));
        failures.Record($"the server certificate ({certificate.Subject}) is not signed by the cluster's certificate authority ({status})");
        return false;
    }

    /// <summary>
    /// Puts the library's credentials on each request, as its own client does (a token provider renews an expiring
    /// token here), and tls-server-name as the Host, which is the name the server certificate is checked against.
    /// </summary>
    private sealed class CredentialsHandler(Uri server, string? tlsServerName) : DelegatingHandler
    {
        public ServiceClientCredentials? Credentials { get; set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Credentials is not null)
            {
                try
                {
                    await Credentials.ProcessHttpRequestAsync(request, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is KubeConfigException or IOException or UnauthorizedAccessException)
                {
                    // An exec plugin that now fails, a token file that is gone: no request was sent.
                    throw new KubernetesApiException(0, "Unauthorized", $"cannot get credentials for {server.GetLeftPart(UriPartial.Authority)}: {KubeconfigResolver.LibraryMessage(e)}", e);
                }
            }

            if (!string.IsNullOrWhiteSpace(tlsServerName))
            {
                request.Headers.Host = tlsServerName;
            }

            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }
}
