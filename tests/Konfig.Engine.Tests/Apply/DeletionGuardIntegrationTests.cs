using FluentAssertions;
using Konfig.Engine.Apply;
using Konfig.Engine.Output;
using Konfig.Engine.Planning;
using Konfig.Engine.Resources;
using Konfig.Kubernetes;
using static Konfig.Engine.Tests.Apply.Stacks;

namespace Konfig.Engine.Tests.Apply;

/// <summary>
/// The namespace guard with the real client against the fake API server over HTTP (which, like a real
/// cluster, deletes a Namespace's objects with it) and the real local state store.
/// </summary>
public sealed class DeletionGuardIntegrationTests : IAsyncLifetime
{
    private const string Message = "kept v1:Namespace:shop: 2 resources of the spec still live in it; remove them too, or add the Namespace back";

    private FakeCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await FakeCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private static DesiredResource[] WithoutNamespace() => [Deployment("shop", "web"), ConfigMap("shop", "settings")];

    [Fact]
    public async Task Preview_shows_the_delete_with_the_reason_and_apply_keeps_the_namespace_and_everything_in_it()
    {
        (await _cluster.ApplyAsync([Namespace("shop"), .. WithoutNamespace(), ConfigMap("shop", "old")])).Succeeded.Should().BeTrue();

        var preview = await new PreviewPlanner(_cluster.Client).PreviewAsync("shop/dev", WithoutNamespace(), await _cluster.StateAsync());

        preview.Changes.Where(c => c.Action == ChangeAction.Delete).Select(c => c.Id).Should().Equal("v1:ConfigMap:shop:old", "v1:Namespace:shop");
        preview.Errors.Should().BeEmpty("an error would stop the CLI's apply as a whole; apply goes on with the rest");
        preview.NotesFor("v1:Namespace:shop").Should().Equal(Message);
        PreviewTable.Render(preview).Should().Contain(Message);

        var result = await _cluster.ApplyAsync(WithoutNamespace());

        result.Succeeded.Should().BeFalse();
        result.Summary.Should().Be("Applied 0, deleted 1, failed 1, skipped 0, unchanged 2");
        result.Resources.Single(r => r.Kind == OutcomeKind.Failed).Should().Be(
            new ResourceOutcome("v1:Namespace:shop", new ObjectReference("v1", "Namespace", null, "shop"), OutcomeKind.Failed, Message));
        var ns = await _cluster.Client.GetAsync(new ObjectReference("v1", "Namespace", null, "shop"));
        ns.Should().NotBeNull();
        ns!["metadata"]!["deletionTimestamp"].Should().BeNull("no delete was sent");
        (await _cluster.Client.GetAsync(new ObjectReference("apps/v1", "Deployment", "shop", "web"))).Should().NotBeNull();
        (await _cluster.Client.GetAsync(new ObjectReference("v1", "ConfigMap", "shop", "settings"))).Should().NotBeNull();
        (await _cluster.Client.GetAsync(new ObjectReference("v1", "ConfigMap", "shop", "old"))).Should().BeNull("the rest of the plan went on");
        (await _cluster.StateAsync())!.Resources.Select(r => r.Id).Should().BeEquivalentTo(
            ["v1:Namespace:shop", "apps/v1:Deployment:shop:web", "v1:ConfigMap:shop:settings"]);

        // Adding the Namespace back converges with nothing to do.
        var again = await _cluster.ApplyAsync([Namespace("shop"), .. WithoutNamespace()]);
        again.Succeeded.Should().BeTrue(again.Summary);
    }

    [Fact]
    public async Task Without_the_guard_the_fake_server_would_delete_the_namespace_contents()
    {
        // The control for the test above: a Namespace delete on this server does take its objects with it.
        (await _cluster.ApplyAsync([Namespace("shop"), .. WithoutNamespace()])).Succeeded.Should().BeTrue();

        await _cluster.Client.DeleteAsync(new ObjectReference("v1", "Namespace", null, "shop"));

        var settings = new ObjectReference("v1", "ConfigMap", "shop", "settings");
        for (var attempt = 0; attempt < 100 && await _cluster.Client.GetAsync(settings) is not null; attempt++)
        {
            await Task.Delay(50);
        }

        (await _cluster.Client.GetAsync(settings)).Should().BeNull();
    }
}
