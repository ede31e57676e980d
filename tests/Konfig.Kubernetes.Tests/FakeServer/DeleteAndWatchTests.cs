using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace Konfig.Kubernetes.Tests.FakeServer;

public sealed class DeleteAndWatchTests
{
    private const string ConfigMap = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: team}\ndata: {a: '1'}\n";
    private const string ConfigMapPath = "/api/v1/namespaces/team/configmaps/settings";

    [Fact]
    public async Task Delete_removes_the_object_and_a_second_delete_is_404()
    {
        await using var api = await FakeApi.StartAsync();
        await api.CreateNamespaceAsync("team");
        await api.ApplyAsync(ConfigMapPath, ConfigMap);

        var (first, firstBody) = await api.SendAsync(HttpMethod.Delete, ConfigMapPath, """{"kind":"DeleteOptions","apiVersion":"v1","propagationPolicy":"Background"}""");
        var (second, secondBody) = await api.SendAsync(HttpMethod.Delete, ConfigMapPath + "?propagationPolicy=Foreground");

        first.Should().Be(HttpStatusCode.OK);
        firstBody["status"]!.GetValue<string>().Should().Be("Success");
        api.Server.Objects.Get("v1", "ConfigMap", "team", "settings").Should().BeNull();
        second.Should().Be(HttpStatusCode.NotFound);
        secondBody["reason"]!.GetValue<string>().Should().Be("NotFound");
    }

    [Fact]
    public async Task Dry_run_delete_keeps_the_object()
    {
        await using var api = await FakeApi.StartAsync();
        await api.CreateNamespaceAsync("team");
        await api.ApplyAsync(ConfigMapPath, ConfigMap);

        var (status, _) = await api.SendAsync(HttpMethod.Delete, ConfigMapPath, """{"dryRun":["All"]}""");

        status.Should().Be(HttpStatusCode.OK);
        api.Server.Objects.Get("v1", "ConfigMap", "team", "settings").Should().NotBeNull();
    }

    [Fact]
    public async Task A_deleted_namespace_terminates_refuses_new_content_then_goes_with_its_objects()
    {
        await using var api = await FakeApi.StartAsync(readyDelay: TimeSpan.FromMilliseconds(100));
        await api.CreateNamespaceAsync("team");
        await api.ApplyAsync(ConfigMapPath, ConfigMap);

        var (status, terminating) = await api.SendAsync(HttpMethod.Delete, "/api/v1/namespaces/team");
        var (refused, refusedBody) = await api.ApplyAsync("/api/v1/namespaces/team/configmaps/late", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: late, namespace: team}\n");
        await WaitUntilGoneAsync(api, "/api/v1/namespaces/team");

        status.Should().Be(HttpStatusCode.OK);
        terminating["status"]!["phase"]!.GetValue<string>().Should().Be("Terminating");
        terminating["metadata"]!["deletionTimestamp"].Should().NotBeNull();
        refused.Should().Be(HttpStatusCode.Forbidden);
        refusedBody["message"]!.GetValue<string>().Should().Contain("being terminated");
        api.Server.Objects.Count.Should().Be(0);
    }

    [Fact]
    public async Task Watch_starts_with_current_objects_then_streams_changes()
    {
        await using var api = await FakeApi.StartAsync();
        await api.CreateNamespaceAsync("team");
        await api.ApplyAsync(ConfigMapPath, ConfigMap);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var events = new List<(string Type, string Name, string? A)>();
        await foreach (var change in api.WatchAsync("/api/v1/namespaces/team/configmaps?watch=true", timeout.Token))
        {
            events.Add((change["type"]!.GetValue<string>(), change["object"]!["metadata"]!["name"]!.GetValue<string>(), change["object"]!["data"]?["a"]?.GetValue<string>()));
            if (events.Count == 1)
            {
                await api.ApplyAsync(ConfigMapPath, ConfigMap.Replace("'1'", "'2'", StringComparison.Ordinal));
                await api.ApplyAsync("/api/v1/namespaces/team/configmaps/other", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other, namespace: team}\n");
                await api.SendAsync(HttpMethod.Delete, ConfigMapPath);
            }

            if (events.Count == 4)
            {
                break;
            }
        }

        events.Should().Equal(
            ("ADDED", "settings", "1"),
            ("MODIFIED", "settings", "2"),
            ("ADDED", "other", null),
            ("DELETED", "settings", "2"));
    }

    [Fact]
    public async Task Watch_from_a_resource_version_with_a_name_selector_replays_only_later_changes_of_that_object()
    {
        await using var api = await FakeApi.StartAsync();
        await api.CreateNamespaceAsync("team");
        var (_, created) = await api.ApplyAsync(ConfigMapPath, ConfigMap);
        var from = created["metadata"]!["resourceVersion"]!.GetValue<string>();
        await api.ApplyAsync("/api/v1/namespaces/team/configmaps/other", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other, namespace: team}\n");
        await api.ApplyAsync(ConfigMapPath, ConfigMap.Replace("'1'", "'3'", StringComparison.Ordinal));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var first = await api.WatchAsync($"/api/v1/namespaces/team/configmaps?watch=1&resourceVersion={from}&fieldSelector=metadata.name%3Dsettings", timeout.Token)
            .FirstAsync(timeout.Token);

        first["type"]!.GetValue<string>().Should().Be("MODIFIED");
        first["object"]!["data"]!["a"]!.GetValue<string>().Should().Be("3");
        first["object"]!["kind"]!.GetValue<string>().Should().Be("ConfigMap");
    }

    [Fact]
    public async Task Watch_ends_after_timeoutSeconds()
    {
        await using var api = await FakeApi.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var events = await api.WatchAsync("/api/v1/namespaces?watch=true&timeoutSeconds=1", timeout.Token).ToListAsync(timeout.Token);

        events.Should().BeEmpty();
        timeout.IsCancellationRequested.Should().BeFalse("the server closed the stream itself");
    }

    [Fact]
    public async Task Stopping_the_server_ends_open_watches()
    {
        var api = await FakeApi.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var watch = api.WatchAsync("/api/v1/namespaces?watch=true", timeout.Token).GetAsyncEnumerator(timeout.Token);
        await api.CreateNamespaceAsync("team");
        (await watch.MoveNextAsync()).Should().BeTrue();

        await api.DisposeAsync();
        var ended = false;
        try
        {
            ended = !await watch.MoveNextAsync();
        }
        catch (HttpRequestException)
        {
            ended = true; // The connection closed under the reader: ended too.
        }
        catch (IOException)
        {
            ended = true;
        }

        ended.Should().BeTrue();
        timeout.IsCancellationRequested.Should().BeFalse("the stream ended because the server stopped");
    }

    private static async Task WaitUntilGoneAsync(FakeApi api, string path)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while ((await api.GetAsync(path)).Status != HttpStatusCode.NotFound)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, $"{path} should be removed");
            await Task.Delay(25);
        }
    }
}
