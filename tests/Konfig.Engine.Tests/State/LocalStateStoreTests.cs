using System.Text.Json.Nodes;
using FluentAssertions;
using Konfig.Engine.State;

namespace Konfig.Engine.Tests.State;

public sealed class LocalStateStoreTests : IDisposable
{
    private const string StateFile = "web/apps%2Fweb%2Fdev/https%3A%2F%2F10.0.0.1%3A6443.json";
    private const string LockFile = "web/apps%2Fweb%2Fdev/https%3A%2F%2F10.0.0.1%3A6443.lock";

    private readonly TemporaryFolder _folder = new();
    private readonly LocalStateStore _store;

    public LocalStateStoreTests()
    {
        _store = new LocalStateStore(_folder.Path, new FixedTimeProvider(new DateTimeOffset(2026, 11, 21, 20, 0, 0, TimeSpan.Zero)));
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_stack_never_applied_has_no_state()
    {
        (await _store.LoadAsync(StateSamples.Key)).Should().BeNull();
        _store.Description.Should().Be($"local state in {_folder.Path}");
    }

    [Fact]
    public async Task Saves_and_loads_a_state_at_the_documented_path()
    {
        var state = StateSamples.State(1);
        await using (var held = await _store.LockAsync(StateSamples.Key, "alice@host pid 1"))
        {
            await held.SaveAsync(state);
            await held.SaveAsync(StateSamples.State(2));
        }

        var loaded = await _store.LoadAsync(StateSamples.Key);

        loaded.Should().NotBeNull();
        StateSamples.Canonical(loaded!).Should().Be(StateSamples.Canonical(StateSamples.State(2)));
        _folder.Files().Should().Equal(StateFile);
        _store.StateFilePath(StateSamples.Key).Should().Be(Path.Combine(_folder.Path, StateFile));
        JsonNode.Parse(File.ReadAllText(Path.Combine(_folder.Path, StateFile)))!["serial"]!.GetValue<long>().Should().Be(2);
    }

    [Fact]
    public async Task Leaves_no_temporary_files_behind()
    {
        await using (var held = await _store.LockAsync(StateSamples.Key, "alice"))
        {
            for (var serial = 1; serial <= 5; serial++)
            {
                await held.SaveAsync(StateSamples.State(serial));
                _folder.Files().Should().Equal(StateFile, LockFile);
            }
        }

        _folder.Files().Should().Equal(StateFile);
    }

    [Fact]
    public async Task A_temporary_file_left_by_a_crash_changes_nothing_and_is_cleaned_up_by_the_next_save()
    {
        await using (var held = await _store.LockAsync(StateSamples.Key, "alice"))
        {
            await held.SaveAsync(StateSamples.State(1));
        }

        // What a process killed between writing its temporary file and renaming it leaves behind: half a state.
        var leftover = Path.Combine(_folder.Path, StateFile + ".0123456789abcdef.tmp");
        File.WriteAllText(leftover, "{\"version\": 1, \"proj");

        (await _store.LoadAsync(StateSamples.Key))!.Serial.Should().Be(1);
        await using (var held = await _store.LockAsync(StateSamples.Key, "alice"))
        {
            await held.SaveAsync(StateSamples.State(2));
        }

        (await _store.LoadAsync(StateSamples.Key))!.Serial.Should().Be(2);
        _folder.Files().Should().Equal(StateFile);
    }

    [Fact]
    public async Task A_save_that_fails_while_serializing_leaves_the_old_state_intact()
    {
        await using var held = await _store.LockAsync(StateSamples.Key, "alice");
        await held.SaveAsync(StateSamples.State(1));
        var before = File.ReadAllBytes(Path.Combine(_folder.Path, StateFile));
        var broken = StateSamples.State(2);
        broken.Resources[0].Attributes["spec"]!["ratio"] = JsonValue.Create(double.NaN); // not representable in JSON

        var act = () => held.SaveAsync(broken);

        await act.Should().ThrowAsync<ArgumentException>();
        File.ReadAllBytes(Path.Combine(_folder.Path, StateFile)).Should().Equal(before);
        _folder.Files().Should().Equal(StateFile, LockFile);
    }

    [Fact]
    public async Task A_second_lock_fails_naming_the_holder_and_that_a_stale_lock_can_be_broken()
    {
        await using var first = await _store.LockAsync(StateSamples.Key, "alice@laptop pid 1234");

        var act = () => _store.LockAsync(StateSamples.Key, "bob@ci pid 99");

        var error = (await act.Should().ThrowAsync<StateLockedException>()).Which;
        error.Holder.Should().Be("alice@laptop pid 1234 since 2026-11-21T20:00:00Z");
        error.Key.Should().Be(StateSamples.Key);
        error.Message.Should()
            .Contain("locked by alice@laptop pid 1234 since 2026-11-21T20:00:00Z")
            .And.Contain(Path.Combine(_folder.Path, LockFile))
            .And.Contain("can be broken")
            .And.NotContain("konfig state", "the library does not word the CLI's commands");
    }

    [Fact]
    public async Task The_lock_file_records_the_holder_process()
    {
        await using var held = await _store.LockAsync(StateSamples.Key, "alice@laptop pid 1234");

        var lines = File.ReadAllLines(Path.Combine(_folder.Path, LockFile));

        lines[0].Should().Be("alice@laptop pid 1234 since 2026-11-21T20:00:00Z");
        lines[1].Should().MatchRegex("^lock [0-9a-f]{32}$");
        LockProcess.Parse(lines[2]["process ".Length..]).Should().Be(LockProcess.Current);
        LockProcess.Current.Pid.Should().Be(Environment.ProcessId);
        LockProcess.Current.Host.Should().Be(Environment.MachineName);
        held.BrokenStaleLock.Should().BeNull();
    }

    [Fact]
    public async Task A_lock_whose_process_ended_on_this_machine_is_broken_saying_so()
    {
        var pid = await LockProcessSamples.EndedPidAsync();
        WriteLockFile("alice@here pid 1", LockProcess.Current with { Pid = pid });

        await using var held = await _store.LockAsync(StateSamples.Key, "bob");

        held.BrokenStaleLock.Should().NotBeNull();
        held.BrokenStaleLock!.Message.Should().Be(
            $"broke the lock of web/apps/web/dev@https://10.0.0.1:6443: it was held by pid {pid} on {Environment.MachineName}, which no longer runs");
        held.BrokenStaleLock.Holder.Should().Be("alice@here pid 1 since 2026-11-21T19:00:00Z");
        File.ReadAllText(Path.Combine(_folder.Path, LockFile)).Should().StartWith("bob since ");
        _folder.Files().Should().Equal(LockFile);
        await held.SaveAsync(StateSamples.State(1));
    }

    [Fact]
    public async Task A_lock_whose_pid_now_belongs_to_a_process_started_later_is_broken()
    {
        // Our own pid, but recorded with another start: the process that took the lock is gone and its pid reused.
        WriteLockFile("alice@here", LockProcess.Current with { Started = "1" });

        await using var held = await _store.LockAsync(StateSamples.Key, "bob");

        held.BrokenStaleLock!.Pid.Should().Be(Environment.ProcessId);
    }

    [Fact]
    public async Task A_lock_whose_process_still_runs_is_kept()
    {
        WriteLockFile("alice@here", LockProcess.Current);

        var act = () => _store.LockAsync(StateSamples.Key, "bob");

        (await act.Should().ThrowAsync<StateLockedException>()).Which.Holder.Should().StartWith("alice@here");
        File.ReadAllText(Path.Combine(_folder.Path, LockFile)).Should().StartWith("alice@here");
    }

    [Fact]
    public async Task A_lock_taken_on_another_machine_is_never_broken_automatically()
    {
        var pid = await LockProcessSamples.EndedPidAsync();
        WriteLockFile("alice@elsewhere", LockProcess.Current with { Pid = pid, Host = "elsewhere-" + Environment.MachineName });

        var act = () => _store.LockAsync(StateSamples.Key, "bob");

        await act.Should().ThrowAsync<StateLockedException>();
        File.ReadAllText(Path.Combine(_folder.Path, LockFile)).Should().StartWith("alice@elsewhere");
    }

    [Fact]
    public async Task A_lock_without_a_process_line_is_never_broken_automatically()
    {
        // What an older konfig wrote: nothing says which process held it.
        var path = Path.Combine(_folder.Path, LockFile);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "alice@here pid 1 since 2026-11-21T19:00:00Z\nlock 0123\n");

        var act = () => _store.LockAsync(StateSamples.Key, "bob");

        await act.Should().ThrowAsync<StateLockedException>();
    }

