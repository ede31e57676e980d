using System.Net;
using System.Net.Sockets;
using System.Text;
using FluentAssertions;
using Konfig.Kubernetes.Kubeconfig;

namespace Konfig.Kubernetes.Tests.Client;

/// <summary>The client against a TLS server that requires a client certificate, configured only through a kubeconfig.</summary>
public sealed class KubernetesHttpClientTlsTests : IAsyncLifetime, IDisposable
{
    private static readonly TestCertificates ClusterAuthority = TestCertificates.CreateAuthority("cluster-ca");
    private readonly TemporaryFolder folder = new();
    private ApiResponder server = null!;

    public async Task InitializeAsync() =>
        server = await ApiResponder.StartAsync(ClusterAuthority.IssueServer(), clientAuthority: ClusterAuthority.Authority);

    public async Task DisposeAsync() => await server.DisposeAsync();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(ClientKeyForm.Rsa)]
    [InlineData(ClientKeyForm.Ec)]
    [InlineData(ClientKeyForm.Pkcs8)]
    public async Task Connects_with_the_kubeconfig_ca_and_client_certificate_and_sends_the_token(ClientKeyForm form)
    {
        using var client = ClientFor($"certificate-authority-data: {Base64(ClusterAuthority.AuthorityPem)}", form);

        var kind = await client.FindKindAsync("v1", "ConfigMap");

        kind.Should().Be(new ResourceKind("", "v1", "ConfigMap", "configmaps", Namespaced: true));
        var request = server.Requests.Should().ContainSingle().Subject;
        request.ClientCertificateSubject.Should().Be($"CN=admin-{form}");
        request.Authorization.Should().Be("Bearer secret-token");
    }

    [Fact]
    public async Task A_wrong_ca_fails_with_a_clear_error()
    {
        var otherAuthority = TestCertificates.CreateAuthority("some-other-ca");
        using var client = ClientFor($"certificate-authority-data: {Base64(otherAuthority.AuthorityPem)}", ClientKeyForm.Rsa);

        var call = () => client.FindKindAsync("v1", "ConfigMap");

        var error = (await call.Should().ThrowAsync<KubernetesApiException>()).Which;
        error.StatusCode.Should().Be(0);
        error.Reason.Should().Be("Unreachable");
        error.Message.Should().StartWith($"cannot reach https://127.0.0.1:{server.Url.Port}: TLS handshake failed: the server certificate (CN=kube-apiserver) is not signed by the cluster's certificate authority");
        server.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_certificate_from_the_right_ca_for_another_name_is_refused()
    {
        // tls-server-name is the name the certificate must carry; this one is for 127.0.0.1 and localhost only.
        using var client = ClientFor($"certificate-authority-data: {Base64(ClusterAuthority.AuthorityPem)}\n    tls-server-name: api.other.example", ClientKeyForm.Rsa);

        var call = () => client.FindKindAsync("v1", "ConfigMap");

        (await call.Should().ThrowAsync<KubernetesApiException>()).Which.Message.Should()
            .Be($"cannot reach https://127.0.0.1:{server.Url.Port}: TLS handshake failed: the server certificate (CN=kube-apiserver) is not valid for api.other.example");
        server.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Tls_server_name_is_the_name_checked()
    {
        using var client = ClientFor($"certificate-authority-data: {Base64(ClusterAuthority.AuthorityPem)}\n    tls-server-name: localhost", ClientKeyForm.Ec);

        (await client.FindKindAsync("v1", "ConfigMap")).Should().NotBeNull();
    }

    [Fact]
    public async Task No_ca_means_the_system_store_which_does_not_trust_a_private_ca()
    {
        using var client = ClientFor(clusterTls: null, ClientKeyForm.Rsa);

        var call = () => client.FindKindAsync("v1", "ConfigMap");

        (await call.Should().ThrowAsync<KubernetesApiException>()).Which.Message.Should().Contain("is not trusted by the system");
    }

    [Fact]
    public async Task Insecure_skip_tls_verify_accepts_the_server_without_a_ca()
    {
        using var client = ClientFor("insecure-skip-tls-verify: true", ClientKeyForm.Ec);

        (await client.FindKindAsync("apps/v1", "Deployment")).Should().Be(new ResourceKind("apps", "v1", "Deployment", "deployments", Namespaced: true));
    }

    [Fact]
    public async Task A_refused_connection_is_unreachable_with_the_reason()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = new KubernetesHttpClient(KubeCluster.Anonymous(new Uri($"http://127.0.0.1:{port}")));

        var call = () => client.GetAsync(new ObjectReference("v1", "ConfigMap", "default", "x"));

        var error = (await call.Should().ThrowAsync<KubernetesApiException>()).Which;
        error.StatusCode.Should().Be(0);
        error.Reason.Should().Be("Unreachable");
        error.Message.Should().StartWith($"cannot reach http://127.0.0.1:{port}: ").And.Contain("refused");
    }

    private KubernetesHttpClient ClientFor(string? clusterTls, ClientKeyForm form)
    {
        var (certificatePem, keyPem) = ClusterAuthority.IssueClient($"admin-{form}", form);
        var clusterFields = clusterTls is null ? "" : $"    {clusterTls}\n";
        var path = folder.Write("config", $"""
            apiVersion: v1
            kind: Config
            current-context: tls
            clusters:
            - name: tls
              cluster:
                server: {server.Url.GetLeftPart(UriPartial.Authority)}
            {clusterFields}users:
            - name: admin
              user:
                token: secret-token
                client-certificate-data: {Base64(certificatePem)}
                client-key-data: {Base64(keyPem)}
            contexts:
            - name: tls
              context:
                cluster: tls
                user: admin
            """);
        var result = KubeconfigLoader.Load(path);
        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        return new KubernetesHttpClient(result.Cluster!);
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
