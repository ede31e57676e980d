using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Konfig.Kubernetes.Tests.Client;

/// <summary>A certificate authority made at test time, issuing server and client certificates for loopback.</summary>
internal sealed class TestCertificates
{
    private TestCertificates(X509Certificate2 authority) => Authority = authority;

    public X509Certificate2 Authority { get; }

    public string AuthorityPem => Authority.ExportCertificatePem();

    public static TestCertificates CreateAuthority(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return new TestCertificates(Persist(request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1))));
    }

    /// <summary>A server certificate for 127.0.0.1 and localhost, with its key (usable by Kestrel).</summary>
    public X509Certificate2 IssueServer()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=kube-apiserver", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        return Persist(Issue(request).CopyWithPrivateKey(key));
    }

    /// <summary>A client certificate and its private key as PEM: RSA (PKCS#1), EC (SEC1) or PKCS#8.</summary>
    public (string CertificatePem, string KeyPem) IssueClient(string commonName, ClientKeyForm form)
    {
        using AsymmetricAlgorithm key = form == ClientKeyForm.Ec ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : RSA.Create(2048);
        var request = key is ECDsa ec
            ? new CertificateRequest($"CN={commonName}", ec, HashAlgorithmName.SHA256)
            : new CertificateRequest($"CN={commonName}", (RSA)key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var certificate = Issue(request);
        var keyPem = form switch
        {
            ClientKeyForm.Rsa => ((RSA)key).ExportRSAPrivateKeyPem(),
            ClientKeyForm.Ec => ((ECDsa)key).ExportECPrivateKeyPem(),
            _ => key.ExportPkcs8PrivateKeyPem(),
        };
        return (certificate.ExportCertificatePem(), keyPem);
    }

    private X509Certificate2 Issue(CertificateRequest request)
    {
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Authority, true, false));
        var now = DateTimeOffset.UtcNow;
        // The signature generator overload lets the RSA authority sign EC keys too.
        using var authorityKey = Authority.GetRSAPrivateKey()!;
        var signer = X509SignatureGenerator.CreateForRSA(authorityKey, RSASignaturePadding.Pkcs1);
        return request.Create(Authority.SubjectName, signer, now.AddHours(-1), now.AddHours(12), RandomNumberGenerator.GetBytes(16));
    }

    /// <summary>A PKCS#12 round trip: TLS stacks cannot always use the ephemeral keys CertificateRequest makes.</summary>
    private static X509Certificate2 Persist(X509Certificate2 certificate)
    {
        using (certificate)
        {
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        }
    }
}

public enum ClientKeyForm
{
    Rsa,
    Ec,
    Pkcs8,
}
