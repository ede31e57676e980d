using System.Text.Json.Nodes;
using FluentAssertions;
using Konfig.FakeKube;
using Konfig.Kubernetes.Tests.Client;

namespace Konfig.Kubernetes.Tests.FakeServer;

/// <summary>The real kubectl against the fake server: what it can do there, the fake must answer as a cluster would.</summary>
public sealed class KubectlTests : IAsyncLifetime, IDisposable
{
    private const string Manifests = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          namespace: shop
        data:
          color: blue
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
          labels:
            app: web
        spec:
          replicas: 2
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - name: web
                image: nginx:1.27
        """;

    private readonly TemporaryFolder folder = new();
    private FakeKubeServer server = null!;
    private string kubeconfig = null!;
    private string manifests = null!;

    public async Task InitializeAsync()
    {
        server = await FakeKubeServer.StartAsync(new FakeKubeOptions { ReadyDelay = TimeSpan.FromMilliseconds(200) });
        kubeconfig = System.IO.Path.Combine(folder.Path, "kubeconfig");
        server.WriteKubeconfig(kubeconfig, context: "fake");
        manifests = folder.Write("shop.yaml", Manifests);
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    public void Dispose() => folder.Dispose();

    [KubectlFact]
    public async Task Apply_server_side_creates_the_objects()
    {
        var apply = await RunAsync("apply", "--server-side", "--validate=false", "-f", manifests);

        apply.ExitCode.Should().Be(0, apply.ToString());
        apply.Output.Should().Contain("namespace/shop serverside-applied")
            .And.Contain("configmap/settings serverside-applied")
            .And.Contain("deployment.apps/web serverside-applied");
        server.Objects.Get("v1", "ConfigMap", "shop", "settings")!["data"]!["color"]!.GetValue<string>().Should().Be("blue");
        var managers = server.Objects.Get("apps/v1", "Deployment", "shop", "web")!["metadata"]!["managedFields"]!.AsArray();
        managers.Select(m => m!["manager"]!.GetValue<string>()).Should().Equal("kubectl");
    }

    [KubectlFact]
    public async Task Get_yaml_shows_the_deployment_and_its_status_becomes_ready()
    {
        (await RunAsync("apply", "--server-side", "--validate=false", "-f", manifests)).ExitCode.Should().Be(0);

        var wait = await RunAsync("wait", "--for=condition=Available", "deployment/web", "-n", "shop", "--timeout=30s");
        var get = await RunAsync("get", "deployment", "web", "-n", "shop", "-o", "yaml");
        var json = await RunAsync("get", "deployment", "web", "-n", "shop", "-o", "json");

        wait.ExitCode.Should().Be(0, wait.ToString());
        wait.Output.Should().Contain("deployment.apps/web condition met");
        get.ExitCode.Should().Be(0, get.ToString());
        get.Output.Should().Contain("kind: Deployment").And.Contain("image: nginx:1.27").And.Contain("readyReplicas: 2");
        var deployment = JsonNode.Parse(json.Output)!;
        deployment["metadata"]!["generation"]!.GetValue<long>().Should().Be(1);
        deployment["status"]!["observedGeneration"]!.GetValue<long>().Should().Be(1);
        deployment["status"]!["availableReplicas"]!.GetValue<long>().Should().Be(2);
    }

    [KubectlFact]
    public async Task Get_lists_namespaces_and_deployments_as_tables()
    {
        (await RunAsync("apply", "--server-side", "--validate=false", "-f", manifests)).ExitCode.Should().Be(0);

        var namespaces = await RunAsync("get", "ns");
        var deployments = await RunAsync("get", "deployments", "--all-namespaces");

        namespaces.ExitCode.Should().Be(0, namespaces.ToString());
        namespaces.Output.Should().MatchRegex(@"(?m)^NAME\s+STATUS\s+AGE").And.MatchRegex(@"(?m)^shop\s+Active");
        deployments.ExitCode.Should().Be(0, deployments.ToString());
        deployments.Output.Should().MatchRegex(@"(?m)^shop\s+web\s");
    }

    [KubectlFact]
    public async Task Server_dry_run_reports_and_changes_nothing()
    {
        (await RunAsync("apply", "--server-side", "--validate=false", "-f", manifests)).ExitCode.Should().Be(0);
        var scaled = folder.Write("scaled.yaml", Manifests.Replace("replicas: 2", "replicas: 7", StringComparison.Ordinal));

        var dryRun = await RunAsync("apply", "--server-side", "--validate=false", "--dry-run=server", "-f", scaled);

        dryRun.ExitCode.Should().Be(0, dryRun.ToString());
        dryRun.Output.Should().Contain("deployment.apps/web serverside-applied (server dry run)");
        server.Objects.Get("apps/v1", "Deployment", "shop", "web")!["spec"]!["replicas"]!.GetValue<int>().Should().Be(2);
    }

    [KubectlFact]
    public async Task Conflicting_apply_fails_and_force_conflicts_wins()
    {
        (await RunAsync("apply", "--server-side", "--validate=false", "-f", manifests)).ExitCode.Should().Be(0);
        var scaled = folder.Write("scaled.yaml", Manifests.Replace("replicas: 2", "replicas: 3", StringComparison.Ordinal));

        var conflict = await RunAsync("apply", "--server-side", "--validate=false", "--field-manager=other", "-f", scaled);
        var forced = await RunAsync("apply", "--server-side", "--validate=false", "--field-manager=other", "--force-conflicts", "-f", scaled);

        conflict.ExitCode.Should().NotBe(0);
        conflict.Error.Should().Contain("conflict with \"kubectl\"").And.Contain(".spec.replicas");
        forced.ExitCode.Should().Be(0, forced.ToString());
        server.Objects.Get("apps/v1", "Deployment", "shop", "web")!["spec"]!["replicas"]!.GetValue<int>().Should().Be(3);
    }

    [KubectlFact]
    public async Task Delete_by_name_and_by_file()
    {
        (await RunAsync("apply", "--server-side", "--validate=false", "-f", manifests)).ExitCode.Should().Be(0);

        var byName = await RunAsync("delete", "deployment", "web", "-n", "shop");
        var missing = await RunAsync("get", "deployment", "web", "-n", "shop");
        var byFile = await RunAsync("delete", "--ignore-not-found", "-f", manifests);

        byName.ExitCode.Should().Be(0, byName.ToString());
        byName.Output.Should().Contain("deployment.apps \"web\" deleted");
        missing.ExitCode.Should().NotBe(0);
        missing.Error.Should().Contain("deployments.apps \"web\" not found");
        byFile.ExitCode.Should().Be(0, byFile.ToString());
        byFile.Output.Should().Contain("namespace \"shop\" deleted").And.Contain("configmap \"settings\" deleted");
        server.Objects.Count.Should().Be(0, "kubectl delete waits until the namespace is gone");
    }

    [KubectlFact]
    public async Task Apply_into_a_missing_namespace_fails_like_a_real_cluster()
    {
        var configMap = folder.Write("orphan.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: orphan\n  namespace: nowhere\n");

        var apply = await RunAsync("apply", "--server-side", "--validate=false", "-f", configMap);

        apply.ExitCode.Should().NotBe(0);
        apply.Error.Should().Contain("namespaces \"nowhere\" not found");
    }

    [KubectlFact]
    public async Task Scale_json_patch_and_label_change_the_deployment()
    {
        (await RunAsync("apply", "--server-side", "--validate=false", "-f", manifests)).ExitCode.Should().Be(0);

        var scale = await RunAsync("scale", "deployment/web", "-n", "shop", "--replicas=4");
        var scaled = server.Objects.Get("apps/v1", "Deployment", "shop", "web")!;
        var patch = await RunAsync("patch", "deployment", "web", "-n", "shop", "--type=json", "-p", """[{"op":"replace","path":"/spec/replicas","value":1}]""");
        var label = await RunAsync("label", "deployment", "web", "-n", "shop", "tier=front");

        scale.ExitCode.Should().Be(0, scale.ToString());
        scaled["spec"]!["replicas"]!.GetValue<int>().Should().Be(4);
        scaled["metadata"]!["generation"]!.GetValue<long>().Should().Be(2);
        patch.ExitCode.Should().Be(0, patch.ToString());
        label.ExitCode.Should().Be(0, label.ToString());
        var final = server.Objects.Get("apps/v1", "Deployment", "shop", "web")!;
        final["spec"]!["replicas"]!.GetValue<int>().Should().Be(1);
        final["metadata"]!["labels"]!["tier"]!.GetValue<string>().Should().Be("front");
        // kubectl-scale owned only spec.replicas, which kubectl-patch then took: it owns nothing any more.
        final["metadata"]!["managedFields"]!.AsArray().Select(m => m!["manager"]!.GetValue<string>())
            .Should().Equal("kubectl", "kubectl-patch", "kubectl-label");
    }

    [KubectlFact]
    public async Task Over_https_kubectl_trusts_the_server_through_the_kubeconfig_CA()
    {
        await using var secure = await FakeKubeServer.StartAsync(new FakeKubeOptions { Https = true });
        var secureConfig = System.IO.Path.Combine(folder.Path, "secure-kubeconfig");
        secure.WriteKubeconfig(secureConfig, context: "secure");

        var apply = await Kubectl.RunAsync(secureConfig, System.IO.Path.Combine(folder.Path, "secure-cache"), "apply", "--server-side", "--validate=false", "-f", manifests);

        secure.Url.Scheme.Should().Be("https");
        apply.ExitCode.Should().Be(0, apply.ToString());
        secure.Objects.Get("apps/v1", "Deployment", "shop", "web").Should().NotBeNull();
    }

    private Task<KubectlResult> RunAsync(params string[] arguments) =>
        Kubectl.RunAsync(kubeconfig, System.IO.Path.Combine(folder.Path, "cache"), arguments);
}
