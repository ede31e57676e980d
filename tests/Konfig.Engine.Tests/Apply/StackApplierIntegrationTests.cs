using FluentAssertions;
using Konfig.Engine.Apply;
using Konfig.Engine.Resources;
using Konfig.FakeKube;
using Konfig.Kubernetes;
using static Konfig.Engine.Tests.Apply.Stacks;

namespace Konfig.Engine.Tests.Apply;

/// <summary>Apply and destroy with the real client against the fake API server over HTTP, and the real local state store.</summary>
public sealed class StackApplierIntegrationTests : IAsyncLifetime
{
    private static readonly ObjectReference WebRef = new("apps/v1", "Deployment", "shop", "web");

    private FakeCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await FakeCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private static DesiredResource[] ShopStack() => [Deployment("shop", "web"), ConfigMap("shop", "settings"), Namespace("shop")];

    [Fact]
    public async Task Applies_a_stack_namespace_first_and_saves_it_in_the_state()
    {
        var events = new List<ApplyEvent>();

        var result = await _cluster.ApplyAsync(ShopStack(), progress: new ListProgress(events));

        result.Succeeded.Should().BeTrue(result.Summary);
        result.Summary.Should().Be("Applied 3, deleted 0, failed 0, skipped 0, unchanged 0");
        var applied = events.Where(e => e.Kind == ApplyEventKind.Applied).Select(e => e.Id).ToList();
        applied[0].Should().Be("v1:Namespace:shop");
        var firstOther = events.FindIndex(e => e.Kind == ApplyEventKind.ResourceStarted && e.Id != "v1:Namespace:shop");
        events.FindIndex(e => e.Kind == ApplyEventKind.Applied && e.Id == "v1:Namespace:shop").Should().BeLessThan(firstOther);
        (await _cluster.Client.GetAsync(WebRef)).Should().NotBeNull();
        (await _cluster.Client.GetAsync(new ObjectReference("v1", "ConfigMap", "shop", "settings")))!["data"]!["value"]!.ToString().Should().Be("1");
        var state = await _cluster.StateAsync();
        state!.Serial.Should().Be(3);
        state.Resources.Select(r => r.Id).Should().Equal("v1:Namespace:shop", "apps/v1:Deployment:shop:web", "v1:ConfigMap:shop:settings");
    }

    [Fact]
    public async Task Reapplying_is_idempotent()
    {
        await _cluster.ApplyAsync(ShopStack());
        var before = await _cluster.StateAsync();
        var generation = (await _cluster.Client.GetAsync(WebRef))!["metadata"]!["generation"]!.ToJsonString();

        var again = await _cluster.ApplyAsync(ShopStack());

        again.Succeeded.Should().BeTrue(again.Summary);
        again.Summary.Should().Be("Applied 0, deleted 0, failed 0, skipped 0, unchanged 3");
        (await _cluster.StateAsync())!.Serial.Should().Be(before!.Serial);
        (await _cluster.Client.GetAsync(WebRef))!["metadata"]!["generation"]!.ToJsonString().Should().Be(generation);
    }

    [Fact]
    public async Task A_changed_resource_is_applied_again()
    {
        await _cluster.ApplyAsync(ShopStack());

        var result = await _cluster.ApplyAsync([Namespace("shop"), ConfigMap("shop", "settings", "2"), Deployment("shop", "web")]);

        result.Summary.Should().Be("Applied 1, deleted 0, failed 0, skipped 0, unchanged 2");
        (await _cluster.Client.GetAsync(new ObjectReference("v1", "ConfigMap", "shop", "settings")))!["data"]!["value"]!.ToString().Should().Be("2");
        (await _cluster.StateAsync())!.Resources.Single(r => r.Id == "v1:ConfigMap:shop:settings").Attributes["data"]!["value"]!.ToString().Should().Be("2");
    }

    [Fact]
    public async Task A_resource_removed_from_the_spec_is_deleted_from_the_cluster_and_the_state()
    {
        await _cluster.ApplyAsync(ShopStack());

        var result = await _cluster.ApplyAsync([Namespace("shop"), Deployment("shop", "web")]);

        result.Succeeded.Should().BeTrue(result.Summary);
        result.Deleted.Should().Be(1);
        (await _cluster.Client.GetAsync(new ObjectReference("v1", "ConfigMap", "shop", "settings"))).Should().BeNull();
        (await _cluster.StateAsync())!.Resources.Select(r => r.Id).Should().Equal("v1:Namespace:shop", "apps/v1:Deployment:shop:web");
    }

