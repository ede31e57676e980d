using System.Text;
using FluentAssertions;
using k8s;
using Konfig.Kubernetes.Kubeconfig;

namespace Konfig.Kubernetes.Tests.Client;

public sealed class KubeconfigLoaderTests : IDisposable
{
    private static readonly TestCertificates Certificates = TestCertificates.CreateAuthority("kubeconfig-test-ca");
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Resolves_the_current_context_with_a_token_and_inline_ca()
    {
        var path = folder.Write("config", Kubeconfig(
            currentContext: "dev",
            clusterFields: $"server: https://10.0.0.1:6443\ncertificate-authority-data: {Base64(Certificates.AuthorityPem)}",
            userFields: "token: abc.def",
            contextNamespace: "team-a"));

        var result = KubeconfigLoader.Load(path);

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        var cluster = result.Cluster!;
        cluster.ContextName.Should().Be("dev");
        cluster.Server.Should().Be(new Uri("https://10.0.0.1:6443"));
        cluster.Namespace.Should().Be("team-a");
        cluster.Configuration.AccessToken.Should().Be("abc.def");
        cluster.Configuration.SslCaCerts.Should().ContainSingle().Which.Thumbprint.Should().Be(Certificates.Authority.Thumbprint);
        cluster.Configuration.SkipTlsVerify.Should().BeFalse();
        cluster.Configuration.ClientCertificateData.Should().BeNull();
    }

    [Fact]
    public void An_explicit_context_wins_over_current_context_and_namespace_defaults()
    {
        var path = folder.Write("config", """
            apiVersion: v1
            kind: Config
            current-context: dev
            clusters:
            - name: dev-cluster
              cluster:
                server: https://dev.example:6443
            - name: prod-cluster
              cluster:
                server: https://prod.example:6443
                insecure-skip-tls-verify: true
            users:
            - name: dev-user
              user:
                token: dev-token
            contexts:
            - name: dev
              context:
                cluster: dev-cluster
                user: dev-user
                namespace: dev-ns
            - name: prod
              context:
                cluster: prod-cluster
            """);

        var result = KubeconfigLoader.Load(path, "prod");

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        result.Cluster!.ContextName.Should().Be("prod");
        result.Cluster.Server.Host.Should().Be("prod.example");
        result.Cluster.Configuration.SkipTlsVerify.Should().BeTrue();
        result.Cluster.Namespace.Should().Be("default");
        result.Cluster.Configuration.AccessToken.Should().BeNull();
        result.Cluster.Configuration.TokenProvider.Should().BeNull();
    }

    [Theory]
    [InlineData(ClientKeyForm.Rsa)]
    [InlineData(ClientKeyForm.Ec)]
    [InlineData(ClientKeyForm.Pkcs8)]
    public void Reads_an_inline_client_certificate_and_key(ClientKeyForm form)
    {
        var (certificatePem, keyPem) = Certificates.IssueClient($"user-{form}", form);
        var path = folder.Write("config", Kubeconfig(
            userFields: $"client-certificate-data: {Base64(certificatePem)}\nclient-key-data: {Base64(keyPem)}"));

        var result = KubeconfigLoader.Load(path);

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        result.Cluster!.Configuration.ClientCertificateData.Should().Be(Base64(certificatePem));
        result.Cluster.Configuration.ClientCertificateKeyData.Should().Be(Base64(keyPem));
    }

    [Fact]
    public async Task Reads_files_relative_to_the_kubeconfig_folder()
    {
        var (certificatePem, keyPem) = Certificates.IssueClient("file-user", ClientKeyForm.Ec);
        folder.Write("kube/pki/ca.crt", Certificates.AuthorityPem);
        folder.Write("kube/pki/client.crt", certificatePem);
        folder.Write("kube/pki/client.key", keyPem);
        folder.Write("kube/token", "  file-token\n");
        var path = folder.Write("kube/config", Kubeconfig(
            clusterFields: "server: https://10.0.0.1:6443\ncertificate-authority: pki/ca.crt",
            userFields: "tokenFile: token\nclient-certificate: pki/client.crt\nclient-key: pki/client.key"));

        var result = KubeconfigLoader.Load(path);

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        var configuration = result.Cluster!.Configuration;
        configuration.SslCaCerts.Should().ContainSingle().Which.Thumbprint.Should().Be(Certificates.Authority.Thumbprint);
        configuration.ClientCertificateFilePath.Should().Be(Path.Combine(folder.Path, "kube", "pki", "client.crt"));
        configuration.ClientKeyFilePath.Should().Be(Path.Combine(folder.Path, "kube", "pki", "client.key"));
        (await Authorization(configuration)).Should().Be("Bearer file-token");
    }

