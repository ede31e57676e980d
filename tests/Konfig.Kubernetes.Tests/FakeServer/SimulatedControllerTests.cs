using System.Text.Json.Nodes;
using FluentAssertions;

namespace Konfig.Kubernetes.Tests.FakeServer;

public sealed class SimulatedControllerTests
{
    private const string DeploymentPath = "/apis/apps/v1/namespaces/team/deployments/web";

    private static string Deployment(int replicas = 3, string? fail = null) => $$$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: team
          annotations: {{{Annotations(fail)}}}
        spec:
          replicas: {{{replicas}}}
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - {name: web, image: "registry.example/web:missing"}
        """;

    private static string Annotations(string? fail) => fail is null ? "{}" : "{fake.konfig.io/fail: " + fail + "}";

    [Fact]
    public async Task A_deployment_is_progressing_until_the_ready_delay_has_passed()
    {
        // A ready delay far longer than any test run: the controller's first answer is what we see.
        await using var api = await FakeApi.StartAsync(readyDelay: TimeSpan.FromHours(1));
        await api.CreateNamespaceAsync("team");
        await api.ApplyAsync(DeploymentPath, Deployment());

        var progressing = await api.WaitForAsync(DeploymentPath, d => d["status"]?["observedGeneration"] is not null, "progressing status");

        progressing["status"]!["updatedReplicas"]!.GetValue<long>().Should().Be(3);
        progressing["status"]!["availableReplicas"].Should().BeNull();
        Condition(progressing, "Available").Should().Be("False");
    }

    [Fact]
    public async Task A_deployment_becomes_ready_with_full_status_and_again_after_a_spec_change()
    {
        await using var api = await FakeApi.StartAsync(readyDelay: TimeSpan.FromMilliseconds(50));
        await api.CreateNamespaceAsync("team");
        await api.ApplyAsync(DeploymentPath, Deployment());

        var ready = await api.WaitForAsync(DeploymentPath, d => d["status"]?["readyReplicas"] is not null, "ready replicas");
        await api.ApplyAsync(DeploymentPath, Deployment(replicas: 5));
        var scaled = await api.WaitForAsync(DeploymentPath, d => d["status"]?["availableReplicas"]?.GetValue<long>() == 5, "scaled to 5");

        ready["status"]!["observedGeneration"]!.GetValue<long>().Should().Be(1);
        ready["status"]!["replicas"]!.GetValue<long>().Should().Be(3);
        ready["status"]!["updatedReplicas"]!.GetValue<long>().Should().Be(3);
        ready["status"]!["availableReplicas"]!.GetValue<long>().Should().Be(3);
        Condition(ready, "Available").Should().Be("True");
        scaled["status"]!["observedGeneration"]!.GetValue<long>().Should().Be(2);
        scaled["metadata"]!["generation"]!.GetValue<long>().Should().Be(2);
    }

    [Theory]
    [InlineData("ImagePullBackOff", "Back-off pulling image \"registry.example/web:missing\"")]
    [InlineData("CrashLoopBackOff", "back-off 40s restarting failed container=web")]
    public async Task The_fail_annotation_keeps_a_workload_unready_and_reports_a_failing_pod(string reason, string message)
    {
        await using var api = await FakeApi.StartAsync(readyDelay: TimeSpan.FromMilliseconds(50));
        await api.CreateNamespaceAsync("team");
        await api.ApplyAsync(DeploymentPath, Deployment(fail: reason));

        var pods = await WaitForPodsAsync(api, "/api/v1/namespaces/team/pods?labelSelector=app%3Dweb");
        var (_, deployment) = await api.GetAsync(DeploymentPath);

        var pod = pods.Should().ContainSingle().Subject;
        pod["metadata"]!["ownerReferences"]![0]!["kind"]!.GetValue<string>().Should().Be("Deployment");
        var waiting = pod["status"]!["containerStatuses"]![0]!["state"]!["waiting"]!;
        waiting["reason"]!.GetValue<string>().Should().Be(reason);
        waiting["message"]!.GetValue<string>().Should().Contain(message);
        deployment["status"]!["availableReplicas"].Should().BeNull();
        Condition(deployment, "Available").Should().Be("False");
    }

    [Fact]
    public async Task Jobs_complete_or_fail_and_pvcs_services_and_pods_settle()
    {
        await using var api = await FakeApi.StartAsync(readyDelay: TimeSpan.FromMilliseconds(50));
        await api.CreateNamespaceAsync("team");
        const string job = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: NAME, namespace: team ANNOTATIONS}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: run, image: busybox}]\n";
        await api.ApplyAsync("/apis/batch/v1/namespaces/team/jobs/ok", job.Replace("NAME", "ok", StringComparison.Ordinal).Replace("ANNOTATIONS", "", StringComparison.Ordinal));
        await api.ApplyAsync("/apis/batch/v1/namespaces/team/jobs/bad", job.Replace("NAME", "bad", StringComparison.Ordinal).Replace("ANNOTATIONS", ", annotations: {fake.konfig.io/fail: Error}", StringComparison.Ordinal));
        await api.ApplyAsync("/api/v1/namespaces/team/persistentvolumeclaims/data", "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data, namespace: team}\nspec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n");
        await api.ApplyAsync("/api/v1/namespaces/team/services/web", "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: team}\nspec: {selector: {app: web}, ports: [{name: http, port: 80, targetPort: 8080}]}\n");
        await api.ApplyAsync("/api/v1/namespaces/team/pods/solo", "apiVersion: v1\nkind: Pod\nmetadata: {name: solo, namespace: team}\nspec: {containers: [{name: main, image: busybox}]}\n");

        var ok = await api.WaitForAsync("/apis/batch/v1/namespaces/team/jobs/ok", j => Condition(j, "Complete") == "True", "job complete");
        var bad = await api.WaitForAsync("/apis/batch/v1/namespaces/team/jobs/bad", j => Condition(j, "Failed") == "True", "job failed");
        var pvc = await api.WaitForAsync("/api/v1/namespaces/team/persistentvolumeclaims/data", p => p["status"]?["phase"]?.GetValue<string>() == "Bound", "pvc bound");
        var endpoints = await api.WaitForAsync("/api/v1/namespaces/team/endpoints/web", _ => true, "endpoints");
        var pod = await api.WaitForAsync("/api/v1/namespaces/team/pods/solo", p => p["status"]?["phase"]?.GetValue<string>() == "Running", "pod running");
        var (_, ns) = await api.GetAsync("/api/v1/namespaces/team");

        ok["status"]!["succeeded"]!.GetValue<long>().Should().Be(1);
        bad["status"]!["failed"]!.GetValue<long>().Should().Be(1);
        pvc["status"]!["phase"]!.GetValue<string>().Should().Be("Bound");
        endpoints["subsets"]![0]!["addresses"]![0]!["ip"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        endpoints["subsets"]![0]!["ports"]![0]!["port"]!.GetValue<long>().Should().Be(8080);
        Condition(pod, "Ready").Should().Be("True");
        ns["status"]!["phase"]!.GetValue<string>().Should().Be("Active");
    }

    [Fact]
    public async Task Deleting_a_workload_removes_the_pods_it_owns()
    {
        await using var api = await FakeApi.StartAsync(readyDelay: TimeSpan.FromMilliseconds(50));
        await api.CreateNamespaceAsync("team");
        await api.ApplyAsync(DeploymentPath, Deployment(fail: "ImagePullBackOff"));
        await WaitForPodsAsync(api, "/api/v1/namespaces/team/pods");

        await api.SendAsync(HttpMethod.Delete, DeploymentPath);
        var (_, pods) = await api.GetAsync("/api/v1/namespaces/team/pods");

        pods["items"]!.AsArray().Should().BeEmpty();
    }

    private static string? Condition(JsonObject value, string type) =>
        (value["status"]?["conditions"] as JsonArray)?.FirstOrDefault(c => c?["type"]?.GetValue<string>() == type)?["status"]?.GetValue<string>();

    private static async Task<List<JsonObject>> WaitForPodsAsync(FakeApi api, string listPath)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var (_, list) = await api.GetAsync(listPath);
            var items = list["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
            if (items.Count > 0)
            {
                return items;
            }

            DateTime.UtcNow.Should().BeBefore(deadline, "a failing pod should appear");
            await Task.Delay(25);
        }
    }
}
