using FluentAssertions;
using Konfig.Engine.Apply;
using Konfig.Engine.State;
using Konfig.Kubernetes;
using static Konfig.Engine.Tests.Apply.Stacks;
using static Konfig.Engine.Tests.Planning.DeletionGuardTests;

namespace Konfig.Engine.Tests.Apply;

/// <summary>Apply refuses to delete a Namespace or CRD that resources of the spec still need; destroy does not.</summary>
public sealed class DeletionGuardApplyTests
{
    private static readonly StateKey Key = new("shop", "dev", "test");

    private readonly InMemoryKubernetesClient _cluster = new();

    [Fact]
    public async Task A_namespace_dropped_from_the_spec_with_resources_still_in_it_is_kept_failed_and_kept_in_the_state()
    {
        var stateLock = new InMemoryStateLock(Key);
        await new StackApplier(_cluster).ApplyAsync([Namespace("shop"), ConfigMap("shop", "a"), ConfigMap("shop", "old")], null, stateLock);

        var result = await new StackApplier(_cluster).ApplyAsync([ConfigMap("shop", "a")], stateLock.Current, stateLock);

        result.Succeeded.Should().BeFalse();
        result.Summary.Should().Be("Applied 0, deleted 1, failed 1, skipped 0, unchanged 1");
        var kept = result.Resources.Single(r => r.Id == "v1:Namespace:shop");
        kept.Kind.Should().Be(OutcomeKind.Failed);
        kept.Message.Should().Be("kept v1:Namespace:shop: 1 resource of the spec still lives in it; remove them too, or add the Namespace back");
        _cluster.Calls.Should().NotContain("delete shop").And.Contain("delete old", "the rest of the plan goes on");
        _cluster.Objects.Should().ContainKey(new ObjectReference("v1", "Namespace", null, "shop"));
        stateLock.Current!.Resources.Select(r => r.Id).Should().BeEquivalentTo(["v1:Namespace:shop", "v1:ConfigMap:shop:a"]);
    }

    [Fact]
    public async Task Once_its_resources_leave_the_spec_too_the_namespace_is_deleted_after_them()
    {
        var stateLock = new InMemoryStateLock(Key);
        await new StackApplier(_cluster).ApplyAsync([Namespace("shop"), ConfigMap("shop", "a")], null, stateLock);

        var result = await new StackApplier(_cluster).ApplyAsync([ConfigMap("other", "b"), Namespace("other")], stateLock.Current, stateLock);

        result.Succeeded.Should().BeTrue(result.Summary);
        result.Deleted.Should().Be(2);
        _cluster.Calls.Where(c => c.StartsWith("delete", StringComparison.Ordinal)).Should().Equal("delete a", "delete shop");
    }

    [Fact]
    public async Task A_crd_dropped_from_the_spec_while_its_custom_resources_stay_is_kept()
    {
        var crd = Crd("example.com", "Widget", "widgets");
        var widget = Custom("example.com/v1", "Widget", "shop", "w1");
        _cluster.Objects[new ObjectReference("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, "widgets.example.com")] = crd.Manifest.DeepClone().AsObject();
        var prior = new StackState
        {
            Key = Key,
            Serial = 1,
            Resources = [new StateResource(crd.Id, crd.Type, crd.Manifest, [])],
        };
        var stateLock = new InMemoryStateLock(Key, prior);

        var result = await new StackApplier(_cluster).ApplyAsync([Namespace("shop"), widget], prior, stateLock);

        var kept = result.Resources.Single(r => r.Id == crd.Id);
        kept.Kind.Should().Be(OutcomeKind.Failed);
        kept.Message.Should().StartWith($"kept {crd.Id}: 1 resource of the spec is a Widget (example.com)");
        result.Applied.Should().Be(2, "the rest goes on");
        _cluster.Calls.Should().NotContain("delete widgets.example.com");
        stateLock.Current!.Resources.Select(r => r.Id).Should().Contain(crd.Id);
    }

    [Fact]
    public async Task Destroy_deletes_the_namespace_regardless()
    {
        var stateLock = new InMemoryStateLock(Key);
        await new StackApplier(_cluster).ApplyAsync([Namespace("shop"), ConfigMap("shop", "a")], null, stateLock);

        var result = await new StackDestroyer(_cluster).DestroyAsync(stateLock.Current, stateLock);

        result.Succeeded.Should().BeTrue(result.Summary);
        _cluster.Calls.Should().Contain("delete shop");
    }
}