    [Fact]
    public void Bad_base64_names_the_file_the_line_and_the_field()
    {
        var (certificatePem, _) = Certificates.IssueClient("user", ClientKeyForm.Rsa);
        var text = Kubeconfig(userFields: $"client-certificate-data: {Base64(certificatePem)}\nclient-key-data: not*base64!");
        var path = folder.Write("config", text);

        var result = KubeconfigLoader.Load(path);

        result.Succeeded.Should().BeFalse();
        var error = result.Error!;
        error.Field.Should().Be("users[0].user.client-key-data");
        error.Line.Should().Be(LineOf(text, "client-key-data:"));
        error.ToString().Should().Be($"kubeconfig {path}:{error.Line}: users[0].user.client-key-data is not valid base64");
    }

    [Fact]
    public void A_key_that_does_not_match_its_certificate_is_an_error_on_the_key()
    {
        var (certificatePem, _) = Certificates.IssueClient("one", ClientKeyForm.Rsa);
        var (_, otherKeyPem) = Certificates.IssueClient("two", ClientKeyForm.Rsa);
        var text = Kubeconfig(userFields: $"client-certificate-data: {Base64(certificatePem)}\nclient-key-data: {Base64(otherKeyPem)}");

        var result = KubeconfigLoader.Load(folder.Write("config", text));

        result.Error!.Field.Should().Be("users[0].user.client-key-data");
        result.Error.Line.Should().Be(LineOf(text, "client-key-data:"));
        result.Error.Message.Should().Contain("not a PEM certificate and its private key");
    }

    [Fact]
    public void A_certificate_without_a_key_is_an_error()
    {
        var (certificatePem, _) = Certificates.IssueClient("one", ClientKeyForm.Rsa);
        var result = KubeconfigLoader.Load(folder.Write("config", Kubeconfig(userFields: $"client-certificate-data: {Base64(certificatePem)}")));

        result.Error!.Message.Should().Be("users[0].user.client-certificate-data is given but users[0].user.client-key-data or client-key is not");
    }

    [Fact]
    public void An_unknown_context_lists_the_known_ones()
    {
        var path = folder.Write("config", Kubeconfig(currentContext: "dev"));

        var result = KubeconfigLoader.Load(path, "prod");

        result.Error!.Message.Should().Be("context 'prod' not found (contexts: dev)");
        result.Error.ToString().Should().Be($"kubeconfig {path}: context 'prod' not found (contexts: dev)");
    }

    [Fact]
    public void A_current_context_that_does_not_exist_points_at_its_line()
    {
        var text = Kubeconfig(currentContext: "staging");
        var result = KubeconfigLoader.Load(folder.Write("config", text));

        result.Error!.Message.Should().Be("context 'staging' not found (contexts: dev)");
        result.Error.Line.Should().Be(LineOf(text, "current-context:"));
    }

    [Fact]
    public void No_current_context_and_no_context_given_is_an_error()
    {
        var text = Kubeconfig().Replace("current-context: dev\n", "", StringComparison.Ordinal);

        var result = KubeconfigLoader.Load(folder.Write("config", text));

        result.Error!.Message.Should().Be("no current-context is set and no context was chosen");
    }

    [Fact]
    public void A_context_naming_a_missing_cluster_is_an_error_at_that_reference()
    {
        var text = Kubeconfig().Replace("cluster: dev-cluster", "cluster: gone", StringComparison.Ordinal);

        var result = KubeconfigLoader.Load(folder.Write("config", text));

        result.Error!.Message.Should().Be("contexts[0].context.cluster: cluster 'gone' not found (clusters: dev-cluster)");
        result.Error.Line.Should().Be(LineOf(text, "cluster: gone"));
    }

    [Fact]
    public void A_missing_server_and_a_bad_server_are_errors()
    {
        var missing = KubeconfigLoader.Load(folder.Write("a", Kubeconfig(clusterFields: "insecure-skip-tls-verify: true")));
        var bad = KubeconfigLoader.Load(folder.Write("b", Kubeconfig(clusterFields: "server: not a url")));

        missing.Error!.Message.Should().Be("clusters[0].cluster.server is missing");
        bad.Error!.Field.Should().Be("clusters[0].cluster.server");
        bad.Error.Message.Should().Contain("is not an http or https URL");
    }

