using System.Text.Json.Nodes;
using FluentAssertions;
using Konfig.Kubernetes.Kubeconfig;

namespace Konfig.Kubernetes.Tests.Client;

/// <summary>
/// Every client operation over real HTTP against <see cref="ApiResponder"/>, checking both the answers and what
/// went over the wire (paths, query, content type, bodies).
/// </summary>
public sealed class KubernetesHttpClientTests : IAsyncLifetime
{
    private ApiResponder server = null!;
    private KubernetesHttpClient client = null!;

    public async Task InitializeAsync()
    {
        server = await ApiResponder.StartAsync();
        client = new KubernetesHttpClient(KubeCluster.Anonymous(server.Url, "team-a"));
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Discovery_finds_core_and_grouped_kinds_with_their_scope_and_caches_per_api_version()
    {
        (await client.FindKindAsync("v1", "ConfigMap")).Should().Be(new ResourceKind("", "v1", "ConfigMap", "configmaps", true));
        (await client.FindKindAsync("v1", "Namespace")).Should().Be(new ResourceKind("", "v1", "Namespace", "namespaces", false));
        (await client.FindKindAsync("apps/v1", "Deployment")).Should().Be(new ResourceKind("apps", "v1", "Deployment", "deployments", true));
        (await client.FindKindAsync("rbac.authorization.k8s.io/v1", "ClusterRole")).Should().Be(new ResourceKind("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false));

        // Subresources are skipped: the kind Pod is the pods resource, not pods/status; Scale is only a subresource.
        (await client.FindKindAsync("v1", "Pod"))!.Plural.Should().Be("pods");
        (await client.FindKindAsync("apps/v1", "Scale")).Should().BeNull();
        (await client.FindKindAsync("v1", "Widget")).Should().BeNull();
        (await client.FindKindAsync("example.com/v1", "Widget")).Should().BeNull();

        server.Requests.Select(r => r.PathAndQuery).Should().Equal("/api/v1", "/apis/apps/v1", "/apis/rbac.authorization.k8s.io/v1", "/apis/example.com/v1");

        client.InvalidateDiscovery();
        await client.FindKindAsync("v1", "ConfigMap");
        server.Requests.Should().HaveCount(5);
    }

    [Fact]
    public async Task Parallel_lookups_share_one_discovery_request()
    {
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.FindKindAsync("apps/v1", "Deployment")));

        server.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task Apply_creates_then_updates_with_new_resource_version_and_generation()
    {
        var created = await client.ApplyAsync(ConfigMap("settings", "one"), new ApplyOptions());
        var updated = await client.ApplyAsync(ConfigMap("settings", "two"), new ApplyOptions());

        created["metadata"]!["namespace"]!.GetValue<string>().Should().Be("team-a");
        Generation(created).Should().Be(1);
        Generation(updated).Should().Be(2);
        ResourceVersion(updated).Should().NotBe(ResourceVersion(created));
        updated["metadata"]!["uid"]!.GetValue<string>().Should().Be(created["metadata"]!["uid"]!.GetValue<string>());

        var patch = server.Requests.Last();
        patch.Method.Should().Be("PATCH");
        patch.PathAndQuery.Should().Be("/api/v1/namespaces/team-a/configmaps/settings?fieldManager=konfig");
        patch.ContentType.Should().Be("application/apply-patch+yaml");
        JsonNode.Parse(patch.Body)!["data"]!["key"]!.GetValue<string>().Should().Be("two");
    }

    [Fact]
    public async Task Apply_sends_force_and_dry_run_and_a_dry_run_does_not_persist()
    {
        var manifest = ConfigMap("preview", "value");

        var wouldBe = await client.ApplyAsync(manifest, new ApplyOptions(Force: true, DryRun: true));

        wouldBe["data"]!["key"]!.GetValue<string>().Should().Be("value");
        server.Requests.Last().PathAndQuery.Should().Be("/api/v1/namespaces/team-a/configmaps/preview?fieldManager=konfig&force=true&dryRun=All");
        (await client.GetAsync(new ObjectReference("v1", "ConfigMap", null, "preview"))).Should().BeNull();
        manifest["metadata"]!["namespace"].Should().BeNull("the caller's manifest is not changed");
    }

    [Fact]
    public async Task Apply_of_a_cluster_scoped_kind_uses_the_cluster_path_and_drops_a_namespace()
    {
        var manifest = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = "apps", ["namespace"] = "ignored" } };

        await client.ApplyAsync(manifest, new ApplyOptions());

        var patch = server.Requests.Last();
        patch.PathAndQuery.Should().Be("/api/v1/namespaces/apps?fieldManager=konfig");
        JsonNode.Parse(patch.Body)!["metadata"]!["namespace"].Should().BeNull();
    }

