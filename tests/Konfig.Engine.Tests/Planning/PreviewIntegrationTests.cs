using System.Text.Json.Nodes;
using FluentAssertions;
using Konfig.Engine.Output;
using Konfig.Engine.Planning;
using Konfig.Engine.Resources;
using Konfig.Engine.State;
using Konfig.Kubernetes;

namespace Konfig.Engine.Tests.Planning;

/// <summary>The planner with the real client against the fake API server, over real HTTP.</summary>
public class PreviewIntegrationTests
{
    private const string Password1 = "aHVudGVyMg=="; // "hunter2"
    private const string Password2 = "c3dvcmRmaXNo"; // "swordfish"

    private static DesiredResource Resource(string id, string json) =>
        new(id, DesiredResource.KubernetesType, JsonNode.Parse(json)!.AsObject(), []);

    private static List<DesiredResource> Spec(int replicas = 2, string password = Password1, bool withConfig = true)
    {
        var spec = new List<DesiredResource>
        {
            Resource("ns", """{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop"}}"""),
            Resource("web", """
                {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "shop", "labels": {"app": "web"}},
                 "spec": {"replicas": REPLICAS, "selector": {"matchLabels": {"app": "web"}},
                          "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "web", "image": "nginx:1.27"}]}}}}
                """.Replace("REPLICAS", replicas.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)),
            Resource("db", """{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "db", "namespace": "shop"}, "type": "Opaque", "data": {"password": "PASSWORD"}}""".Replace("PASSWORD", password, StringComparison.Ordinal)),
        };
        if (withConfig)
        {
            spec.Add(Resource("config", """{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "config", "namespace": "shop"}, "data": {"mode": "fast"}}"""));
        }

        return spec;
    }

    private static StackState State(IEnumerable<DesiredResource> resources) => new()
    {
        Key = new StateKey("shop", "dev", "fake"),
        Resources = [.. resources.Select(r => new StateResource(r.Id, r.Type, r.Manifest.DeepClone().AsObject(), r.DependsOn))],
    };

    private static async Task ApplyAsync(IKubernetesClient client, IEnumerable<DesiredResource> resources)
    {
        foreach (var resource in resources)
        {
            await client.ApplyAsync(resource.Manifest.DeepClone().AsObject(), new ApplyOptions());
        }
    }

    private static Task<Preview> PreviewAsync(FakeCluster cluster, IReadOnlyList<DesiredResource> spec, StackState? prior = null, PreviewOptions? options = null) =>
        new PreviewPlanner(cluster.Client, options).PreviewAsync("shop/dev", spec, prior);

    [Fact]
    public async Task An_empty_cluster_is_all_create_and_nothing_is_written()
    {
        await using var cluster = await FakeCluster.StartAsync();
        var preview = await PreviewAsync(cluster, Spec());

        preview.Errors.Should().BeEmpty();
        preview.Changes.Select(c => (c.Id, c.Action)).Should().Equal(
            ("ns", ChangeAction.Create), ("web", ChangeAction.Create), ("db", ChangeAction.Create), ("config", ChangeAction.Create));
        preview.Notes.Where(n => n.SummedUp).Select(n => n.Id).Should().Equal(["web", "db", "config"], "their namespace is created by the same apply");
        preview.StackNotes.Should().ContainSingle().Which.Should().Contain("namespace 'shop' is created by this apply").And.Contain("3 resources in it");
        cluster.Server.Objects.Get("v1", "Namespace", null, "shop").Should().BeNull("a preview changes nothing");
    }

    [Fact]
    public async Task When_the_namespace_exists_creates_come_from_the_server_dry_run()
    {
        await using var cluster = await FakeCluster.StartAsync();
        await ApplyAsync(cluster.Client, Spec().Take(1));
        var preview = await PreviewAsync(cluster, Spec());

        preview.Errors.Should().BeEmpty();
        preview.Notes.Should().BeEmpty();
        preview.Changes.Select(c => (c.Id, c.Action)).Should().Equal(
            ("ns", ChangeAction.UnChanged), ("web", ChangeAction.Create), ("db", ChangeAction.Create), ("config", ChangeAction.Create));
        var web = preview.Changes[1];
        web.Fields.Should().Contain(f => f.Path == "spec.template.spec.containers[name=web].image" && f.After!.GetValue<string>() == "nginx:1.27");
        web.Fields.Select(f => f.Path).Should().NotContain(p => p.StartsWith("status", StringComparison.Ordinal) || p.Contains("managedFields") || p.Contains("uid"));
        cluster.Server.Objects.Get("apps/v1", "Deployment", "shop", "web").Should().BeNull();
    }

    [Fact]
    public async Task After_an_apply_the_same_spec_is_unchanged_and_a_new_replica_count_is_the_one_update()
    {
        await using var cluster = await FakeCluster.StartAsync();
        await ApplyAsync(cluster.Client, Spec());
        await Task.Delay(300); // let the simulated controller write status, which must not count as a change

        var same = await PreviewAsync(cluster, Spec(), State(Spec()));
        same.Errors.Should().BeEmpty();
        same.Changes.Should().HaveCount(4).And.OnlyContain(c => c.Action == ChangeAction.UnChanged);

        var scaled = await PreviewAsync(cluster, Spec(replicas: 3), State(Spec()));
        scaled.Errors.Should().BeEmpty();
        scaled.Counts.Should().Be(new PreviewCounts(0, 1, 0, 3, 0));
        var update = scaled.Changes.Single(c => c.Action == ChangeAction.Update);
        update.Id.Should().Be("web");
        update.Fields.Select(f => $"{f.Path}: {f.Before!.ToJsonString()} → {f.After!.ToJsonString()}").Should().Equal("spec.replicas: 2 → 3");
        PreviewTable.Render(scaled).Should().Contain("\n    ~ spec.replicas: 2 → 3\n");
    }

