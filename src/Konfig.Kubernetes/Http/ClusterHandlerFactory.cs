using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Konfig.Kubernetes.Kubeconfig;

namespace Konfig.Kubernetes.Http;

/// <summary>
/// Builds the HTTP handler for one cluster: the server certificate checked against the kubeconfig's CA (or
/// the system store, or not at all with insecure-skip-tls-verify), and the client certificate offered.
/// </summary>
internal static class ClusterHandlerFactory
{
    public static SocketsHttpHandler Create(KubeCluster cluster, TlsFailureRecorder failures, TimeSpan connectTimeout)
    {
        var ssl = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, errors) => Validate(cluster, certificate, errors, failures),
        };
        if (cluster.ClientCertificate is { } clientCertificate)
        {
            ssl.ClientCertificates = [clientCertificate];

            // Offer the certificate whatever CAs the server names: API servers often name none.
            ssl.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        }

        return new SocketsHttpHandler
        {
            SslOptions = ssl,
            ConnectTimeout = connectTimeout,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            AutomaticDecompression = System.Net.DecompressionMethods.All,
            // The engine calls in parallel; more than the default 2-per-server of old .NET, and HTTP/1.1 watches hold a connection each.
            MaxConnectionsPerServer = 64,
        };
    }

    private static bool Validate(KubeCluster cluster, X509Certificate? certificate, SslPolicyErrors errors, TlsFailureRecorder failures)
    {
        if (cluster.InsecureSkipTlsVerify)
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
            failures.Record($"the server certificate ({certificate.Subject}) is not valid for {cluster.Server.Host}");
            return false;
        }

        if (cluster.CertificateAuthorities.Count == 0)
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
        chain.ChainPolicy.CustomTrustStore.AddRange(cluster.CertificateAuthorities);
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
}
