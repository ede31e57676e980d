using FluentAssertions;
using Konfig.Engine.Apply;
using Konfig.Engine.State;
using static Konfig.Engine.Tests.Apply.Stacks;

namespace Konfig.Engine.Tests.Apply;

/// <summary>The applier's logic (order, skips, state saves, deletions, cancellation) against an in-memory cluster.</summary>
public sealed class StackApplierTests
{
    private static readonly StateKey Key = new("shop", "dev", "test");

    private readonly InMemoryKubernetesClient _cluster = new();

    [Fact]
    public async Task Applies_namespace_first_and_saves_the_state_after_each_resource()
    {
        var stateLock = new InMemoryStateLock(Key);
        var events = new List<ApplyEvent>();
        var stack = new[] { ConfigMap("shop", "settings"), Deployment("shop", "web"), Namespace("shop") };

        var result = await new StackApplier(_cluster).ApplyAsync(stack, null, stateLock, new SyncProgress(events));

        result.Succeeded.Should().BeTrue(result.Summary);
        result.Summary.Should().Be("Applied 3, deleted 0, failed 0, skipped 0, unchanged 0");
        _cluster.Calls.First().Should().Be("apply shop");
        stateLock.Saves.Select(s => s.Serial).Should().Equal(1, 2, 3);
        stateLock.Saves.Select(s => s.Resources.Count).Should().Equal(1, 2, 3);
        stateLock.Current!.Resources.Select(r => r.Id).Should().Equal("v1:Namespace:shop", "v1:ConfigMap:shop:settings", "apps/v1:Deployment:shop:web");
        stateLock.OverlappingSaves.Should().BeFalse();
        events.Where(e => e.Kind == ApplyEventKind.Applied).Should().HaveCount(3);
    }

    [Fact]
    public async Task Reapplying_the_same_stack_changes_nothing_and_writes_no_state()
    {
        var stack = new[] { Namespace("shop"), ConfigMap("shop", "settings") };
        var stateLock = new InMemoryStateLock(Key);
        await new StackApplier(_cluster).ApplyAsync(stack, null, stateLock);
        var saves = stateLock.Saves.Count;

        var again = await new StackApplier(_cluster).ApplyAsync(stack, stateLock.Current, stateLock);

        again.Succeeded.Should().BeTrue();
        again.Unchanged.Should().Be(2);
        again.Applied.Should().Be(0);
        stateLock.Saves.Should().HaveCount(saves);
    }

    [Fact]
    public async Task A_failed_resource_skips_its_dependents_and_independent_ones_go_on()
    {
        _cluster.Conflicting.Add("settings");
        var stack = new[]
        {
            Namespace("shop"),
            ConfigMap("shop", "settings"),
            Deployment("shop", "web", dependsOn: "v1:ConfigMap:shop:settings"),
            ConfigMap("shop", "after-web", dependsOn: "apps/v1:Deployment:shop:web"),
            ConfigMap("shop", "independent"),
        };
        var stateLock = new InMemoryStateLock(Key);

        var result = await new StackApplier(_cluster).ApplyAsync(stack, null, stateLock);

        result.Succeeded.Should().BeFalse();
        result.Summary.Should().Be("Applied 2, deleted 0, failed 1, skipped 2, unchanged 0");
        var byId = result.Resources.ToDictionary(r => r.Id);
        byId["v1:ConfigMap:shop:settings"].Message.Should().Contain("--force-conflicts");
        byId["apps/v1:Deployment:shop:web"].Kind.Should().Be(OutcomeKind.Skipped);
        byId["apps/v1:Deployment:shop:web"].Message.Should().Be("skipped: depends on v1/ConfigMap shop/settings, which failed");
        byId["v1:ConfigMap:shop:after-web"].Message.Should().Contain("was skipped");
        _cluster.Find("ConfigMap", "independent").Should().NotBeNull();
        _cluster.Find("Deployment", "web").Should().BeNull();
        stateLock.Current!.Resources.Select(r => r.Id).Should().BeEquivalentTo(["v1:Namespace:shop", "v1:ConfigMap:shop:independent"]);
    }