    [Fact]
    public async Task A_resource_that_left_the_spec_is_deleted_with_its_live_object()
    {
        await using var cluster = await FakeCluster.StartAsync();
        await ApplyAsync(cluster.Client, Spec());
        var preview = await PreviewAsync(cluster, Spec(withConfig: false), State(Spec()));

        preview.Errors.Should().BeEmpty();
        var delete = preview.Changes.Should().ContainSingle(c => c.Action == ChangeAction.Delete).Subject;
        delete.Id.Should().Be("config");
        delete.Reference.Should().Be(new ObjectReference("v1", "ConfigMap", "shop", "config"));
        delete.Live!["data"]!["mode"]!.GetValue<string>().Should().Be("fast");
        preview.Changes[^1].Should().BeSameAs(delete, "deletes come last");
        preview.Notes.Should().BeEmpty();

        await cluster.Client.DeleteAsync(delete.Reference);
        var again = await PreviewAsync(cluster, Spec(withConfig: false), State(Spec()));
        again.Changes.Single(c => c.Action == ChangeAction.Delete).Live.Should().BeNull();
        again.NotesFor("config").Should().ContainSingle().Which.Should().Contain("already gone");
    }

    [Fact]
    public async Task A_secret_change_is_masked_in_the_model_and_every_rendering()
    {
        await using var cluster = await FakeCluster.StartAsync();
        await ApplyAsync(cluster.Client, Spec());
        var preview = await PreviewAsync(cluster, Spec(password: Password2), State(Spec()));

        var update = preview.Changes.Single(c => c.Action == ChangeAction.Update);
        update.Id.Should().Be("db");
        update.Fields.Select(f => $"{f.Path}: {f.Before} → {f.After}").Should().Equal("data.password: (sensitive: 7 bytes) → (sensitive: 9 bytes)");
        var everything = string.Join("\n",
            update.Desired!.ToJsonString(), update.Live!.ToJsonString(),
            PreviewTable.Render(preview), PreviewMarkdown.Render(preview), PreviewJson.Render(preview));
        everything.Should().NotContainAny(Password1, Password2, "hunter2", "swordfish");
        everything.Should().Contain("~ data.password: (sensitive: 7 bytes) → (sensitive: 9 bytes)");
    }

    [Fact]
    public async Task Fields_another_manager_owns_are_kept_by_the_dry_run_and_a_conflict_needs_force()
    {
        await using var cluster = await FakeCluster.StartAsync();
        await ApplyAsync(cluster.Client, Spec());

        // Another manager adds a label: konfig's apply would keep it, so it is no change.
        await cluster.Client.ApplyAsync(JsonNode.Parse("""{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "config", "namespace": "shop", "labels": {"team": "ops"}}}""")!.AsObject(), new ApplyOptions("ops"));
        var kept = await PreviewAsync(cluster, Spec(), State(Spec()));
        kept.Errors.Should().BeEmpty();
        kept.Changes.Should().OnlyContain(c => c.Action == ChangeAction.UnChanged);

        // Another manager takes data.mode over: konfig's value conflicts unless forced.
        await cluster.Client.ApplyAsync(JsonNode.Parse("""{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "config", "namespace": "shop"}, "data": {"mode": "slow"}}""")!.AsObject(), new ApplyOptions("ops", Force: true));
        var conflicted = await PreviewAsync(cluster, Spec(), State(Spec()));
        conflicted.Errors.Should().ContainSingle().Which.Should().Match<PreviewMessage>(e => e.Id == "config" && e.Message.Contains("Conflict (409)") && e.Message.Contains("--force-conflicts"));

        var forced = await PreviewAsync(cluster, Spec(), State(Spec()), new PreviewOptions { ForceConflicts = true });
        forced.Errors.Should().BeEmpty();
        forced.Changes.Single(c => c.Action == ChangeAction.Update).Fields.Select(f => $"{f.Path}: {f.Before} → {f.After}")
            .Should().Equal("data.mode: slow → fast");
    }

    [Fact]
    public async Task An_invalid_resource_is_an_error_of_its_own()
    {
        await using var cluster = await FakeCluster.StartAsync();
        await ApplyAsync(cluster.Client, Spec().Take(1));
        var spec = Spec();
        spec.Add(Resource("widget", """{"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "w"}}"""));
        var preview = await PreviewAsync(cluster, spec);

        preview.Changes.Should().HaveCount(4);
        preview.Errors.Should().ContainSingle().Which.Should().Match<PreviewMessage>(e => e.Id == "widget" && e.Message.Contains("NotFound (404)") && e.Message.Contains("Widget"));
    }

    [Fact]
    public async Task An_object_without_a_namespace_is_shown_in_the_namespace_of_the_context()
    {
        await using var cluster = await FakeCluster.StartAsync();
        await ApplyAsync(cluster.Client, [Resource("ns", """{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "default"}}""")]);
        var preview = await PreviewAsync(cluster, [Resource("cm", """{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "plain"}, "data": {"a": "b"}}""")]);

        preview.Errors.Should().BeEmpty();
        preview.Changes.Single().Reference.Should().Be(new ObjectReference("v1", "ConfigMap", cluster.Client.DefaultNamespace, "plain"));
    }
}
