using System.Text.Json.Nodes;
using FluentAssertions;
using Konfig.FakeKube;
using Konfig.Kubernetes.Kubeconfig;
using Konfig.Kubernetes.Tests.Client;

namespace Konfig.Kubernetes.Tests.FakeServer;

/// <summary>Our own client, from the kubeconfig the fake writes, over real HTTP: what the engine will do.</summary>
public sealed class RealClientTests
{
    [Fact]
    public async Task The_client_applies_lists_watches_until_ready_and_deletes()
    {
        using var folder = new TemporaryFolder();
        await using var server = await FakeKubeServer.StartAsync(new FakeKubeOptions { ReadyDelay = TimeSpan.FromMilliseconds(100) });
        var kubeconfig = System.IO.Path.Combine(folder.Path, "kubeconfig");
        server.WriteKubeconfig(kubeconfig, context: "fake", @namespace: "shop");
        var loaded = KubeconfigLoader.Load(kubeconfig, "fake");
        loaded.Succeeded.Should().BeTrue(loaded.Error?.ToString());
        using var client = new KubernetesHttpClient(loaded.Cluster!);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        await client.ApplyAsync(Parse("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop"}}"""), new ApplyOptions());
        var applied = await client.ApplyAsync(Parse("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
             "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
                     "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx"}]}}}}
            """), new ApplyOptions());
        var list = await client.ListAsync("apps/v1", "Deployment", null);
        JsonObject? ready = null;
        await foreach (var change in client.WatchAsync("apps/v1", "Deployment", "shop", "web", applied["metadata"]!["resourceVersion"]!.GetValue<string>(), timeout.Token))
        {
            if (change.Object["status"]?["availableReplicas"] is not null)
            {
                ready = change.Object;
                break;
            }
        }

        var deleted = await client.DeleteAsync(new ObjectReference("apps/v1", "Deployment", "shop", "web"));
        var deletedAgain = await client.DeleteAsync(new ObjectReference("apps/v1", "Deployment", "shop", "web"));

        applied["metadata"]!["namespace"]!.GetValue<string>().Should().Be("shop", "the kubeconfig's namespace applies");
        list.Items.Should().ContainSingle().Which["kind"]!.GetValue<string>().Should().Be("Deployment");
        ready!["status"]!["availableReplicas"]!.GetValue<long>().Should().Be(2);
        deleted.Should().BeTrue();
        deletedAgain.Should().BeFalse();
        (await client.GetAsync(new ObjectReference("apps/v1", "Deployment", "shop", "web"))).Should().BeNull();
    }

    [Fact]
    public async Task The_client_surfaces_conflicts_and_missing_namespaces_as_api_errors()
    {
        await using var server = await FakeKubeServer.StartAsync(new FakeKubeOptions());
        using var client = new KubernetesHttpClient(KubeCluster.Anonymous(server.Url));
        var configMap = Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"team"},"data":{"a":"1"}}""");

        var missing = await FluentActions.Awaiting(() => client.ApplyAsync(configMap, new ApplyOptions())).Should().ThrowAsync<KubernetesApiException>();
        await client.ApplyAsync(Parse("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team"}}"""), new ApplyOptions());
        await client.ApplyAsync(configMap, new ApplyOptions());
        configMap["data"]!["a"] = "2";
        var conflict = await FluentActions.Awaiting(() => client.ApplyAsync(configMap, new ApplyOptions(FieldManager: "someone-else"))).Should().ThrowAsync<KubernetesApiException>();

        missing.Which.StatusCode.Should().Be(404);
        missing.Which.Message.Should().Contain("namespaces \"team\" not found");
        conflict.Which.IsConflict.Should().BeTrue();
    }

    [Fact]
    public async Task Over_https_the_client_verifies_the_server_with_the_kubeconfig_CA()
    {
        using var folder = new TemporaryFolder();
        await using var server = await FakeKubeServer.StartAsync(new FakeKubeOptions { Https = true });
        var kubeconfig = System.IO.Path.Combine(folder.Path, "kubeconfig");
        server.WriteKubeconfig(kubeconfig);
        using var client = new KubernetesHttpClient(KubeconfigLoader.Load(kubeconfig).Cluster!);

        var applied = await client.ApplyAsync(Parse("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"secure"}}"""), new ApplyOptions());

        server.Url.Scheme.Should().Be("https");
        applied["status"]!["phase"]!.GetValue<string>().Should().Be("Active");
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