    [Fact]
    public void A_token_file_that_does_not_exist_names_the_field_and_the_file()
    {
        var text = Kubeconfig(userFields: "tokenFile: secrets/token");

        var result = KubeconfigLoader.Load(folder.Write("config", text));

        result.Error!.Field.Should().Be("users[0].user.tokenFile");
        result.Error.Line.Should().Be(LineOf(text, "tokenFile:"));
        result.Error.Message.Should().Contain(Path.Combine(folder.Path, "secrets", "token")).And.EndWith("file not found");
    }

    [Fact]
    public void A_user_without_credentials_is_anonymous()
    {
        var result = KubeconfigLoader.Load(folder.Write("config", Kubeconfig(userFields: "{}")));

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        k8s.Kubernetes.CreateCredentials(result.Cluster!.Configuration).Should().BeNull();
    }

    [Fact]
    public void A_wrongly_typed_field_names_its_line()
    {
        var path = folder.Write("config", "apiVersion: v1\nkind: Config\nclusters:\n- name: a\n  cluster:\n    server: [1, 2]\n");

        var result = KubeconfigLoader.Load(path);

        result.Error!.Line.Should().Be(6);
        result.Error.ToString().Should().StartWith($"kubeconfig {path}:6:").And.Contain("is not a kubeconfig");
    }

    [Fact]
    public void Malformed_yaml_gives_file_line_and_column()
    {
        var path = folder.Write("config", "apiVersion: v1\nclusters:\n- name: a\n  cluster: [unclosed\n");

        var result = KubeconfigLoader.Load(path);

        result.Error!.Line.Should().BeGreaterThan(0);
        result.Error.Column.Should().BeGreaterThan(0);
        result.Error.ToString().Should().StartWith($"kubeconfig {path}:{result.Error.Line}:{result.Error.Column}: malformed YAML: ");
    }

    [Fact]
    public void A_missing_file_is_an_error_naming_it()
    {
        var path = Path.Combine(folder.Path, "nope");

        KubeconfigLoader.Load(path).Error!.ToString().Should().Be($"kubeconfig {path}: cannot read: file not found");
    }

    [Fact]
    public void The_default_paths_are_the_kubeconfig_entries_else_home()
    {
        var home = Path.Combine(folder.Path, "home");
        var first = Path.Combine(folder.Path, "first");
        var second = Path.Combine(folder.Path, "second");

        KubeconfigLoader.DefaultPaths($"{first}{Path.PathSeparator}{second}{Path.PathSeparator}{first}", home).Should().Equal(first, second);
        KubeconfigLoader.DefaultPaths($"{Path.PathSeparator}{second}", home).Should().Equal(second);
        KubeconfigLoader.DefaultPaths(null, home).Should().Equal(Path.Combine(home, ".kube", "config"));
        KubeconfigLoader.DefaultPaths("", home).Should().Equal(Path.Combine(home, ".kube", "config"));
    }

    [Fact]
    public void Paths_under_home_are_shown_with_a_tilde()
    {
        var home = Path.Combine(folder.Path, "home");

        KubeconfigLoader.DisplayPath(Path.Combine(home, ".kube", "config"), home).Should().Be("~/.kube/config");
        KubeconfigLoader.DisplayPath(Path.Combine(folder.Path, "elsewhere"), home).Should().Be(Path.Combine(folder.Path, "elsewhere"));
    }

    [Fact]
    public async Task Load_without_a_path_reads_the_KUBECONFIG_variable_and_skips_missing_files()
    {
        var path = folder.Write("from-env", Kubeconfig(userFields: "token: from-env"));

        var result = WithKubeconfigVariable(path + Path.PathSeparator + Path.Combine(folder.Path, "other"), () => KubeconfigLoader.Load());

        (await Authorization(result.Cluster!.Configuration)).Should().Be("Bearer from-env");
    }

