using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace Konfig.Kubernetes.Tests.FakeServer;

public sealed class ApplyTests
{
    private const string ConfigMapPath = "/api/v1/namespaces/team/configmaps/settings";

    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: team
          labels: {app: web}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - {name: web, image: "nginx:1.27"}
        """;

    [Fact]
    public async Task Apply_creates_an_object_with_server_fields_and_a_managed_fields_entry()
    {
        await using var api = await FakeApi.StartAsync();
        await api.CreateNamespaceAsync("team");

        var (status, created) = await api.ApplyAsync("/apis/apps/v1/namespaces/team/deployments/web", Deployment, manager: "konfig");

        status.Should().Be(HttpStatusCode.Created);
        var metadata = created["metadata"]!;
        metadata["uid"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        metadata["creationTimestamp"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        long.Parse(metadata["resourceVersion"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).Should().BePositive();
        metadata["generation"]!.GetValue<long>().Should().Be(1);
        var entry = metadata["managedFields"]!.AsArray().Should().ContainSingle().Subject!;
        entry["manager"]!.GetValue<string>().Should().Be("konfig");
        entry["operation"]!.GetValue<string>().Should().Be("Apply");
        entry["fieldsV1"]!["f:spec"]!["f:replicas"].Should().NotBeNull();
        created["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>().Should().Be("nginx:1.27");
        api.Server.Objects.Get("apps/v1", "Deployment", "team", "web").Should().NotBeNull();
    }

    [Fact]
    public async Task Reapplying_merges_maps_replaces_lists_and_drops_fields_the_manager_no_longer_sets()
    {
        await using var api = await FakeApi.StartAsync();
        await api.CreateNamespaceAsync("team");
        await api.ApplyAsync(ConfigMapPath, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: team, labels: {a: '1', b: '2'}}\ndata: {x: '1', y: '2'}\n");
        // Another manager adds a label of its own.
        await api.ApplyAsync(ConfigMapPath, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: team, labels: {other: 'yes'}}\n", manager: "other");

        var (status, updated) = await api.ApplyAsync(ConfigMapPath, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: team, labels: {a: '10'}}\ndata: {x: '1'}\n");

        status.Should().Be(HttpStatusCode.OK);
        updated["metadata"]!["labels"]!.ToJsonString().Should().Be("""{"a":"10","other":"yes"}""");
        updated["data"]!.ToJsonString().Should().Be("""{"x":"1"}""");
    }

    [Fact]
    public async Task Resource_version_moves_on_every_change_and_generation_only_when_the_spec_changes()
    {
        // A kind the simulated controller leaves alone, so only our applies write.
        await using var api = await FakeApi.StartAsync();
        await api.CreateNamespaceAsync("team");
        const string path = "/apis/networking.k8s.io/v1/namespaces/team/networkpolicies/deny";
        const string policy = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: team, labels: LABELS}\nspec: {podSelector: {}, policyTypes: [TYPES]}\n";
        string Policy(string labels, string types) => policy.Replace("LABELS", labels, StringComparison.Ordinal).Replace("TYPES", types, StringComparison.Ordinal);
        var (_, first) = await api.ApplyAsync(path, Policy("{a: b}", "Ingress"));

        var (_, same) = await api.ApplyAsync(path, Policy("{a: b}", "Ingress"));
        var (_, labelled) = await api.ApplyAsync(path, Policy("{a: c}", "Ingress"));
        var (_, changed) = await api.ApplyAsync(path, Policy("{a: c}", "Ingress, Egress"));

        static long Version(JsonObject o) => long.Parse(o["metadata"]!["resourceVersion"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        static long Generation(JsonObject o) => o["metadata"]!["generation"]!.GetValue<long>();
        Version(same).Should().Be(Version(first), "a no-op apply changes nothing");
        Version(labelled).Should().BeGreaterThan(Version(same));
        Generation(labelled).Should().Be(1, "labels are metadata");
        Version(changed).Should().BeGreaterThan(Version(labelled));
        Generation(changed).Should().Be(2);
    }

    [Fact]
    public async Task Dry_run_answers_as_if_applied_and_stores_nothing()
    {
        await using var api = await FakeApi.StartAsync();
        await api.CreateNamespaceAsync("team");
        const string path = "/apis/apps/v1/namespaces/team/deployments/web";

        var (createStatus, wouldCreate) = await api.ApplyAsync(path, Deployment, dryRun: true);
        var storedAfterDryCreate = api.Server.Objects.Get("apps/v1", "Deployment", "team", "web");
        await api.ApplyAsync(path, Deployment);
        var (_, wouldScale) = await api.ApplyAsync(path, Deployment.Replace("replicas: 2", "replicas: 9", StringComparison.Ordinal), dryRun: true);

        createStatus.Should().Be(HttpStatusCode.Created);
        wouldCreate["spec"]!["replicas"]!.GetValue<int>().Should().Be(2);
        storedAfterDryCreate.Should().BeNull();
        wouldScale["spec"]!["replicas"]!.GetValue<int>().Should().Be(9);
        wouldScale["metadata"]!["generation"]!.GetValue<long>().Should().Be(2);
        var stored = api.Server.Objects.Get("apps/v1", "Deployment", "team", "web")!;
        stored["spec"]!["replicas"]!.GetValue<int>().Should().Be(2);
        stored["metadata"]!["generation"]!.GetValue<long>().Should().Be(1);
    }

    [Fact]
    public async Task Changing_a_field_another_manager_owns_is_a_409_conflict_unless_forced()
    {
        await using var api = await FakeApi.StartAsync();
        await api.CreateNamespaceAsync("team");
        const string path = "/apis/apps/v1/namespaces/team/deployments/web";
        await api.ApplyAsync(path, Deployment, manager: "konfig");
        var scaled = Deployment.Replace("replicas: 2", "replicas: 4", StringComparison.Ordinal);

        var (conflictStatus, conflict) = await api.ApplyAsync(path, scaled, manager: "autoscaler");
        var (sharedStatus, _) = await api.ApplyAsync(path, Deployment, manager: "copycat");
        var (forcedStatus, forced) = await api.ApplyAsync(path, scaled, manager: "autoscaler", force: true);

        conflictStatus.Should().Be(HttpStatusCode.Conflict);
        conflict["kind"]!.GetValue<string>().Should().Be("Status");
        conflict["reason"]!.GetValue<string>().Should().Be("Conflict");
        conflict["code"]!.GetValue<int>().Should().Be(409);
        conflict["message"]!.GetValue<string>().Should().Contain("conflict with \"konfig\"").And.Contain(".spec.replicas");
        sharedStatus.Should().Be(HttpStatusCode.OK, "applying the same values shares ownership");
        forcedStatus.Should().Be(HttpStatusCode.OK);
        forced["spec"]!["replicas"]!.GetValue<int>().Should().Be(4);
        var konfig = forced["metadata"]!["managedFields"]!.AsArray().Single(m => m!["manager"]!.GetValue<string>() == "konfig")!;
        konfig["fieldsV1"]!["f:spec"]!["f:replicas"].Should().BeNull("a forced apply takes the field away");
    }

    [Fact]
    public async Task Objects_in_a_namespace_that_does_not_exist_are_404()
    {
        await using var api = await FakeApi.StartAsync();

        var (status, body) = await api.ApplyAsync(ConfigMapPath, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: team}\n");

        status.Should().Be(HttpStatusCode.NotFound);
        body["reason"]!.GetValue<string>().Should().Be("NotFound");
        body["message"]!.GetValue<string>().Should().Be("namespaces \"team\" not found");
        api.Server.Objects.Count.Should().Be(0);
    }

    [Fact]
    public async Task Apply_needs_a_field_manager_and_a_body_that_names_the_URL_object()
    {
        await using var api = await FakeApi.StartAsync();
        await api.CreateNamespaceAsync("team");

        var (noManager, _) = await api.ApplyAsync(ConfigMapPath, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n", manager: null);
        var (wrongName, wrongNameBody) = await api.ApplyAsync(ConfigMapPath, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other}\n");
        var (badYaml, _) = await api.ApplyAsync(ConfigMapPath, "apiVersion: [v1\n");

        noManager.Should().Be(HttpStatusCode.UnprocessableEntity);
        wrongName.Should().Be(HttpStatusCode.BadRequest);
        wrongNameBody["message"]!.GetValue<string>().Should().Contain("does not match the name on the URL");
        badYaml.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Stale_resource_version_in_the_body_is_a_conflict()
    {
        await using var api = await FakeApi.StartAsync();
        await api.CreateNamespaceAsync("team");
        var (_, created) = await api.ApplyAsync(ConfigMapPath, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: team}\ndata: {a: '1'}\n");
        var version = created["metadata"]!["resourceVersion"]!.GetValue<string>();
        await api.ApplyAsync(ConfigMapPath, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: team}\ndata: {a: '2'}\n");

        var (status, body) = await api.SendAsync(HttpMethod.Put, ConfigMapPath, $$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings","namespace":"team","resourceVersion":"{{{version}}}"},"data":{"a":"3"}}""");

        status.Should().Be(HttpStatusCode.Conflict);
        body["message"]!.GetValue<string>().Should().Contain("the object has been modified");
    }

    [Fact]
    public async Task Post_creates_once_and_merge_patch_updates()
    {
        await using var api = await FakeApi.StartAsync();
        await api.CreateNamespaceAsync("team");
        const string body = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings"},"data":{"a":"1"}}""";

        var (created, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/team/configmaps", body);
        var (again, againBody) = await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/team/configmaps", body);
        var (patched, patchedBody) = await api.SendAsync(HttpMethod.Patch, ConfigMapPath, """{"data":{"b":"2","a":null}}""", "application/merge-patch+json");

        created.Should().Be(HttpStatusCode.Created);
        again.Should().Be(HttpStatusCode.Conflict);
        againBody["reason"]!.GetValue<string>().Should().Be("AlreadyExists");
        patched.Should().Be(HttpStatusCode.OK);
        patchedBody["data"]!.ToJsonString().Should().Be("""{"b":"2"}""");
    }

    [Fact]
    public async Task Get_and_list_across_namespaces_with_label_selectors()
    {
        await using var api = await FakeApi.StartAsync();
        foreach (var ns in new[] { "a", "b" })
        {
            await api.CreateNamespaceAsync(ns);
            await api.ApplyAsync($"/api/v1/namespaces/{ns}/configmaps/front", $"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: front, namespace: {ns}, labels: {{tier: front}}}}\n");
            await api.ApplyAsync($"/api/v1/namespaces/{ns}/configmaps/back", $"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: back, namespace: {ns}, labels: {{tier: back}}}}\n");
        }

        var (_, all) = await api.GetAsync("/api/v1/configmaps");
        var (_, fronts) = await api.GetAsync("/api/v1/configmaps?labelSelector=tier%3Dfront");
        var (_, inA) = await api.GetAsync("/api/v1/namespaces/a/configmaps?labelSelector=tier!%3Dfront");
        var (missing, missingBody) = await api.GetAsync("/api/v1/namespaces/a/configmaps/nope");

        all["kind"]!.GetValue<string>().Should().Be("ConfigMapList");
        all["metadata"]!["resourceVersion"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        all["items"]!.AsArray().Should().HaveCount(4);
        fronts["items"]!.AsArray().Select(i => i!["metadata"]!["namespace"]!.GetValue<string>() + "/" + i["metadata"]!["name"]!.GetValue<string>())
            .Should().Equal("a/front", "b/front");
        inA["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).Should().Equal("back");
        missing.Should().Be(HttpStatusCode.NotFound);
        missingBody["message"]!.GetValue<string>().Should().Be("configmaps \"nope\" not found");
    }

    [Fact]
    public async Task Secret_string_data_is_stored_as_base64_data_and_bad_base64_is_invalid()
    {
        await using var api = await FakeApi.StartAsync();
        await api.CreateNamespaceAsync("team");
        const string path = "/api/v1/namespaces/team/secrets/db";
        const string secret = "apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: team}\nstringData: {password: hunter2}\n";

        var (_, created) = await api.ApplyAsync(path, secret);
        var (_, again) = await api.ApplyAsync(path, secret);
        var (badStatus, bad) = await api.ApplyAsync("/api/v1/namespaces/team/secrets/bad", "apiVersion: v1\nkind: Secret\nmetadata: {name: bad, namespace: team}\ndata: {password: '%%%'}\n");

        created["data"]!["password"]!.GetValue<string>().Should().Be(Convert.ToBase64String("hunter2"u8.ToArray()));
        created["stringData"].Should().BeNull();
        created["type"]!.GetValue<string>().Should().Be("Opaque");
        again["metadata"]!["resourceVersion"]!.GetValue<string>().Should().Be(created["metadata"]!["resourceVersion"]!.GetValue<string>());
        badStatus.Should().Be(HttpStatusCode.UnprocessableEntity);
        bad["reason"]!.GetValue<string>().Should().Be("Invalid");
    }

    [Fact]
    public async Task Concurrent_applies_all_land_with_distinct_resource_versions()
    {
        await using var api = await FakeApi.StartAsync();
        await api.CreateNamespaceAsync("team");

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            api.ApplyAsync($"/api/v1/namespaces/team/configmaps/c{i}", $"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: c{i}, namespace: team}}\ndata: {{i: '{i}'}}\n")));

        results.Should().OnlyContain(r => r.Status == HttpStatusCode.Created);
        results.Select(r => r.Body["metadata"]!["resourceVersion"]!.GetValue<string>()).Should().OnlyHaveUniqueItems();
        api.Server.Objects.Count.Should().Be(101);
        api.Server.RequestCount.Should().BeGreaterThanOrEqualTo(101);
    }
}