    [Fact]
    public async Task Locks_of_other_stacks_and_clusters_are_independent()
    {
        await using var first = await _store.LockAsync(StateSamples.Key, "alice");
        await using var otherCluster = await _store.LockAsync(StateSamples.Key with { Cluster = "kind-dev" }, "bob");
        await using var otherStack = await _store.LockAsync(StateSamples.Key with { Stack = "apps/web/prod" }, "carol");

        _folder.Files().Should().HaveCount(3);
    }

    [Fact]
    public async Task Releasing_the_lock_lets_the_next_run_take_it()
    {
        var first = await _store.LockAsync(StateSamples.Key, "alice");
        await first.DisposeAsync();
        _folder.Files().Should().BeEmpty();

        await using var second = await _store.LockAsync(StateSamples.Key, "bob");
        _folder.Files().Should().Equal(LockFile);
    }

    [Fact]
    public async Task Breaking_a_stale_lock_frees_the_state_and_the_old_holder_can_no_longer_write()
    {
        var stale = await _store.LockAsync(StateSamples.Key, "alice");
        await stale.SaveAsync(StateSamples.State(1));

        (await _store.BreakLockAsync(StateSamples.Key)).Should().BeTrue();
        (await _store.BreakLockAsync(StateSamples.Key)).Should().BeFalse("there is no lock left to break");
        await using var fresh = await _store.LockAsync(StateSamples.Key, "bob");

        var act = () => stale.SaveAsync(StateSamples.State(2));
        (await act.Should().ThrowAsync<StateException>()).Which.Message.Should().Contain("was broken").And.Contain("held by bob since");

        await stale.DisposeAsync(); // must not remove bob's lock
        _folder.Files().Should().Contain(LockFile);
        await fresh.SaveAsync(StateSamples.State(2));
        (await _store.LoadAsync(StateSamples.Key))!.Serial.Should().Be(2);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task A_save_whose_serial_does_not_follow_the_stored_one_is_refused(long serial)
    {
        await using var held = await _store.LockAsync(StateSamples.Key, "alice");
        await held.SaveAsync(StateSamples.State(1));

        var act = () => held.SaveAsync(StateSamples.State(serial));

        (await act.Should().ThrowAsync<StateException>()).Which.Message.Should()
            .Contain($"serial {serial}").And.Contain("stored state has serial 1").And.Contain("Someone else wrote");
        (await _store.LoadAsync(StateSamples.Key))!.Serial.Should().Be(1);
    }

    [Fact]
    public async Task A_first_save_must_have_serial_one()
    {
        await using var held = await _store.LockAsync(StateSamples.Key, "alice");

        var act = () => held.SaveAsync(StateSamples.State(2));

        (await act.Should().ThrowAsync<StateException>()).Which.Message.Should().Contain("there is no stored state");
        (await _store.LoadAsync(StateSamples.Key)).Should().BeNull();
    }

    [Fact]
    public async Task A_corrupt_state_file_is_an_error_naming_it_and_is_never_overwritten()
    {
        var path = Path.Combine(_folder.Path, StateFile);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        const string Corrupt = "{\n  \"version\": 1,\n  \"serial\": 4,\n  garbage\n}\n";
        File.WriteAllText(path, Corrupt);

        var load = () => _store.LoadAsync(StateSamples.Key);
        (await load.Should().ThrowAsync<StateException>()).Which.Message.Should()
            .StartWith($"The state file {path}:4:3 is corrupt: it is not valid JSON: ");

        await using var held = await _store.LockAsync(StateSamples.Key, "alice");
        foreach (var serial in new long[] { 1, 5 })
        {
            var save = () => held.SaveAsync(StateSamples.State(serial));
            (await save.Should().ThrowAsync<StateException>()).Which.Message.Should().Contain(path).And.Contain("never overwrites");
        }

        File.ReadAllText(path).Should().Be(Corrupt);
    }

    [Fact]
    public async Task Invalid_json_is_reported_at_one_position_line_and_column_from_one()
    {
        var path = Path.Combine(_folder.Path, StateFile);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Line 3 is ` "ü"x`: the 'x' is its 5th character (its 6th byte: 'ü' takes two).
        File.WriteAllText(path, "{\n  \"version\": 1,\n \"ü\"x\n}\n");

        var load = () => _store.LoadAsync(StateSamples.Key);

        var message = (await load.Should().ThrowAsync<StateException>()).Which.Message;
        message.Should().Be(
            $"The state file {path}:3:5 is corrupt: it is not valid JSON: 'x' is invalid after a property name. Expected a ':'. "
            + "konfig never overwrites a corrupt state: fix or restore it (e.g. from version control or a backup) and retry.");
    }

    [Fact]
    public async Task A_state_file_of_another_stack_is_not_taken_for_this_one()
    {
        var other = StateSamples.Key with { Stack = "apps/web/prod" };
        await using (var held = await _store.LockAsync(other, "alice"))
        {
            await held.SaveAsync(StateSamples.State(1, other));
        }

        var path = Path.Combine(_folder.Path, StateFile);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(_store.StateFilePath(other), path);

        var load = () => _store.LoadAsync(StateSamples.Key);
        (await load.Should().ThrowAsync<StateException>()).Which.Message.Should().Contain(path).And.Contain("apps/web/prod");
    }

    [Fact]
    public async Task Delete_removes_the_state()
    {
        await using (var held = await _store.LockAsync(StateSamples.Key, "alice"))
        {
            await held.DeleteAsync(); // nothing saved yet: nothing to delete, no error
            await held.SaveAsync(StateSamples.State(1));
            await held.DeleteAsync();
        }

        (await _store.LoadAsync(StateSamples.Key)).Should().BeNull();
        _folder.Files().Should().BeEmpty();

        await using var again = await _store.LockAsync(StateSamples.Key, "alice");
        await again.SaveAsync(StateSamples.State(1)); // a new life starts at serial 1
    }

    private void WriteLockFile(string holder, LockProcess process)
    {
        var path = Path.Combine(_folder.Path, LockFile);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $"{holder} since 2026-11-21T19:00:00Z\nlock 0123456789abcdef0123456789abcdef\nprocess {process.ToText()}\n");
    }
}
