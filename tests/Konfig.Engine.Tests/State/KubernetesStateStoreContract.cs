using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using Konfig.Engine.State;
using Konfig.Kubernetes;

namespace Konfig.Engine.Tests.State;

/// <summary>
/// What the Kubernetes state store must do, run against each API server the tests have: an in-memory
/// double for the logic, and the fake API server over real HTTP through the real client.
/// </summary>
public abstract class KubernetesStateStoreContract : IAsyncLifetime
{
    protected const string StateNamespace = "konfig-state";

    private IKubernetesClient? _client;

    protected IKubernetesClient Client => _client ?? throw new InvalidOperationException("not initialized");

    public async Task InitializeAsync()
    {
        _client = await ConnectAsync();
        await Client.ApplyAsync(
            new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = StateNamespace } },
            new ApplyOptions("test"));
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task<IKubernetesClient> ConnectAsync();

    /// <summary>Called before <paramref name="racers"/> lockers race; a double can make them all read before anyone writes.</summary>
    protected virtual void PrepareLockRace(int racers)
    {
    }

    private KubernetesStateStore NewStore(string @namespace = StateNamespace) =>
        new(Client, @namespace, new FixedTimeProvider(new DateTimeOffset(2026, 11, 21, 20, 0, 0, TimeSpan.Zero)));

    private ObjectReference SecretOf(StateKey key) => new("v1", "Secret", StateNamespace, KubernetesStateStore.SecretName(key));

    [Fact]
    public async Task A_stack_never_applied_has_no_state()
    {
        (await NewStore().LoadAsync(StateSamples.Key)).Should().BeNull();
    }

    [Fact]
    public async Task Saves_and_loads_a_state_in_a_labelled_secret()
    {
        var store = NewStore();
        await using (var held = await store.LockAsync(StateSamples.Key, "alice@host pid 1"))
        {
            await held.SaveAsync(StateSamples.State(1));
            await held.SaveAsync(StateSamples.State(2));
        }

        var loaded = await NewStore().LoadAsync(StateSamples.Key);
        StateSamples.Canonical(loaded!).Should().Be(StateSamples.Canonical(StateSamples.State(2)));

        var secret = (await Client.GetAsync(SecretOf(StateSamples.Key)))!;
        secret["type"]!.GetValue<string>().Should().Be("konfig.io/state");
        var metadata = secret["metadata"]!;
        metadata["labels"]!["app.kubernetes.io/managed-by"]!.GetValue<string>().Should().Be("konfig");
        metadata["labels"]!["konfig.io/project"]!.GetValue<string>().Should().Be("web");
        metadata["labels"]!["konfig.io/stack"]!.GetValue<string>().Should().Be("apps_web_dev");
        metadata["annotations"]!["konfig.io/state-key"]!.GetValue<string>().Should().Be(StateSamples.Key.ToString());
        metadata["annotations"]!["konfig.io/lock-holder"]?.GetValue<string>().Should().BeNullOrEmpty("the lock was released");
        Gunzip(secret["data"]!["state"]!.GetValue<string>()).Should().Be(StateSerializer.Serialize(StateSamples.State(2)));
    }

    [Fact]
    public async Task A_second_lock_fails_naming_the_holder_and_that_a_stale_lock_can_be_broken()
    {
        await using var first = await NewStore().LockAsync(StateSamples.Key, "alice@laptop pid 1234");

        var act = () => NewStore().LockAsync(StateSamples.Key, "bob@ci pid 99");

        var error = (await act.Should().ThrowAsync<StateLockedException>()).Which;
        error.Holder.Should().Be("alice@laptop pid 1234 since 2026-11-21T20:00:00Z");
        error.Message.Should()
            .Contain("locked by alice@laptop pid 1234 since 2026-11-21T20:00:00Z")
            .And.Contain($"Secret {StateNamespace}/{KubernetesStateStore.SecretName(StateSamples.Key)}")
            .And.Contain("can be broken")
            .And.NotContain("konfig state", "the library does not word the CLI's commands");
    }

    [Fact]
    public async Task The_lock_records_the_holder_process()
    {
        await using var held = await NewStore().LockAsync(StateSamples.Key, "alice");

        var annotations = (await Client.GetAsync(SecretOf(StateSamples.Key)))!["metadata"]!["annotations"]!;
        LockProcess.Parse(annotations["konfig.io/lock-process"]!.GetValue<string>()).Should().Be(LockProcess.Current);
        held.BrokenStaleLock.Should().BeNull();
    }

    [Fact]
    public async Task A_lock_whose_process_ended_on_this_machine_is_taken_over_saying_so()
    {
        var pid = await LockProcessSamples.EndedPidAsync();
        await using (var stale = await NewStore().LockAsync(StateSamples.Key, "alice@here pid 1"))
        {
            await stale.SaveAsync(StateSamples.State(1));
            await SetLockProcessAsync(LockProcess.Current with { Pid = pid });

            await using var held = await NewStore().LockAsync(StateSamples.Key, "bob");

            held.BrokenStaleLock!.Message.Should().Be(
                $"broke the lock of {StateSamples.Key}: it was held by pid {pid} on {Environment.MachineName}, which no longer runs");
            held.BrokenStaleLock.Holder.Should().Be("alice@here pid 1 since 2026-11-21T20:00:00Z");
            await held.SaveAsync(StateSamples.State(2));
            var taken = () => NewStore().LockAsync(StateSamples.Key, "carol");
            (await taken.Should().ThrowAsync<StateLockedException>()).Which.Holder.Should().StartWith("bob since");
        }
    }

    [Fact]
    public async Task A_lock_whose_process_still_runs_or_ran_on_another_machine_is_kept()
    {
        var pid = await LockProcessSamples.EndedPidAsync();
        await using var first = await NewStore().LockAsync(StateSamples.Key, "alice");

        var act = () => NewStore().LockAsync(StateSamples.Key, "bob");

        (await act.Should().ThrowAsync<StateLockedException>()).Which.Holder.Should().StartWith("alice", "this process still runs");
        await SetLockProcessAsync(LockProcess.Current with { Pid = pid, Host = "other-" + Environment.MachineName });
        (await act.Should().ThrowAsync<StateLockedException>()).Which.Holder.Should().StartWith("alice", "another machine's lock is never broken by itself");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Of_racing_lockers_exactly_one_wins(bool stateExists)
    {
        if (stateExists)
        {
            await using var setup = await NewStore().LockAsync(StateSamples.Key, "setup");
            await setup.SaveAsync(StateSamples.State(1));
        }

        PrepareLockRace(6);
        var attempts = Enumerable.Range(0, 6).Select(async i =>
        {
            try
            {
                return (Lock: await NewStore().LockAsync(StateSamples.Key, $"runner {i}"), Error: (StateException?)null);
            }
            catch (StateException error)
            {
                return (Lock: (IStateLock?)null, Error: error);
            }
        }).ToList();
        var results = await Task.WhenAll(attempts);

        var winners = results.Where(r => r.Lock is not null).ToList();
        winners.Should().ContainSingle();
        results.Where(r => r.Error is not null).Should().AllSatisfy(r => r.Error!.Message.Should().MatchRegex("locked by runner [0-5]"));
        await winners[0].Lock!.SaveAsync(StateSamples.State(stateExists ? 2 : 1));
        await winners[0].Lock!.DisposeAsync();
    }

    [Fact]
    public async Task Releasing_the_lock_lets_the_next_run_take_it()
    {
        var first = await NewStore().LockAsync(StateSamples.Key, "alice");
        await first.DisposeAsync();

        await using var second = await NewStore().LockAsync(StateSamples.Key, "bob");
        await second.SaveAsync(StateSamples.State(1));
    }

    [Fact]
    public async Task Breaking_a_stale_lock_frees_the_state_and_the_old_holder_can_no_longer_write()
    {
        var store = NewStore();
        var stale = await store.LockAsync(StateSamples.Key, "alice");
        await stale.SaveAsync(StateSamples.State(1));

        (await store.BreakLockAsync(StateSamples.Key)).Should().BeTrue();
        (await store.BreakLockAsync(StateSamples.Key)).Should().BeFalse("there is no lock left to break");
        var fresh = await NewStore().LockAsync(StateSamples.Key, "bob");

        var act = () => stale.SaveAsync(StateSamples.State(2));
        (await act.Should().ThrowAsync<StateException>()).Which.Message.Should().Contain("lock was broken").And.Contain("held by bob since");

        await stale.DisposeAsync(); // must not release bob's lock
        var third = () => NewStore().LockAsync(StateSamples.Key, "carol");
        (await third.Should().ThrowAsync<StateException>()).Which.Message.Should().Contain("locked by bob");

        await fresh.SaveAsync(StateSamples.State(2));
        await fresh.DisposeAsync();
        (await store.LoadAsync(StateSamples.Key))!.Serial.Should().Be(2);
        (await store.BreakLockAsync(StateSamples.Key)).Should().BeFalse();
    }

    [Fact]
    public async Task A_save_after_someone_else_changed_the_secret_is_refused()
    {
        await using var held = await NewStore().LockAsync(StateSamples.Key, "alice");
        await held.SaveAsync(StateSamples.State(1));
        // Someone edits the Secret behind konfig's back (kubectl annotate, another tool…).
        await Client.ApplyAsync(
            new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Secret",
                ["metadata"] = new JsonObject
                {
                    ["name"] = KubernetesStateStore.SecretName(StateSamples.Key),
                    ["namespace"] = StateNamespace,
                    ["annotations"] = new JsonObject { ["someone.example/note"] = "hello" },
                },
            },
            new ApplyOptions("someone-else"));

        var act = () => held.SaveAsync(StateSamples.State(2));

        (await act.Should().ThrowAsync<StateException>()).Which.Message.Should()
            .Contain($"the state of {StateSamples.Key}").And.Contain("changed since it was read (someone else applied?)");
        (await NewStore().LoadAsync(StateSamples.Key))!.Serial.Should().Be(1);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task A_save_whose_serial_does_not_follow_the_stored_one_is_refused(long serial)
    {
        await using var held = await NewStore().LockAsync(StateSamples.Key, "alice");
        await held.SaveAsync(StateSamples.State(1));

        var act = () => held.SaveAsync(StateSamples.State(serial));

        (await act.Should().ThrowAsync<StateException>()).Which.Message.Should().Contain("stored state has serial 1");
        (await NewStore().LoadAsync(StateSamples.Key))!.Serial.Should().Be(1);
    }

    [Fact]
    public async Task A_corrupt_state_is_an_error_naming_the_secret_and_is_never_overwritten()
    {
        var name = KubernetesStateStore.SecretName(StateSamples.Key);
        var garbage = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"version\": 1,\n \"serial\": }"));
        await Client.ApplyAsync(
            new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Secret",
                ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = StateNamespace },
                ["data"] = new JsonObject { ["state"] = garbage },
            },
            new ApplyOptions("someone-else"));

        var load = () => NewStore().LoadAsync(StateSamples.Key);
        (await load.Should().ThrowAsync<StateException>()).Which.Message.Should()
            .StartWith($"The Secret {StateNamespace}/{name}:2:12 is corrupt: it is not valid JSON: ");

        await using (var held = await NewStore().LockAsync(StateSamples.Key, "alice"))
        {
            var save = () => held.SaveAsync(StateSamples.State(1));
            (await save.Should().ThrowAsync<StateException>()).Which.Message.Should().Contain("never overwrites");
        }

        (await Client.GetAsync(SecretOf(StateSamples.Key)))!["data"]!["state"]!.GetValue<string>().Should().Be(garbage);
    }

    [Fact]
    public async Task Delete_removes_the_secret()
    {
        await using (var held = await NewStore().LockAsync(StateSamples.Key, "alice"))
        {
            await held.SaveAsync(StateSamples.State(1));
            await held.DeleteAsync();
        }

        (await Client.GetAsync(SecretOf(StateSamples.Key))).Should().BeNull();
        (await NewStore().LoadAsync(StateSamples.Key)).Should().BeNull();
        await using var again = await NewStore().LockAsync(StateSamples.Key, "alice");
        await again.SaveAsync(StateSamples.State(1));
    }

    [Fact]
    public async Task States_of_other_stacks_and_clusters_are_separate()
    {
        var otherCluster = StateSamples.Key with { Cluster = "kind-dev" };
        await using var first = await NewStore().LockAsync(StateSamples.Key, "alice");
        await using var second = await NewStore().LockAsync(otherCluster, "bob");
        await first.SaveAsync(StateSamples.State(1));
        await second.SaveAsync(StateSamples.State(1, otherCluster, resources: 0));

        (await NewStore().LoadAsync(StateSamples.Key))!.Resources.Should().HaveCount(2);
        (await NewStore().LoadAsync(otherCluster))!.Resources.Should().BeEmpty();
    }

    [Fact]
    public async Task A_missing_namespace_is_a_clear_error()
    {
        var store = NewStore("no-such-namespace");

        var load = () => store.LoadAsync(StateSamples.Key);
        var lockIt = () => store.LockAsync(StateSamples.Key, "alice");

        (await load.Should().ThrowAsync<StateException>()).Which.Message.Should()
            .Contain("namespace no-such-namespace does not exist").And.Contain("kubectl create namespace no-such-namespace");
        (await lockIt.Should().ThrowAsync<StateException>()).Which.Message.Should().Contain("kubectl create namespace no-such-namespace");
    }

    /// <summary>Rewrites the lock's process annotation, as if another process had taken the lock.</summary>
    private async Task SetLockProcessAsync(LockProcess process)
    {
        await Client.ApplyAsync(
            new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Secret",
                ["metadata"] = new JsonObject
                {
                    ["name"] = KubernetesStateStore.SecretName(StateSamples.Key),
                    ["namespace"] = StateNamespace,
                    ["annotations"] = new JsonObject { ["konfig.io/lock-process"] = process.ToText() },
                },
            },
            new ApplyOptions("test", Force: true));
    }

    private static string Gunzip(string base64)
    {
        using var gzip = new GZipStream(new MemoryStream(Convert.FromBase64String(base64)), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
