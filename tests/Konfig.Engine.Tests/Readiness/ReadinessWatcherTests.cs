using System.Text.Json.Nodes;
using FluentAssertions;
using Konfig.Engine.Readiness;
using Konfig.Engine.Tests.Apply;
using Konfig.Kubernetes;

namespace Konfig.Engine.Tests.Readiness;

/// <summary>
/// The watcher's loop against an in-memory cluster whose watch always fails, so it polls: statuses are
/// moved along by GET count, not by time. Against the fake API server (watch included): the apply integration tests.
/// </summary>
public sealed class ReadinessWatcherTests
{
    private static readonly ObjectReference Web = new("apps/v1", "Deployment", "shop", "web");
    private static readonly DateTimeOffset FarAway = DateTimeOffset.UtcNow.AddHours(1);

    private readonly InMemoryKubernetesClient _cluster = new();

    public ReadinessWatcherTests()
    {
        _cluster.Objects[Web] = Deployment(available: 0);
    }

    [Fact]
    public async Task Polls_until_ready_reporting_each_new_message_while_not_ready()
    {
        _cluster.BeforeGet = count => _cluster.Objects[Web] = Deployment(available: Math.Min(count - 1, 2));
        var messages = new List<string>();

        var result = await Watcher().WaitReadyAsync(Web, FarAway, messages.Add, CancellationToken.None);

        result.Should().Be(new ReadinessResult(ReadinessOutcome.Ready, "2/2 replicas ready"));
        messages.Should().Equal("0/2 replicas ready", "1/2 replicas ready");
    }

    [Fact]
    public async Task An_object_ready_at_first_look_reports_no_waiting_message()
    {
        var shop = new ObjectReference("v1", "Namespace", null, "shop");
        _cluster.Objects[shop] = JsonNode.Parse("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop"},"status":{"phase":"Active"}}""")!.AsObject();
        var messages = new List<string>();

        var result = await Watcher().WaitReadyAsync(shop, FarAway, messages.Add, CancellationToken.None);

        result.Should().Be(new ReadinessResult(ReadinessOutcome.Ready, "Active"));
        messages.Should().BeEmpty();
    }

    [Fact]
    public async Task Surfaces_a_pod_that_cannot_pull_its_image()
    {
        _cluster.Objects[new ObjectReference("v1", "Pod", "shop", "web-1")] = JsonNode.Parse("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-1","namespace":"shop","labels":{"app":"web"}},
             "status":{"phase":"Pending","containerStatuses":[{"state":{"waiting":{"reason":"ImagePullBackOff","message":"Back-off pulling image"}}}]}}
            """)!.AsObject();

        var messages = new List<string>();

        var result = await Watcher().WaitReadyAsync(Web, FarAway, messages.Add, CancellationToken.None);

        result.Should().Be(new ReadinessResult(ReadinessOutcome.Failed, "Pod web-1: ImagePullBackOff: Back-off pulling image"));
        messages.Should().BeEmpty("a failure is the result, not something to wait for");
    }

    [Fact]
    public async Task Times_out_with_the_last_message_once_the_deadline_has_passed()
    {
        var result = await Watcher().WaitReadyAsync(Web, DateTimeOffset.UtcNow.AddHours(-1), null, CancellationToken.None);

        result.Should().Be(new ReadinessResult(ReadinessOutcome.TimedOut, "0/2 replicas ready"));
        _cluster.Gets.Should().Be(1);
    }

    [Fact]
    public async Task Waits_until_a_deleted_object_is_gone()
    {
        _cluster.BeforeGet = count =>
        {
            if (count == 3)
            {
                _cluster.Objects.TryRemove(Web, out _);
            }
        };

        var result = await Watcher().WaitGoneAsync(Web, FarAway, CancellationToken.None);

        result.Outcome.Should().Be(ReadinessOutcome.Gone);
        _cluster.Gets.Should().Be(3);
    }

    [Fact]
    public async Task Cancellation_ends_the_wait()
    {
        using var cancel = new CancellationTokenSource();
        _cluster.BeforeGet = count =>
        {
            if (count == 2)
            {
                cancel.Cancel();
            }
        };

        var wait = () => Watcher().WaitReadyAsync(Web, FarAway, null, cancel.Token);

        await wait.Should().ThrowAsync<OperationCanceledException>();
    }

    private ReadinessWatcher Watcher() => new(_cluster, TimeProvider.System, TimeSpan.FromMilliseconds(1));

    private static JsonObject Deployment(int available)
    {
        var deployment = JsonNode.Parse("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"shop","generation":1},
             "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}}},
             "status":{"observedGeneration":1,"replicas":2,"updatedReplicas":2}}
            """)!.AsObject();
        deployment["status"]!["availableReplicas"] = available;
        return deployment;
    }
}
