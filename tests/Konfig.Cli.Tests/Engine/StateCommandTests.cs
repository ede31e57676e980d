using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluentAssertions;
using Konfig.Engine.State;
using Konfig.Kubernetes;
using Konfig.Kubernetes.Kubeconfig;

namespace Konfig.Cli.Tests.Engine;

/// <summary>State handling through the CLI: locks and <c>konfig state unlock</c>, corrupt states, <c>state show</c>, and <c>--state kubernetes</c>.</summary>
public sealed class StateCommandTests : IAsyncLifetime
{
    private static readonly StateKey Key = new("apps/status-page", EngineWorkspace.Stack, "fake");

    private EngineWorkspace _workspace = null!;

    public async Task InitializeAsync() => _workspace = await EngineWorkspace.StartAsync();

    public async Task DisposeAsync() => await _workspace.DisposeAsync();

    private static async Task<int> EndedPidAsync()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await process.WaitForExitAsync();
        return process.Id;
    }

    private JsonObject? Deployment() => _workspace.Server.Objects.Get("apps/v1", "Deployment", "status-page", "status-page");

    [Fact]
    public async Task A_locked_state_stops_apply_naming_the_holder_until_state_unlock_breaks_the_lock()
    {
        // A run that was killed: its lock is left behind.
        await new LocalStateStore(_workspace.StateFolder).LockAsync(Key, "alice@build-7 pid 4242");

        var locked = _workspace.Run("apply", EngineWorkspace.Stack, "--yes");

        locked.ExitCode.Should().Be(1);
        locked.Error.Should().Contain("locked by alice@build-7 pid 4242")
            .And.Contain($"hint: if that run is over, `konfig state unlock {EngineWorkspace.Stack}` (with the same cluster and state options) breaks the stale lock");
        Deployment().Should().BeNull();

        var unlock = _workspace.Run("state", "unlock", EngineWorkspace.Stack);

        unlock.ExitCode.Should().Be(0, unlock.Error);
        unlock.Out.Should().Contain("Broke the lock").And.Contain("held by alice@build-7 pid 4242 since ");
        _workspace.LockFiles().Should().BeEmpty();
        _workspace.Run("state", "unlock", EngineWorkspace.Stack).Out.Should().Contain("was not locked");

        var apply = _workspace.Run("apply", EngineWorkspace.Stack, "--yes");
        apply.ExitCode.Should().Be(0, apply.Error);
        Deployment().Should().NotBeNull();
    }

    [Fact]
    public async Task A_lock_left_by_a_process_that_ended_on_this_machine_is_broken_and_apply_says_so()
    {
        // A run killed on this machine: its lock names a process that no longer runs.
        await new LocalStateStore(_workspace.StateFolder).LockAsync(Key, "alice@here pid 1");
        var pid = await EndedPidAsync();
        var lockFile = _workspace.LockFiles().Single();
        File.WriteAllText(lockFile, Regex.Replace(File.ReadAllText(lockFile), @"(?m)^process pid=\d+", $"process pid={pid}"));

        var apply = _workspace.Run("apply", EngineWorkspace.Stack, "--yes");

        apply.ExitCode.Should().Be(0, apply.Error);
        apply.Error.Should().Contain(
            $"note: stack {EngineWorkspace.Stack}: broke the lock of apps/status-page/dev@fake: it was held by pid {pid} on {Environment.MachineName}, which no longer runs");
        _workspace.LockFiles().Should().BeEmpty("apply released its own lock");
        Deployment().Should().NotBeNull();
    }

    [Fact]
    public void State_show_prints_the_state_as_applied()
    {
        _workspace.Run("state", "show", EngineWorkspace.Stack).ExitCode.Should().Be(1, "there is no state yet");
        _workspace.Run("apply", EngineWorkspace.Stack, "--yes").ExitCode.Should().Be(0);

        var (exitCode, stdout, stderr) = _workspace.Run("state", "show", EngineWorkspace.Stack);

        exitCode.Should().Be(0, stderr);
        var state = StateSerializer.Deserialize(stdout, "stdout");
        state.Key.Should().Be(Key);
        state.Resources.Should().HaveCount(5);
        state.Resources.Single(r => r.Id == "apps/v1:Deployment:status-page:status-page").Attributes["spec"]!["replicas"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public void A_corrupt_state_is_an_error_naming_the_file_and_is_never_overwritten()
    {
        _workspace.Run("apply", EngineWorkspace.Stack, "--yes").ExitCode.Should().Be(0);
        var stateFile = _workspace.StateFiles().Single();
        File.WriteAllText(stateFile, "{ not json");
        _workspace.EditStack("page: frontend.Application {\n", "page: frontend.Application {\n    replicas = 2\n");

        var preview = _workspace.Run("preview", EngineWorkspace.Stack);
        var apply = _workspace.Run("apply", EngineWorkspace.Stack, "--yes");
        var destroy = _workspace.Run("destroy", EngineWorkspace.Stack, "--yes");

        foreach (var run in new[] { preview, apply, destroy })
        {
            run.ExitCode.Should().Be(1);
            run.Error.Should().Contain($"{stateFile}:1:3 is corrupt: it is not valid JSON: ");
        }

        File.ReadAllText(stateFile).Should().Be("{ not json");
        Deployment()!["spec"]!["replicas"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task Kubernetes_state_is_a_Secret_in_the_cluster_and_preview_reads_it()
    {
        var kubeconfig = KubeconfigLoader.Load(_workspace.Kubeconfig);
        using (var client = new KubernetesHttpClient(kubeconfig.Cluster!))
        {
            await client.ApplyAsync(
                new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = "team-state" } },
                new ApplyOptions("test"));
        }

        var apply = _workspace.Run("apply", EngineWorkspace.Stack, "--yes", "--state", "kubernetes", "--state-namespace", "team-state");

        apply.ExitCode.Should().Be(0, apply.Error);
        _workspace.StateFiles().Should().BeEmpty();
        var secret = _workspace.Server.Objects.Get("v1", "Secret", "team-state", KubernetesStateStore.SecretName(Key));
        secret.Should().NotBeNull();
        var preview = _workspace.Run("preview", EngineWorkspace.Stack, "--state", "kubernetes", "--state-namespace", "team-state");
        preview.Out.Should().Contain("5 unchanged");

        var shown = _workspace.Run("state", "show", EngineWorkspace.Stack, "--state", "kubernetes", "--state-namespace", "team-state");
        shown.ExitCode.Should().Be(0, shown.Error);
        StateSerializer.Deserialize(shown.Out, "stdout").Resources.Should().HaveCount(5);
        _workspace.Run("state", "show", EngineWorkspace.Stack).ExitCode.Should().Be(1, "the local state knows nothing of it");
    }

    [Fact]
    public void A_missing_state_namespace_is_an_error_that_names_it()
    {
        var (exitCode, _, stderr) = _workspace.Run("preview", EngineWorkspace.Stack, "--state", "kubernetes");

        exitCode.Should().Be(1);
        stderr.Should().Contain("konfig-state");
    }
}