    [Fact]
    public async Task Files_of_KUBECONFIG_are_merged_the_first_file_winning_and_paths_relative_to_their_own_file()
    {
        // File 1: the current context and a user of the same name as one in file 2; file 2, in another folder:
        // the cluster (its CA a file beside it), the user, and a current-context and context that file 1 overrides.
        var first = folder.Write("a/config", """
            apiVersion: v1
            kind: Config
            current-context: work
            contexts:
            - name: work
              context:
                cluster: shared
                user: me
                namespace: team
            """);
        folder.Write("b/ca.crt", Certificates.AuthorityPem);
        var second = folder.Write("b/config", """
            apiVersion: v1
            kind: Config
            current-context: other
            clusters:
            - name: shared
              cluster:
                server: https://shared.example:6443
                certificate-authority: ca.crt
            users:
            - name: me
              user:
                token: from-second
            contexts:
            - name: work
              context:
                cluster: elsewhere
            - name: other
              context:
                cluster: shared
            """);

        var result = WithKubeconfigVariable(first + Path.PathSeparator + second, () => KubeconfigLoader.Load());

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        result.Cluster!.ContextName.Should().Be("work");
        result.Cluster.Namespace.Should().Be("team");
        result.Cluster.Server.Should().Be(new Uri("https://shared.example:6443"));
        result.Cluster.Configuration.SslCaCerts.Should().ContainSingle().Which.Thumbprint.Should().Be(Certificates.Authority.Thumbprint);
        (await Authorization(result.Cluster.Configuration)).Should().Be("Bearer from-second");
    }

    [Fact]
    public void In_merged_files_an_error_names_the_file_of_the_entry_at_fault()
    {
        var first = folder.Write("a/config", "current-context: work\ncontexts:\n- name: work\n  context:\n    cluster: shared\n    user: me\n");
        var second = folder.Write("b/config", "users:\n- name: me\n  user:\n    tokenFile: gone\n");

        var result = WithKubeconfigVariable(first + Path.PathSeparator + second, () => KubeconfigLoader.Load());
        var noCluster = WithKubeconfigVariable(first + Path.PathSeparator + second, () => KubeconfigLoader.Load(context: "nowhere"));

        result.Error!.ToString().Should().Be($"kubeconfig {first}:5: contexts[0].context.cluster: cluster 'shared' not found (no clusters in the files)");
        noCluster.Error!.ToString().Should().Be($"kubeconfig {first}, {second}: context 'nowhere' not found (contexts: work)");

        folder.Write("b/config", "clusters:\n- name: shared\n  cluster:\n    server: http://127.0.0.1:1\nusers:\n- name: me\n  user:\n    tokenFile: gone\n");
        var badToken = WithKubeconfigVariable(first + Path.PathSeparator + second, () => KubeconfigLoader.Load());
        badToken.Error!.ToString().Should().Be($"kubeconfig {second}:8: users[0].user.tokenFile: cannot read {Path.Combine(folder.Path, "b", "gone")}: file not found");
    }

    /// <summary>The Authorization header the library's credentials for this configuration put on a request.</summary>
    internal static async Task<string?> Authorization(KubernetesClientConfiguration configuration)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://cluster.example/");
        if (k8s.Kubernetes.CreateCredentials(configuration) is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, CancellationToken.None);
        }

        return request.Headers.Authorization?.ToString();
    }

    private static KubeconfigResult WithKubeconfigVariable(string value, Func<KubeconfigResult> load)
    {
        var previous = Environment.GetEnvironmentVariable("KUBECONFIG");
        Environment.SetEnvironmentVariable("KUBECONFIG", value);
        try
        {
            return load();
        }
        finally
        {
            Environment.SetEnvironmentVariable("KUBECONFIG", previous);
        }
    }

    private static string Kubeconfig(
        string currentContext = "dev",
        string clusterFields = "server: https://10.0.0.1:6443",
        string userFields = "token: t",
        string? contextNamespace = null)
    {
        var text = new StringBuilder()
            .Append("apiVersion: v1\nkind: Config\n")
            .Append($"current-context: {currentContext}\n")
            .Append("clusters:\n- name: dev-cluster\n  cluster:\n")
            .Append(Indent(clusterFields))
            .Append("users:\n- name: dev-user\n  user:\n")
            .Append(Indent(userFields))
            .Append("contexts:\n- name: dev\n  context:\n    cluster: dev-cluster\n    user: dev-user\n");
        if (contextNamespace is not null)
        {
            text.Append($"    namespace: {contextNamespace}\n");
        }

        return text.ToString();
    }

    private static string Indent(string fields) =>
        string.Concat(fields.Split('\n').Select(line => $"    {line}\n"));

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static int LineOf(string text, string needle) =>
        text[..text.IndexOf(needle, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
}
