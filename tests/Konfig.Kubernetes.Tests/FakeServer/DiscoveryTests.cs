using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace Konfig.Kubernetes.Tests.FakeServer;

public sealed class DiscoveryTests
{
    [Fact]
    public async Task Version_and_core_versions_have_the_real_shapes()
    {
        await using var api = await FakeApi.StartAsync();

        var (versionStatus, version) = await api.GetAsync("/version");
        var (_, core) = await api.GetAsync("/api");

        versionStatus.Should().Be(HttpStatusCode.OK);
        version["major"]!.GetValue<string>().Should().Be("1");
        version["gitVersion"]!.GetValue<string>().Should().StartWith("v1.");
        core["kind"]!.GetValue<string>().Should().Be("APIVersions");
        core["versions"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Equal("v1");
    }

    [Fact]
    public async Task Group_list_names_every_built_in_group_with_its_preferred_version()
    {
        await using var api = await FakeApi.StartAsync();

        var (_, groups) = await api.GetAsync("/apis");

        groups["kind"]!.GetValue<string>().Should().Be("APIGroupList");
        var preferred = groups["groups"]!.AsArray().ToDictionary(g => g!["name"]!.GetValue<string>(), g => g!["preferredVersion"]!["groupVersion"]!.GetValue<string>());
        preferred.Should().Contain(new Dictionary<string, string>
        {
            ["apps"] = "apps/v1",
            ["batch"] = "batch/v1",
            ["networking.k8s.io"] = "networking.k8s.io/v1",
            ["policy"] = "policy/v1",
            ["autoscaling"] = "autoscaling/v2",
            ["rbac.authorization.k8s.io"] = "rbac.authorization.k8s.io/v1",
            ["apiextensions.k8s.io"] = "apiextensions.k8s.io/v1",
        });
    }

    [Theory]
    [InlineData("/api/v1", "Namespace", "namespaces", false)]
    [InlineData("/api/v1", "ConfigMap", "configmaps", true)]
    [InlineData("/api/v1", "PersistentVolumeClaim", "persistentvolumeclaims", true)]
    [InlineData("/apis/apps/v1", "Deployment", "deployments", true)]
    [InlineData("/apis/batch/v1", "CronJob", "cronjobs", true)]
    [InlineData("/apis/rbac.authorization.k8s.io/v1", "ClusterRole", "clusterroles", false)]
    [InlineData("/apis/apiextensions.k8s.io/v1", "CustomResourceDefinition", "customresourcedefinitions", false)]
    public async Task Resource_list_gives_plural_scope_and_verbs(string path, string kind, string plural, bool namespaced)
    {
        await using var api = await FakeApi.StartAsync();

        var (status, list) = await api.GetAsync(path);

        status.Should().Be(HttpStatusCode.OK);
        list["kind"]!.GetValue<string>().Should().Be("APIResourceList");
        list["groupVersion"]!.GetValue<string>().Should().Be(path.StartsWith("/api/", StringComparison.Ordinal) ? "v1" : path["/apis/".Length..]);
        var resource = list["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == plural)!;
        resource["kind"]!.GetValue<string>().Should().Be(kind);
        resource["namespaced"]!.GetValue<bool>().Should().Be(namespaced);
        resource["verbs"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Contain(["get", "list", "watch", "patch", "delete"]);
        list["resources"]!.AsArray().Should().Contain(r => r!["name"]!.GetValue<string>() == plural + "/status");
    }

    [Fact]
    public async Task Unknown_group_version_and_openapi_answer_404_Status()
    {
        await using var api = await FakeApi.StartAsync();

        var (groupStatus, group) = await api.GetAsync("/apis/example.com/v1");
        var (openApiStatus, _) = await api.GetAsync("/openapi/v2");

        groupStatus.Should().Be(HttpStatusCode.NotFound);
        group["kind"]!.GetValue<string>().Should().Be("Status");
        group["reason"]!.GetValue<string>().Should().Be("NotFound");
        openApiStatus.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Creating_a_CRD_serves_its_kind_and_custom_resources_work()
    {
        await using var api = await FakeApi.StartAsync();
        const string crd = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: widgets.example.com
            spec:
              group: example.com
              scope: Namespaced
              names: {plural: widgets, singular: widget, kind: Widget}
              versions:
              - {name: v1, served: true, storage: true}
            """;

        var (created, body) = await api.ApplyAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com", crd);
        await api.CreateNamespaceAsync("team");
        var (applied, widget) = await api.ApplyAsync("/apis/example.com/v1/namespaces/team/widgets/w1", "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w1, namespace: team}\nspec: {size: 3}\n");
        var (_, groups) = await api.GetAsync("/apis");
        var (_, resources) = await api.GetAsync("/apis/example.com/v1");
        var (_, list) = await api.GetAsync("/apis/example.com/v1/widgets");

        created.Should().Be(HttpStatusCode.Created);
        body["status"]!["conditions"]!.AsArray().Should().Contain(c => c!["type"]!.GetValue<string>() == "Established" && c["status"]!.GetValue<string>() == "True");
        groups["groups"]!.AsArray().Should().Contain(g => g!["name"]!.GetValue<string>() == "example.com");
        resources["resources"]!.AsArray().Should().Contain(r => r!["name"]!.GetValue<string>() == "widgets" && r["kind"]!.GetValue<string>() == "Widget");
        applied.Should().Be(HttpStatusCode.Created);
        widget["spec"]!["size"]!.GetValue<int>().Should().Be(3);
        list["items"]!.AsArray().Should().ContainSingle().Which!["kind"]!.GetValue<string>().Should().Be("Widget");
    }

    [Fact]
    public async Task Deleting_a_CRD_removes_its_kind_and_its_objects()
    {
        await using var api = await FakeApi.StartAsync();
        await api.ApplyAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gadgets.example.com", """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: gadgets.example.com}
            spec:
              group: example.com
              scope: Cluster
              names: {plural: gadgets, kind: Gadget}
              versions: [{name: v1, served: true, storage: true}]
            """);
        await api.ApplyAsync("/apis/example.com/v1/gadgets/g1", "apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g1}\n");

        var (deleted, _) = await api.SendAsync(HttpMethod.Delete, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gadgets.example.com");
        var (discovery, _) = await api.GetAsync("/apis/example.com/v1");

        deleted.Should().Be(HttpStatusCode.OK);
        discovery.Should().Be(HttpStatusCode.NotFound);
        api.Server.Objects.Get("example.com/v1", "Gadget", null, "g1").Should().BeNull();
    }
}
