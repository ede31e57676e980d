using System.Text.Json.Nodes;
using FluentAssertions;
using Konfig.Engine.Planning;
using Konfig.Engine.Resources;
using Konfig.Engine.State;
using Konfig.Kubernetes;

namespace Konfig.Engine.Tests.Planning;

/// <summary>The planner's logic against an in-memory server; PreviewIntegrationTests hold it to the real client and fake server.</summary>
public class PreviewPlannerTests
{
    private static DesiredResource Resource(string id, string json, params string[] dependsOn) =>
        new(id, DesiredResource.KubernetesType, JsonNode.Parse(json)!.AsObject(), dependsOn);

    private static DesiredResource Namespace(string name) =>
        Resource($"ns-{name}", $$$"""{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "{{{name}}}"}}""");

    private static DesiredResource ConfigMap(string name, string value, string ns = "demo") =>
        Resource($"cm-{name}", $$$"""{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "{{{name}}}", "namespace": "{{{ns}}}"}, "data": {"key": "{{{value}}}"}}""");

    private static DesiredResource Deployment(int replicas) => Resource("web", """
        {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "demo", "labels": {"app": "web"}},
         "spec": {"replicas": REPLICAS, "template": {"spec": {"containers": [{"name": "web", "image": "nginx:1"}]}}}}
        """.Replace("REPLICAS", replicas.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

    private static StackState State(params DesiredResource[] resources) => new()
    {
        Key = new StateKey("app", "dev", "fake"),
        Resources = [.. resources.Select(r => new StateResource(r.Id, r.Type, r.Manifest.DeepClone().AsObject(), r.DependsOn))],
    };

    private static async Task ApplyAll(InMemoryKubernetesClient client, params DesiredResource[] resources)
    {
        foreach (var resource in resources)
        {
            await client.ApplyAsync(resource.Manifest.DeepClone().AsObject(), new ApplyOptions());
        }
    }

    private static Task<Preview> Preview(InMemoryKubernetesClient client, IReadOnlyList<DesiredResource> desired, StackState? prior = null, PreviewOptions? options = null) =>
        new PreviewPlanner(client, options).PreviewAsync("app/dev", desired, prior);

    [Fact]
    public async Task An_empty_cluster_creates_everything_in_dependency_order()
    {
        var client = new InMemoryKubernetesClient();
        await ApplyAll(client, Namespace("demo"));
        var preview = await Preview(client, [Deployment(2), ConfigMap("a", "1"), Namespace("other"), ConfigMap("b", "2", ns: "other")]);

        preview.Errors.Should().BeEmpty();
        preview.Changes.Select(c => (c.Id, c.Action)).Should().Equal(
            ("web", ChangeAction.Create), ("cm-a", ChangeAction.Create), ("ns-other", ChangeAction.Create), ("cm-b", ChangeAction.Create));
        preview.Counts.Should().Be(new PreviewCounts(4, 0, 0, 0, 0));
        var web = preview.Changes[0];
        web.Live.Should().BeNull();
        web.Desired!["metadata"]!["uid"].Should().BeNull("server-managed fields are left out of what is shown");
        web.Desired["status"].Should().BeNull();
        web.Fields.Select(f => f.Path).Should().Contain(["spec.replicas", "spec.template.spec.containers[name=web].image", "metadata.labels.app"])
            .And.NotContain(p => p.Contains("uid") || p.Contains("status") || p.Contains("managedFields"));
        web.Fields.Should().OnlyContain(f => f.Before == null);
    }

    [Fact]
    public async Task A_resource_in_a_namespace_this_plan_creates_is_shown_from_the_spec_with_a_note()
    {
        var client = new InMemoryKubernetesClient();
        var preview = await Preview(client, [ConfigMap("a", "1", ns: "fresh"), Namespace("fresh")]);

        preview.Errors.Should().BeEmpty();
        preview.Changes.Select(c => (c.Id, c.Action)).Should().Equal(("ns-fresh", ChangeAction.Create), ("cm-a", ChangeAction.Create));
        preview.Changes[1].Fields.Select(f => $"{f.Path}={f.After!.ToJsonString()}").Should().Equal(
            "apiVersion=\"v1\"", "data.key=\"1\"", "kind=\"ConfigMap\"", "metadata.name=\"a\"", "metadata.namespace=\"fresh\"");
        preview.Notes.Should().Equal(
            new PreviewMessage(null, "namespace 'fresh' is created by this apply: the server cannot dry-run what depends on it yet, so 1 resource in it is shown as written in the spec"),
            new PreviewMessage("cm-a", "namespace 'fresh' is created by this apply, so the server cannot dry-run this yet; shown as written in the spec", SummedUp: true));
        preview.NotesFor("cm-a").Should().BeEmpty("the stack note says it");
    }

    [Fact]
    public async Task Resources_in_new_namespaces_share_one_stack_note_per_namespace()
    {
        var client = new InMemoryKubernetesClient();
        var preview = await Preview(client, [
            Namespace("fresh"), ConfigMap("a", "1", ns: "fresh"), ConfigMap("b", "2", ns: "fresh"), ConfigMap("c", "3", ns: "fresh"),
            Namespace("other"), ConfigMap("d", "4", ns: "other"),
        ]);

        preview.Errors.Should().BeEmpty();
        preview.StackNotes.Should().Equal(
            "namespace 'fresh' is created by this apply: the server cannot dry-run what depends on it yet, so 3 resources in it are shown as written in the spec",
            "namespace 'other' is created by this apply: the server cannot dry-run what depends on it yet, so 1 resource in it is shown as written in the spec");
        preview.Notes.Where(n => n.Id is not null).Should().HaveCount(4).And.OnlyContain(n => n.SummedUp);
    }

    [Fact]
    public async Task A_missing_namespace_that_the_plan_does_not_create_is_an_error()
    {
        var client = new InMemoryKubernetesClient();
        var preview = await Preview(client, [ConfigMap("a", "1", ns: "nowhere")]);
        preview.Changes.Should().BeEmpty();
        preview.Errors.Should().ContainSingle().Which.Should().Be(new PreviewMessage("cm-a",
            "server-side apply dry run failed: NotFound (404): namespaces \"nowhere\" not found"));
    }

    [Fact]
    public async Task A_custom_resource_whose_CRD_this_plan_creates_is_shown_from_the_spec()
    {
        var client = new InMemoryKubernetesClient();
        client.UnknownKinds.Add("Widget");
        var crd = Resource("crd", """
            {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition", "metadata": {"name": "widgets.example.com"},
             "spec": {"group": "example.com", "names": {"kind": "Widget", "plural": "widgets"}, "scope": "Cluster"}}
            """);
        var widget = Resource("w", """{"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "w1"}, "spec": {"size": 3}}""");
        var preview = await Preview(client, [widget, crd]);

        preview.Errors.Should().BeEmpty();
        preview.Changes.Select(c => (c.Id, c.Action)).Should().Equal(("crd", ChangeAction.Create), ("w", ChangeAction.Create));
        preview.Notes.Should().ContainSingle(n => n.Id == "w").Which.Message.Should().StartWith("its CustomResourceDefinition is created by this apply");
        preview.StackNotes.Should().Equal(
            "the CustomResourceDefinition of Widget (example.com) is created by this apply: the server cannot dry-run what depends on it yet, so 1 resource of that kind is shown as written in the spec");
    }

    [Fact]
    public async Task Applied_resources_are_unchanged_and_a_changed_field_is_the_only_difference()
    {
        var client = new InMemoryKubernetesClient();
        var spec = new[] { Namespace("demo"), Deployment(2), ConfigMap("a", "1") };
        await ApplyAll(client, spec);

        var same = await Preview(client, spec, State(spec));
        same.Changes.Should().OnlyContain(c => c.Action == ChangeAction.UnChanged && c.Fields.Count == 0);
        same.HasChanges.Should().BeFalse();

        var changed = await Preview(client, [Namespace("demo"), Deployment(3), ConfigMap("a", "1")], State(spec));
        var update = changed.Changes.Should().ContainSingle(c => c.Action == ChangeAction.Update).Subject;
        update.Id.Should().Be("web");
        update.Fields.Should().ContainSingle();
        update.Fields[0].Path.Should().Be("spec.replicas");
        update.Fields[0].Before!.GetValue<int>().Should().Be(2);
        update.Fields[0].After!.GetValue<int>().Should().Be(3);
        update.Live!["spec"]!["replicas"]!.GetValue<int>().Should().Be(2);
        update.Desired!["spec"]!["replicas"]!.GetValue<int>().Should().Be(3);
    }

    [Fact]
    public async Task Ignored_fields_hide_a_change()
    {
        var client = new InMemoryKubernetesClient();
        await ApplyAll(client, Namespace("demo"), Deployment(2));
        var preview = await Preview(client, [Deployment(5)], options: new PreviewOptions { IgnoreFields = ["spec.replicas", "bad..path"] });
        preview.Changes.Should().ContainSingle().Which.Action.Should().Be(ChangeAction.UnChanged);
        preview.Errors.Should().ContainSingle().Which.Id.Should().BeNull();
    }

    [Fact]
    public async Task Resources_that_left_the_spec_are_deleted_dependents_first_even_when_already_gone()
    {
        var client = new InMemoryKubernetesClient();
        var ns = Namespace("old");
        var kept = ConfigMap("kept", "1", ns: "old");
        var gone = Resource("gone", """{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "gone", "namespace": "old"}}""");
        await ApplyAll(client, ns, kept);
        var preview = await Preview(client, [], State(ns, kept, gone));

        preview.Changes.Select(c => (c.Id, c.Action)).Should().Equal(
            ("cm-kept", ChangeAction.Delete), ("gone", ChangeAction.Delete), ("ns-old", ChangeAction.Delete));
        preview.Changes[0].Live!["data"]!["key"]!.GetValue<string>().Should().Be("1");
        preview.Changes[0].Live!["metadata"]!["resourceVersion"].Should().BeNull();
        preview.Changes[1].Live.Should().BeNull();
        preview.Changes.Should().OnlyContain(c => c.Desired == null && c.Fields.Count == 0);
        preview.Notes.Should().Equal(new PreviewMessage("gone", "already gone from the cluster: nothing to delete, only its state entry goes"));
        preview.StateKey.Should().Be(new StateKey("app", "dev", "fake"));
    }

    [Fact]
    public async Task Unsupported_and_failing_resources_are_errors_and_the_rest_is_still_previewed()
    {
        var client = new InMemoryKubernetesClient();
        await ApplyAll(client, Namespace("demo"));
        client.FailApply = r => r.Name switch
        {
            "bad" => new KubernetesApiException(422, "Invalid", "ConfigMap \"bad\" is invalid: data: Invalid value: \"s3cr3t-value\""),
            "owned" => new KubernetesApiException(409, "Conflict", "Apply failed with 1 conflict: conflict with \"kubectl\": .data.key"),
            "down" => new HttpRequestException("Connection refused"),
            _ => null,
        };
        var secret = Resource("secret", """{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s", "namespace": "demo"}, "stringData": {"p": "s3cr3t-value"}}""");
        var preview = await Preview(client, [
            new DesiredResource("tf", "Terraform", new JsonObject(), []),
            Resource("noname", """{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {}}"""),
            ConfigMap("bad", "x"), ConfigMap("owned", "x"), ConfigMap("down", "x"), secret, ConfigMap("fine", "x"),
        ]);

        preview.Changes.Select(c => c.Id).Should().Equal("secret", "cm-fine");
        preview.Errors.Select(e => e.ToString()).Should().Equal(
            "tf: unsupported resource type 'Terraform': only Kubernetes resources can be previewed",
            "noname: the manifest needs apiVersion, kind and metadata.name (as strings)",
            "cm-bad: server-side apply dry run failed: Invalid (422): ConfigMap \"bad\" is invalid: data: Invalid value: \"***\"",
            "cm-owned: server-side apply dry run failed: Conflict (409): Apply failed with 1 conflict: conflict with \"kubectl\": .data.key (--force-conflicts takes the fields over)",
            "cm-down: server-side apply dry run failed: Connection refused");
        preview.Counts.Errors.Should().Be(5);
    }

    [Fact]
    public async Task Force_conflicts_and_the_field_manager_reach_the_dry_run()
    {
        var client = new InMemoryKubernetesClient();
        await ApplyAll(client, Namespace("demo"));
        var preview = await Preview(client, [ConfigMap("a", "1")], options: new PreviewOptions { ForceConflicts = true, FieldManager = "me" });
        preview.Changes[0].Desired!["metadata"]!["managedFields"].Should().BeNull("ignored");
        client.Objects.Should().ContainSingle("a dry run stores nothing");
    }

    [Fact]
    public async Task Secret_values_are_masked_in_the_change_and_its_objects()
    {
        var client = new InMemoryKubernetesClient();
        await ApplyAll(client, Namespace("demo"));
        const string template = """{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "db", "namespace": "demo"}, "data": {"password": "{0}"}}""";
        var before = Resource("db", template.Replace("{0}", "aHVudGVyMg==", StringComparison.Ordinal));
        await ApplyAll(client, before);
        var preview = await Preview(client, [Resource("db", template.Replace("{0}", "c3dvcmRmaXNo", StringComparison.Ordinal))]);

        var change = preview.Changes.Single();
        change.Action.Should().Be(ChangeAction.Update);
        change.Fields.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Path = "data.password" });
        change.Fields[0].Before!.GetValue<string>().Should().Be("(sensitive: 7 bytes)");
        change.Fields[0].After!.GetValue<string>().Should().Be("(sensitive: 9 bytes)");
        (change.Desired!.ToJsonString() + change.Live!.ToJsonString()).Should().NotContainAny("aHVudGVyMg==", "c3dvcmRmaXNo");
    }