    [Fact]
    public async Task Get_and_list_return_whole_objects()
    {
        await client.ApplyAsync(ConfigMap("a", "1", labels: new() { ["app"] = "web" }), new ApplyOptions());
        await client.ApplyAsync(ConfigMap("b", "2"), new ApplyOptions());
        await client.ApplyAsync(ConfigMap("c", "3", @namespace: "team-b"), new ApplyOptions());

        var got = await client.GetAsync(new ObjectReference("v1", "ConfigMap", "team-a", "a"));
        var all = await client.ListAsync("v1", "ConfigMap", "team-a");
        var web = await client.ListAsync("v1", "ConfigMap", "team-a", "app=web");

        got!["data"]!["key"]!.GetValue<string>().Should().Be("1");
        all.Items.Select(i => i["metadata"]!["name"]!.GetValue<string>()).Should().Equal("a", "b");
        all.Items.Should().OnlyContain(i => (string?)i["kind"] == "ConfigMap" && (string?)i["apiVersion"] == "v1");
        all.ResourceVersion.Should().NotBeNullOrEmpty();
        web.Items.Should().ContainSingle().Which["metadata"]!["name"]!.GetValue<string>().Should().Be("a");
        server.Requests.Last().PathAndQuery.Should().Be("/api/v1/namespaces/team-a/configmaps?labelSelector=app%3Dweb");
    }

    [Fact]
    public async Task Get_of_a_missing_object_or_an_unknown_kind_is_null()
    {
        (await client.GetAsync(new ObjectReference("v1", "ConfigMap", "team-a", "missing"))).Should().BeNull();
        (await client.GetAsync(new ObjectReference("example.com/v1", "Widget", "team-a", "w"))).Should().BeNull();
    }

    [Fact]
    public async Task Delete_sends_the_propagation_policy_and_is_false_when_nothing_was_there()
    {
        await client.ApplyAsync(ConfigMap("doomed", "x"), new ApplyOptions());
        var reference = new ObjectReference("v1", "ConfigMap", "team-a", "doomed");

        (await client.DeleteAsync(reference, DeletePropagation.Foreground)).Should().BeTrue();
        var delete = server.Requests.Last();
        (await client.DeleteAsync(reference)).Should().BeFalse();

        delete.Method.Should().Be("DELETE");
        delete.PathAndQuery.Should().Be("/api/v1/namespaces/team-a/configmaps/doomed");
        JsonNode.DeepEquals(JsonNode.Parse(delete.Body), new JsonObject { ["kind"] = "DeleteOptions", ["apiVersion"] = "v1", ["propagationPolicy"] = "Foreground" }).Should().BeTrue(delete.Body);
        server.Objects.Should().BeEmpty();
    }

    [Fact]
    public async Task Watch_streams_added_modified_and_deleted_for_one_object()
    {
        using var stop = new CancellationTokenSource();
        var events = new List<WatchEvent>();
        var watching = Task.Run(async () =>
        {
            await foreach (var watchEvent in client.WatchAsync("v1", "ConfigMap", "team-a", "watched", resourceVersion: "100", stop.Token))
            {
                events.Add(watchEvent);
                if (events.Count == 3)
                {
                    return;
                }
            }
        });
        await WaitForWatchAsync();

        await client.ApplyAsync(ConfigMap("other", "ignored"), new ApplyOptions());
        await client.ApplyAsync(ConfigMap("watched", "1"), new ApplyOptions());
        await client.ApplyAsync(ConfigMap("watched", "2"), new ApplyOptions());
        await client.DeleteAsync(new ObjectReference("v1", "ConfigMap", "team-a", "watched"));
        await watching.WaitAsync(TimeSpan.FromSeconds(30));

        events.Select(e => e.Type).Should().Equal(WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted);
        events.Should().OnlyContain(e => (string?)e.Object["metadata"]!["name"] == "watched");
        events[1].Object["data"]!["key"]!.GetValue<string>().Should().Be("2");
        server.Requests.Should().Contain(r => r.PathAndQuery == "/api/v1/namespaces/team-a/configmaps?watch=true&resourceVersion=100&fieldSelector=metadata.name%3Dwatched");
    }