    [Fact]
    public async Task A_failing_resource_skips_its_dependents_while_independent_ones_are_applied()
    {
        var stack = new[]
        {
            Namespace("shop"),
            ConfigMap("nowhere", "orphan"),
            Deployment("shop", "web", dependsOn: "v1:ConfigMap:nowhere:orphan"),
            ConfigMap("shop", "independent"),
        };

        var result = await _cluster.ApplyAsync(stack);

        result.Succeeded.Should().BeFalse();
        result.Summary.Should().Be("Applied 2, deleted 0, failed 1, skipped 1, unchanged 0");
        result.Resources.Single(r => r.Id == "v1:ConfigMap:nowhere:orphan").Message.Should().Contain("nowhere");
        result.Resources.Single(r => r.Id == "apps/v1:Deployment:shop:web").Kind.Should().Be(OutcomeKind.Skipped);
        (await _cluster.Client.GetAsync(WebRef)).Should().BeNull();
        (await _cluster.StateAsync())!.Resources.Select(r => r.Id).Should().Equal("v1:Namespace:shop", "v1:ConfigMap:shop:independent");
    }

    [Fact]
    public async Task With_watch_a_stack_is_done_when_its_workloads_and_services_are_ready()
    {
        var service = Resource("v1:Service:shop:web", new()
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "web", ["namespace"] = "shop" },
            ["spec"] = new System.Text.Json.Nodes.JsonObject
            {
                ["selector"] = new System.Text.Json.Nodes.JsonObject { ["app"] = "web" },
                ["ports"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["port"] = 80 }),
            },
        });
        var events = new List<ApplyEvent>();

        var result = await _cluster.ApplyAsync([.. ShopStack(), service], new StackApplyOptions { Watch = true, Timeout = TimeSpan.FromSeconds(30) }, new ListProgress(events));

        result.Succeeded.Should().BeTrue(result.Summary);
        result.Resources.Single(r => r.Id == "apps/v1:Deployment:shop:web").Message.Should().Be("1/1 replicas ready");
        result.Resources.Single(r => r.Id == "v1:Service:shop:web").Message.Should().Be("1 endpoint");
        events.Where(e => e.Kind == ApplyEventKind.Ready).Select(e => e.Id).Should().Contain(["apps/v1:Deployment:shop:web", "v1:Service:shop:web"]);
        events.Where(e => e.Id == "apps/v1:Deployment:shop:web" && e.Kind == ApplyEventKind.ReadinessUpdate).Select(e => e.Message)
            .Should().Contain(m => m!.Contains("0/1", StringComparison.Ordinal) || m.Contains("observe", StringComparison.Ordinal));
        // A Namespace active and a ConfigMap there as soon as applied were never waited for: ready, with no waiting line.
        events.Where(e => e.Id is "v1:Namespace:shop" or "v1:ConfigMap:shop:settings").Select(e => (e.Kind, e.Id)).Should().Contain(
            [(ApplyEventKind.Ready, "v1:Namespace:shop"), (ApplyEventKind.Ready, "v1:ConfigMap:shop:settings")]);
        events.Where(e => e.Kind == ApplyEventKind.ReadinessUpdate).Select(e => e.Id).Should().NotContain(["v1:Namespace:shop", "v1:ConfigMap:shop:settings"]);
        var live = await _cluster.Client.GetAsync(WebRef);
        live!["status"]!["availableReplicas"]!.ToJsonString().Should().Be("1");
    }

    [Fact]
    public async Task With_watch_a_pod_that_cannot_pull_its_image_fails_the_deployment_with_the_reason()
    {
        var broken = Deployment("shop", "web", image: "registry.invalid/web:1", annotations: new Dictionary<string, string> { [FakeKubeServer.FailAnnotation] = "ImagePullBackOff" });
        var stack = new[] { Namespace("shop"), broken, ConfigMap("shop", "after", dependsOn: broken.Id) };
        var events = new List<ApplyEvent>();

        var result = await _cluster.ApplyAsync(stack, new StackApplyOptions { Watch = true, Timeout = TimeSpan.FromSeconds(30) }, new ListProgress(events));

        result.Succeeded.Should().BeFalse();
        var web = result.Resources.Single(r => r.Id == broken.Id);
        web.Kind.Should().Be(OutcomeKind.Failed);
        web.Message.Should().MatchRegex("^Pod web-.*: ImagePullBackOff: Back-off pulling image \"registry.invalid/web:1\"$");
        result.Resources.Single(r => r.Id == "v1:ConfigMap:shop:after").Kind.Should().Be(OutcomeKind.Skipped);
        events.Should().Contain(e => e.Kind == ApplyEventKind.Failed && e.Id == broken.Id && e.Message!.Contains("ImagePullBackOff", StringComparison.Ordinal));

        // Applied, though not ready: the state knows it, so a later apply or destroy deals with it.
        (await _cluster.StateAsync())!.Resources.Select(r => r.Id).Should().Contain(broken.Id);
    }

    [Fact]
    public async Task With_watch_what_is_not_ready_in_time_has_timed_out_with_its_last_message()
    {
        await using var slow = await FakeCluster.StartAsync(readyDelay: TimeSpan.FromMinutes(10));

        var result = await slow.ApplyAsync([Namespace("shop"), Deployment("shop", "web")], new StackApplyOptions { Watch = true, Timeout = TimeSpan.FromMilliseconds(500) });

        result.Succeeded.Should().BeFalse();
        var web = result.Resources.Single(r => r.Id == "apps/v1:Deployment:shop:web");
        web.Kind.Should().Be(OutcomeKind.TimedOut);
        web.Message.Should().Be("not ready before the timeout: 0/1 replicas ready");
        result.Summary.Should().Be("Applied 1, deleted 0, failed 1, skipped 0, unchanged 0");
    }

    [Fact]
    public async Task Cancelling_mid_apply_leaves_a_consistent_state_that_a_rerun_converges_from()
    {
        var stack = new List<DesiredResource> { Namespace("shop") };
        stack.AddRange(Enumerable.Range(1, 8).Select(i => ConfigMap("shop", $"cm-{i}")));
        using var cancel = new CancellationTokenSource();
        var applied = 0;
        var progress = new CallbackProgress(e =>
        {
            if (e.Kind == ApplyEventKind.Applied && Interlocked.Increment(ref applied) == 3)
            {
                cancel.Cancel();
            }
        });

        var result = await _cluster.ApplyAsync(stack, new StackApplyOptions { Parallelism = 2 }, progress, cancel.Token);

        result.Cancelled.Should().BeTrue();
        result.NotStarted.Should().BeGreaterThan(0);
        var inCluster = (await _cluster.ConfigMapsAsync("shop")).Items.Select(i => i["metadata"]!["name"]!.ToString()).Where(n => n.StartsWith("cm-", StringComparison.Ordinal));
        var inState = (await _cluster.StateAsync())!.Resources.Where(r => r.Id.StartsWith("v1:ConfigMap", StringComparison.Ordinal)).Select(r => r.Attributes["metadata"]!["name"]!.ToString());
        inState.Should().BeEquivalentTo(inCluster);

        var rerun = await _cluster.ApplyAsync(stack);

        rerun.Succeeded.Should().BeTrue(rerun.Summary);
        (await _cluster.ConfigMapsAsync("shop")).Items.Count(i => i["metadata"]!["name"]!.ToString().StartsWith("cm-", StringComparison.Ordinal)).Should().Be(8);
        (await _cluster.StateAsync())!.Resources.Should().HaveCount(9);
    }

    [Fact]
    public async Task A_custom_resource_is_applied_after_its_definition_is_established()
    {
        var crd = Resource("apiextensions.k8s.io/v1:CustomResourceDefinition:widgets.example.com", (System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse("""
            {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"widgets.example.com"},
             "spec":{"group":"example.com","scope":"Namespaced","names":{"plural":"widgets","singular":"widget","kind":"Widget"},
                     "versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
            """)!);
        var widget = Resource("example.com/v1:Widget:shop:w", (System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse("""
            {"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w","namespace":"shop"},"spec":{"size":3}}
            """)!);

        var result = await _cluster.ApplyAsync([widget, Namespace("shop"), crd]);

        result.Succeeded.Should().BeTrue(result.Summary);
        result.Resources.Select(r => r.Id).Last().Should().Be(widget.Id);
        (await _cluster.Client.GetAsync(new ObjectReference("example.com/v1", "Widget", "shop", "w"))).Should().NotBeNull();
    }

    [Fact]
    public async Task Destroy_removes_everything_and_the_state()
    {
        await _cluster.ApplyAsync(ShopStack());

        var result = await _cluster.DestroyAsync(new StackApplyOptions { Watch = true, Timeout = TimeSpan.FromSeconds(30) });

        result.Succeeded.Should().BeTrue(result.Summary);
        result.Deleted.Should().Be(3);
        result.Resources.Last().Id.Should().Be("v1:Namespace:shop");
        (await _cluster.Client.GetAsync(new ObjectReference("v1", "Namespace", null, "shop"))).Should().BeNull();
        (await _cluster.Client.GetAsync(WebRef)).Should().BeNull();
        (await _cluster.StateAsync()).Should().BeNull();
    }

    [Fact]
    public async Task A_cycle_is_an_error_and_nothing_is_applied()
    {
        var stack = new[] { Namespace("shop"), ConfigMap("shop", "a", dependsOn: "v1:ConfigMap:shop:b"), ConfigMap("shop", "b", dependsOn: "v1:ConfigMap:shop:a") };

        var result = await _cluster.ApplyAsync(stack);

        result.Succeeded.Should().BeFalse();
        result.Error.Should().Be("dependency cycle: v1:ConfigMap:shop:a → v1:ConfigMap:shop:b → v1:ConfigMap:shop:a");
        (await _cluster.Client.GetAsync(new ObjectReference("v1", "Namespace", null, "shop"))).Should().BeNull();
        (await _cluster.StateAsync()).Should().BeNull();
    }

    private sealed class ListProgress(List<ApplyEvent> events) : IProgress<ApplyEvent>
    {
        public void Report(ApplyEvent value)
        {
            lock (events)
            {
                events.Add(value);
            }
        }
    }

    private sealed class CallbackProgress(Action<ApplyEvent> callback) : IProgress<ApplyEvent>
    {
        public void Report(ApplyEvent value) => callback(value);
    }
}
