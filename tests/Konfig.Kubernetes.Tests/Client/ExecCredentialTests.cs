using System.Text.Json.Nodes;
using FluentAssertions;
using Konfig.FakeKube;
using Konfig.Kubernetes.Kubeconfig;

namespace Konfig.Kubernetes.Tests.Client;

/// <summary>
/// Exec credential plugins (<c>users[].user.exec</c>, as EKS, GKE and AKS use): a small shell script prints an
/// ExecCredential, and the client sends its token to a server over real HTTP.
/// </summary>
public sealed class ExecCredentialTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task The_token_an_exec_plugin_prints_is_sent_to_the_fake_API_server()
    {
        await using var server = await FakeKubeServer.StartAsync(new FakeKubeOptions { BearerToken = "exec-token-42" });
        // The token is made of an argument and an environment variable that the kubeconfig gives the plugin.
        Plugin("bin/token-plugin", """
            #!/bin/sh
            echo "{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"$TOKEN_PREFIX-$2\"}}"
            """);
        // A command with a slash is relative to the kubeconfig's folder, as kubectl has it.
        var path = Kubeconfig(server.Url, """
            exec:
              apiVersion: client.authentication.k8s.io/v1
              command: bin/token-plugin
              args: [--number, "42"]
              env:
              - name: TOKEN_PREFIX
                value: exec-token
            """);

        var loaded = KubeconfigLoader.Load(path);
        loaded.Succeeded.Should().BeTrue(loaded.Error?.ToString());
        using var client = new KubernetesHttpClient(loaded.Cluster!);
        var applied = await client.ApplyAsync(Namespace("from-exec"), new ApplyOptions());

        applied["status"]!["phase"]!.GetValue<string>().Should().Be("Active");
        server.Objects.Get("v1", "Namespace", null, "from-exec").Should().NotBeNull();
    }

    [Fact]
    public async Task A_token_the_server_does_not_know_is_refused_with_401()
    {
        await using var server = await FakeKubeServer.StartAsync(new FakeKubeOptions { BearerToken = "the-right-one" });
        Plugin("plugin", """
            #!/bin/sh
            echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"a-wrong-one"}}'
            """);
        using var client = new KubernetesHttpClient(KubeconfigLoader.Load(Kubeconfig(server.Url, PluginExec("plugin"))).Cluster!);

        var call = () => client.ApplyAsync(Namespace("refused"), new ApplyOptions());

        var error = (await call.Should().ThrowAsync<KubernetesApiException>()).Which;
        error.StatusCode.Should().Be(401);
        error.Reason.Should().Be("Unauthorized");
        server.Objects.Get("v1", "Namespace", null, "refused").Should().BeNull();
    }

    [Fact]
    public async Task An_expired_token_is_renewed_by_running_the_plugin_again()
    {
        await using var server = await ApiResponder.StartAsync();
        // Each run counts itself and prints token-N, already expired, so that every request runs the plugin again.
        var counter = Path.Combine(folder.Path, "runs");
        Plugin("plugin", $$$"""
            #!/bin/sh
            runs=$(( $(cat "{{{counter}}}" 2>/dev/null || echo 0) + 1 ))
            echo $runs > "{{{counter}}}"
            echo '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"token-'$runs'","expirationTimestamp":"2000-01-01T00:00:00Z"}}'
            """);
        var loaded = KubeconfigLoader.Load(Kubeconfig(server.Url, PluginExec("plugin", "client.authentication.k8s.io/v1beta1")));
        loaded.Succeeded.Should().BeTrue(loaded.Error?.ToString());
        using var client = new KubernetesHttpClient(loaded.Cluster!);

        await client.FindKindAsync("v1", "ConfigMap");
        await client.FindKindAsync("apps/v1", "Deployment");

        // The first run was the library's, at load time, which also checks the plugin works.
        server.Requests.Select(r => r.Authorization).Should().Equal("Bearer token-2", "Bearer token-3");
    }

    [Fact]
    public async Task A_plugin_that_fails_when_its_token_must_be_renewed_is_an_error_of_the_call()
    {
        await using var server = await ApiResponder.StartAsync();
        Plugin("plugin", """
            #!/bin/sh
            echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"short-lived","expirationTimestamp":"2000-01-01T00:00:00Z"}}'
            """);
        var loaded = KubeconfigLoader.Load(Kubeconfig(server.Url, PluginExec("plugin")));
        loaded.Succeeded.Should().BeTrue(loaded.Error?.ToString());
        using var client = new KubernetesHttpClient(loaded.Cluster!);
        File.Delete(Path.Combine(folder.Path, "plugin"));

        var call = () => client.FindKindAsync("v1", "ConfigMap");

        var error = (await call.Should().ThrowAsync<KubernetesApiException>()).Which;
        error.StatusCode.Should().Be(0);
        error.Message.Should().StartWith($"cannot get credentials for {server.Url.GetLeftPart(UriPartial.Authority)}: external exec failed");
        server.Requests.Should().BeEmpty();
    }

    [Fact]
    public void A_failing_plugin_is_an_error_at_its_exec_field()
    {
        Plugin("plugin", """
            #!/bin/sh
            echo "no credentials for you" >&2
            exit 1
            """);
        var path = Kubeconfig(new Uri("http://127.0.0.1:1"), PluginExec("plugin"));

        var result = KubeconfigLoader.Load(path);

        result.Succeeded.Should().BeFalse();
        result.Error!.Field.Should().Be("users[0].user.exec");
        result.Error.Line.Should().Be(File.ReadAllLines(path).ToList().FindIndex(line => line.Contains("exec:", StringComparison.Ordinal)) + 1);
        result.Error.ToString().Should().StartWith($"kubeconfig {path}:{result.Error.Line}: users[0].user.exec: external exec failed");
        result.Error.Message.Should().NotContain("\n", "a stack trace is no help to the user");
    }

    [Fact]
    public void A_plugin_that_is_not_there_is_an_error_naming_it()
    {
        var path = Kubeconfig(new Uri("http://127.0.0.1:1"), PluginExec("no-such-plugin"));

        var result = KubeconfigLoader.Load(path);

        result.Error!.Field.Should().Be("users[0].user.exec");
        result.Error.Message.Should().Contain(Path.Combine(folder.Path, "no-such-plugin"));
    }

    private string PluginExec(string command, string apiVersion = "client.authentication.k8s.io/v1") =>
        $"exec:\n  apiVersion: {apiVersion}\n  command: ./{command}";

    private void Plugin(string relativePath, string script)
    {
        // The plugins are shell scripts: these tests need a Unix system, as CI is.
        var path = folder.Write(relativePath, script + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private string Kubeconfig(Uri server, string userFields)
    {
        var user = string.Concat(userFields.Split('\n').Select(line => $"    {line}\n"));
        return folder.Write("kubeconfig", $"""
            apiVersion: v1
            kind: Config
            current-context: exec
            clusters:
            - name: exec
              cluster:
                server: {server.GetLeftPart(UriPartial.Authority)}
            users:
            - name: exec-user
              user:
            {user}contexts:
            - name: exec
              context:
                cluster: exec
                user: exec-user
            """);
    }

    private static JsonObject Namespace(string name) =>
        new() { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name } };
}