    [Fact]
    public async Task Force_conflicts_takes_the_fields_over()
    {
        _cluster.Conflicting.Add("settings");
        var result = await new StackApplier(_cluster, new StackApplyOptions { ForceConflicts = true })
            .ApplyAsync([Namespace("shop"), ConfigMap("shop", "settings")], null, new InMemoryStateLock(Key));

        result.Succeeded.Should().BeTrue(result.Summary);
    }

    [Fact]
    public async Task A_cycle_is_an_error_naming_it_and_nothing_is_applied()
    {
        var stateLock = new InMemoryStateLock(Key);
        var stack = new[] { ConfigMap("shop", "a", dependsOn: "v1:ConfigMap:shop:b"), ConfigMap("shop", "b", dependsOn: "v1:ConfigMap:shop:a") };

        var result = await new StackApplier(_cluster).ApplyAsync(stack, null, stateLock);

        result.Succeeded.Should().BeFalse();
        result.Error.Should().Contain("cycle").And.Contain("v1:ConfigMap:shop:a → v1:ConfigMap:shop:b → v1:ConfigMap:shop:a");
        _cluster.Calls.Should().BeEmpty();
        stateLock.Saves.Should().BeEmpty();
    }

    [Fact]
    public async Task Resources_that_left_the_spec_are_deleted_dependents_first_and_leave_the_state()
    {
        var stateLock = new InMemoryStateLock(Key);
        await new StackApplier(_cluster).ApplyAsync([Namespace("old"), ConfigMap("old", "a"), Namespace("shop"), ConfigMap("shop", "kept")], null, stateLock);
        _cluster.Calls.Clear();

        var result = await new StackApplier(_cluster).ApplyAsync([Namespace("shop"), ConfigMap("shop", "kept")], stateLock.Current, stateLock);

        result.Succeeded.Should().BeTrue(result.Summary);
        result.Deleted.Should().Be(2);
        _cluster.Calls.Where(c => c.StartsWith("delete", StringComparison.Ordinal)).Should().Equal("delete a", "delete old");
        _cluster.Find("Namespace", "old").Should().BeNull();
        stateLock.Current!.Resources.Select(r => r.Id).Should().Equal("v1:Namespace:shop", "v1:ConfigMap:shop:kept");
    }

    [Fact]
    public async Task Every_save_keeps_the_prior_resources_not_yet_dealt_with()
    {
        var stateLock = new InMemoryStateLock(Key);
        await new StackApplier(_cluster).ApplyAsync([Namespace("shop"), ConfigMap("shop", "leaving")], null, stateLock);
        var before = stateLock.Saves.Count;

        await new StackApplier(_cluster).ApplyAsync([Namespace("shop"), ConfigMap("shop", "new")], stateLock.Current, stateLock);

        var saves = stateLock.Saves.Skip(before).ToList();
        saves.Should().HaveCount(2);
        saves[0].Resources.Select(r => r.Id).Should().Contain(["v1:ConfigMap:shop:new", "v1:ConfigMap:shop:leaving"]);
        saves[1].Resources.Select(r => r.Id).Should().NotContain("v1:ConfigMap:shop:leaving");
    }

    [Fact]
    public async Task A_failed_deletion_keeps_the_resource_and_what_it_depends_on_in_the_state()
    {
        var stateLock = new InMemoryStateLock(Key);
        await new StackApplier(_cluster).ApplyAsync([Namespace("old"), ConfigMap("old", "stuck"), ConfigMap("old", "fine")], null, stateLock);
        _cluster.FailingDeletes.Add("stuck");

        var result = await new StackApplier(_cluster).ApplyAsync([], stateLock.Current, stateLock);

        result.Summary.Should().Be("Applied 0, deleted 1, failed 1, skipped 1, unchanged 0");
        result.Resources.Single(r => r.Id == "v1:Namespace:old").Message.Should().Be("kept: v1/ConfigMap old/stuck, which depends on it, was not deleted");
        stateLock.Current!.Resources.Select(r => r.Id).Should().Equal("v1:Namespace:old", "v1:ConfigMap:old:stuck");
    }