    [Fact]
    public async Task Api_errors_carry_the_status_reason_and_message()
    {
        await client.ApplyAsync(ConfigMap("shared", "1"), new ApplyOptions());
        var conflicting = ConfigMap("shared", "2", annotations: new() { ["test.konfig.io/conflict"] = "yes" });
        var invalid = ConfigMap("bad", "1", annotations: new() { ["test.konfig.io/reject"] = "ConfigMap \"bad\" is invalid: data: Too long" });

        var conflict = (await FluentActions.Awaiting(() => client.ApplyAsync(conflicting, new ApplyOptions())).Should().ThrowAsync<KubernetesApiException>()).Which;
        var rejected = (await FluentActions.Awaiting(() => client.ApplyAsync(invalid, new ApplyOptions())).Should().ThrowAsync<KubernetesApiException>()).Which;
        var forced = await client.ApplyAsync(conflicting, new ApplyOptions(Force: true));

        conflict.StatusCode.Should().Be(409);
        conflict.IsConflict.Should().BeTrue();
        conflict.Reason.Should().Be("Conflict");
        conflict.Message.Should().Contain("conflict with \"kubectl\"");
        rejected.StatusCode.Should().Be(422);
        rejected.Reason.Should().Be("Invalid");
        rejected.Message.Should().Be("ConfigMap \"bad\" is invalid: data: Too long");
        forced["data"]!["key"]!.GetValue<string>().Should().Be("2");
    }

    [Fact]
    public async Task Applying_an_unknown_kind_is_a_not_found_error_naming_it()
    {
        var widget = new JsonObject { ["apiVersion"] = "example.com/v1", ["kind"] = "Widget", ["metadata"] = new JsonObject { ["name"] = "w" } };

        var error = (await FluentActions.Awaiting(() => client.ApplyAsync(widget, new ApplyOptions())).Should().ThrowAsync<KubernetesApiException>()).Which;

        error.Reason.Should().Be("NotFound");
        error.Message.Should().Contain("no kind Widget in example.com/v1");
    }

    [Fact]
    public async Task A_server_that_does_not_answer_in_time_is_unreachable()
    {
        using var impatient = new KubernetesHttpClient(KubeCluster.Anonymous(server.Url), new KubernetesHttpClientOptions { RequestTimeout = TimeSpan.FromMilliseconds(300) });

        var error = (await FluentActions.Awaiting(() => impatient.FindKindAsync("slow.example/v1", "Slow")).Should().ThrowAsync<KubernetesApiException>()).Which;

        error.Reason.Should().Be("Unreachable");
        error.Message.Should().Be($"cannot reach {server.Url.GetLeftPart(UriPartial.Authority)}: no answer in time");
    }

    [Fact]
    public async Task A_cancelled_call_is_a_cancellation_not_an_api_error()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await FluentActions.Awaiting(() => client.GetAsync(new ObjectReference("v1", "ConfigMap", "team-a", "x"), cancelled.Token))
            .Should().ThrowAsync<OperationCanceledException>();
    }

    /// <summary>Waits until the server has the watch request, so no event is applied before it listens.</summary>
    private async Task WaitForWatchAsync()
    {
        while (server.WatcherCount == 0)
        {
            await Task.Delay(10);
        }
    }

    private static JsonObject ConfigMap(string name, string value, string? @namespace = null, Dictionary<string, string>? labels = null, Dictionary<string, string>? annotations = null)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (@namespace is not null)
        {
            metadata["namespace"] = @namespace;
        }

        if (labels is not null)
        {
            metadata["labels"] = new JsonObject(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value)));
        }

        if (annotations is not null)
        {
            metadata["annotations"] = new JsonObject(annotations.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value)));
        }

        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = metadata, ["data"] = new JsonObject { ["key"] = value } };
    }

    private static int Generation(JsonObject o) => o["metadata"]!["generation"]!.GetValue<int>();

    private static string ResourceVersion(JsonObject o) => o["metadata"]!["resourceVersion"]!.GetValue<string>();
}