    [Fact]
    public async Task A_dependency_cycle_is_an_error_and_no_call_is_made()
    {
        var client = new InMemoryKubernetesClient();
        var preview = await Preview(client, [Resource("a", """{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}}""", "b"),
            Resource("b", """{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "b"}}""", "a")]);
        preview.Changes.Should().BeEmpty();
        preview.Errors.Should().ContainSingle().Which.Message.Should().StartWith("dependency cycle: ");
        client.Calls.Should().Be(0);
    }

    [Fact]
    public async Task Calls_run_concurrently_up_to_the_parallelism()
    {
        var client = new InMemoryKubernetesClient();
        await ApplyAll(client, Namespace("demo"));
        client.Delay = TimeSpan.FromMilliseconds(20);
        var spec = Enumerable.Range(0, 30).Select(i => ConfigMap($"c{i}", "v")).ToList();
        var preview = await Preview(client, spec, options: new PreviewOptions { Parallelism = 3 });

        preview.Changes.Should().HaveCount(30);
        preview.Changes.Select(c => c.Id).Should().Equal(spec.Select(r => r.Id), "the output keeps spec order within a level");
        client.MaxConcurrentCalls.Should().BeInRange(3, 6, "each of 3 resources in flight issues a GET and a dry run together");
    }

    [Fact]
    public async Task Cancellation_stops_the_preview()
    {
        var client = new InMemoryKubernetesClient { Delay = TimeSpan.FromSeconds(30) };
        using var cancellation = new CancellationTokenSource();
        var preview = new PreviewPlanner(client).PreviewAsync("s", [ConfigMap("a", "1")], null, cancellation.Token);
        cancellation.Cancel();
        await preview.Invoking(p => p).Should().ThrowAsync<OperationCanceledException>();
    }
}