    [Fact]
    public async Task Cancelling_mid_apply_finishes_calls_in_flight_saves_them_and_a_rerun_converges()
    {
        using var cancel = new CancellationTokenSource();
        _cluster.BeforeApply = reference =>
        {
            if (reference.Name == "settings")
            {
                cancel.Cancel();
            }

            return Task.CompletedTask;
        };
        var stack = new[]
        {
            Namespace("shop"),
            ConfigMap("shop", "settings"),
            Deployment("shop", "web", dependsOn: "v1:ConfigMap:shop:settings"),
        };
        var stateLock = new InMemoryStateLock(Key);

        var result = await new StackApplier(_cluster, new StackApplyOptions { Parallelism = 1 }).ApplyAsync(stack, null, stateLock, null, cancel.Token);

        result.Cancelled.Should().BeTrue();
        result.Succeeded.Should().BeFalse();
        result.Resources.Single(r => r.Id == "v1:ConfigMap:shop:settings").Kind.Should().Be(OutcomeKind.Applied);
        result.Resources.Single(r => r.Id == "apps/v1:Deployment:shop:web").Kind.Should().Be(OutcomeKind.NotStarted);
        result.Summary.Should().EndWith("cancelled, 1 not started");
        _cluster.Find("Deployment", "web").Should().BeNull();
        var inCluster = _cluster.Objects.Keys.Select(k => k.Name).Order(StringComparer.Ordinal);
        stateLock.Current!.Resources.Select(r => r.Attributes["metadata"]!["name"]!.ToString()).Order(StringComparer.Ordinal).Should().Equal(inCluster);

        _cluster.BeforeApply = null;
        var rerun = await new StackApplier(_cluster).ApplyAsync(stack, stateLock.Current, stateLock);

        rerun.Succeeded.Should().BeTrue(rerun.Summary);
        _cluster.Find("Deployment", "web").Should().NotBeNull();
        stateLock.Current!.Resources.Should().HaveCount(3);
    }

    [Fact]
    public async Task A_state_that_cannot_be_saved_stops_the_run()
    {
        var stateLock = new InMemoryStateLock(Key, new StackState { Key = Key, Serial = 7 });

        // The prior state handed in says serial 3: someone wrote since, so the first save is refused.
        var result = await new StackApplier(_cluster, new StackApplyOptions { Parallelism = 1 })
            .ApplyAsync([Namespace("shop"), ConfigMap("shop", "a")], new StackState { Key = Key, Serial = 3 }, stateLock);

        result.Succeeded.Should().BeFalse();
        result.Error.Should().Contain("state not saved").And.Contain("serial 4, expected 8");
        result.Resources.Single(r => r.Id == "v1:ConfigMap:shop:a").Kind.Should().Be(OutcomeKind.Skipped);
    }

    [Fact]
    public async Task Destroy_deletes_everything_dependents_first_and_removes_the_state()
    {
        var stateLock = new InMemoryStateLock(Key);
        await new StackApplier(_cluster).ApplyAsync([Namespace("shop"), ConfigMap("shop", "a"), Deployment("shop", "web", dependsOn: "v1:ConfigMap:shop:a")], null, stateLock);
        _cluster.Calls.Clear();

        var result = await new StackDestroyer(_cluster).DestroyAsync(stateLock.Current, stateLock);

        result.Succeeded.Should().BeTrue(result.Summary);
        result.Deleted.Should().Be(3);
        _cluster.Calls.Should().Equal("delete web", "delete a", "delete shop");
        _cluster.Objects.Should().BeEmpty();
        stateLock.Deleted.Should().BeTrue();
    }

    [Fact]
    public async Task Destroy_keeps_in_the_state_what_could_not_be_deleted()
    {
        var stateLock = new InMemoryStateLock(Key);
        await new StackApplier(_cluster).ApplyAsync([Namespace("shop"), ConfigMap("shop", "a"), ConfigMap("shop", "b")], null, stateLock);
        _cluster.FailingDeletes.Add("a");

        var result = await new StackDestroyer(_cluster).DestroyAsync(stateLock.Current, stateLock);

        result.Succeeded.Should().BeFalse();
        stateLock.Deleted.Should().BeFalse();
        stateLock.Current!.Resources.Select(r => r.Id).Should().Equal("v1:Namespace:shop", "v1:ConfigMap:shop:a");
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; tests want the events at once, in order.</summary>
    private sealed class SyncProgress(List<ApplyEvent> events) : IProgress<ApplyEvent>
    {
        public void Report(ApplyEvent value)
        {
            lock (events)
            {
                events.Add(value);
            }
        }
    }
}
