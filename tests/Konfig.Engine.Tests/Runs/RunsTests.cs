using System.Text.Json.Nodes;
using FluentAssertions;
using Konfig.Engine.Apply;
using Konfig.Engine.Planning;
using Konfig.Engine.Runs;
using Konfig.Engine.State;
using Konfig.Engine.Tests.State;
using Konfig.Kubernetes;
using Konfig.Kubernetes.Kubeconfig;
using Konfig.Workspace.Discovery;

namespace Konfig.Engine.Tests.Runs;

/// <summary>The engine's run entry points (what the CLI and the bot call) against the fake API server over HTTP.</summary>
public sealed class RunsTests : IAsyncLifetime
{
    private RunWorkspace _workspace = null!;

    public async Task InitializeAsync() => _workspace = await RunWorkspace.StartAsync();

    public async Task DisposeAsync() => await _workspace.DisposeAsync();

    [Fact]
    public async Task Preview_then_locked_apply_puts_the_stacks_on_the_cluster_and_reports_progress()
    {
        using var session = _workspace.Open();
        session.ClusterName.Should().Be("fake");

        var preview = await PreviewRun.PreviewAsync(session, new PreviewOptions());

        preview.Errors.Should().BeEmpty();
        preview.Previews.Select(p => p.Stack.Path).Should().Equal("shop/dev", "shop/prod");
        preview.Previews[0].Preview.Changes.Select(c => (c.Id, c.Action)).Should().Equal(
            ("v1:Namespace:shop-dev", ChangeAction.Create), ("v1:ConfigMap:shop-dev:settings", ChangeAction.Create));
        preview.Previews[0].Preview.StateKey.Should().Be(new StateKey("shop", "shop/dev", "fake"));

        var observer = new RecordingObserver();
        foreach (var previewed in preview.Previews)
        {
            var run = await ApplyRun.RunAsync(session, previewed, new StackApplyOptions(), observer);
            run.Error.Should().BeNull();
            run.Succeeded.Should().BeTrue();
            run.Result!.Applied.Should().Be(2);
        }

        observer.Starts.Select(s => (s.Previewed.Stack.Path, s.Change, s.ClusterName)).Should().Equal(
            ("shop/dev", StackChange.Apply, "fake"), ("shop/prod", StackChange.Apply, "fake"));
        observer.Events.Where(e => e.Kind == ApplyEventKind.Applied).Should().HaveCount(4);
        var configMap = await session.Client.GetAsync(new ObjectReference("v1", "ConfigMap", "shop-prod", "settings"));
        configMap!["data"]!["color"]!.GetValue<string>().Should().Be("green");
        (await session.Store.LoadAsync(session.KeyOf(preview.Previews[0].Stack)))!.Resources.Should().HaveCount(2);

        // Previewed again, nothing changes.
        var again = await PreviewRun.PreviewAsync(session, new PreviewOptions());
        again.Previews.Should().OnlyContain(p => !p.Preview.HasChanges);
    }

    [Fact]
    public async Task A_stack_that_does_not_compile_is_an_error_with_file_and_line_and_the_others_are_previewed()
    {
        _workspace.Write("shop/dev/main.k", "a = 1\nb = [\n");
        using var session = _workspace.Open();

        var preview = await PreviewRun.PreviewAsync(session, new PreviewOptions());

        preview.Previews.Select(p => p.Stack.Path).Should().Equal("shop/prod");
        var error = preview.Errors.Should().ContainSingle().Subject;
        error.Kind.Should().Be(StackRunErrorKind.CompileFailed);
        error.Stack.Path.Should().Be("shop/dev");
        var location = error.Compilation!.KclDiagnostics.Should().ContainSingle().Subject.Location!;
        location.File.Path.Should().EndWith(Path.Combine("shop", "dev", "main.k"));
        location.Line.Should().BeGreaterThan(1);
        error.Message.Should().StartWith("failed to compile:\n").And.Contain("main.k:");
        preview.Unpreviewable.Should().Be(1);
    }

    [Fact]
    public async Task A_locked_stack_is_a_structured_error_and_nothing_is_applied()
    {
        using var session = _workspace.Open("shop/dev");
        var preview = await PreviewRun.PreviewAsync(session, new PreviewOptions());
        await using var held = await session.Store.LockAsync(session.KeyOf(session.Stacks[0]), "someone else");
        var observer = new RecordingObserver();

        var run = await ApplyRun.RunAsync(session, preview.Previews[0], new StackApplyOptions(), observer);

        run.Result.Should().BeNull();
        run.Error!.Kind.Should().Be(StackRunErrorKind.Locked);
        run.Error.Message.Should().Contain("someone else").And.NotContain("--");
        observer.Starts.Should().BeEmpty();
        (await session.Client.GetAsync(new ObjectReference("v1", "Namespace", null, "shop-dev"))).Should().BeNull();
    }

    [Fact]
    public async Task A_stale_lock_of_an_ended_run_is_broken_and_reported_before_the_change()
    {
        using var session = _workspace.Open("shop/dev");
        var preview = await PreviewRun.PreviewAsync(session, new PreviewOptions());
        var lockFile = ((LocalStateStore)session.Store).LockFilePath(session.KeyOf(session.Stacks[0]));
        Directory.CreateDirectory(Path.GetDirectoryName(lockFile)!);
        var pid = await LockProcessSamples.EndedPidAsync();
        File.WriteAllText(lockFile, $"killed run since 2026-11-21T19:00:00Z\nlock 0123456789abcdef0123456789abcdef\nprocess {(LockProcess.Current with { Pid = pid }).ToText()}\n");
        var observer = new RecordingObserver();

        var run = await ApplyRun.RunAsync(session, preview.Previews[0], new StackApplyOptions(), observer);

        run.Succeeded.Should().BeTrue();
        run.BrokenStaleLock!.Pid.Should().Be(pid);
        observer.Starts.Should().ContainSingle().Which.BrokenStaleLock.Should().Be(run.BrokenStaleLock);
        File.Exists(lockFile).Should().BeFalse("the run released the lock it took");
    }

    [Fact]
    public async Task A_state_changed_since_the_preview_stops_the_apply()
    {
        using var session = _workspace.Open("shop/dev");
        var stale = await PreviewRun.PreviewAsync(session, new PreviewOptions());
        var first = await PreviewRun.PreviewAsync(session, new PreviewOptions());
        (await ApplyRun.RunAsync(session, first.Previews[0], new StackApplyOptions(), NoStackRunObserver.Instance)).Succeeded.Should().BeTrue();
        var serial = (await session.Store.LoadAsync(session.KeyOf(session.Stacks[0])))!.Serial;
        stale.Previews[0].Prior.Should().BeNull();
        _workspace.Stack("shop/dev", "red");

        var run = await ApplyRun.RunAsync(session, stale.Previews[0], new StackApplyOptions(), NoStackRunObserver.Instance);

        run.Error!.Kind.Should().Be(StackRunErrorKind.StateChanged);
        run.Error.Message.Should().Contain($"serial 0, now {serial}");
        var configMap = await session.Client.GetAsync(new ObjectReference("v1", "ConfigMap", "shop-dev", "settings"));
        configMap!["data"]!["color"]!.GetValue<string>().Should().Be("blue");
        (await session.Store.LoadAsync(session.KeyOf(session.Stacks[0])))!.Serial.Should().Be(serial);
    }

    [Fact]
    public async Task Destroy_previews_what_the_state_holds_and_deletes_it_under_the_lock()
    {
        using var session = _workspace.Open();
        var applied = await PreviewRun.PreviewAsync(session, new PreviewOptions());
        (await ApplyRun.RunAsync(session, applied.Previews[0], new StackApplyOptions(), NoStackRunObserver.Instance)).Succeeded.Should().BeTrue();

        var preview = await PreviewRun.PreviewDestroyAsync(session, new PreviewOptions());

        preview.NothingToDestroy.Select(s => s.Path).Should().Equal("shop/prod");
        preview.Previews.Should().ContainSingle().Which.Preview.Changes.Should().OnlyContain(c => c.Action == ChangeAction.Delete);
        var observer = new RecordingObserver();
        var run = await DestroyRun.RunAsync(session, preview.Previews[0], new StackApplyOptions(), observer);
        run.Succeeded.Should().BeTrue();
        run.Result!.Deleted.Should().Be(2);
        observer.Starts.Should().ContainSingle().Which.Change.Should().Be(StackChange.Destroy);
        (await session.Client.GetAsync(new ObjectReference("v1", "ConfigMap", "shop-dev", "settings"))).Should().BeNull();
    }

    [Fact]
    public async Task Unlock_breaks_a_held_lock_naming_its_holder_and_then_finds_none()
    {
        using var session = _workspace.Open("shop/dev");
        var stack = session.Stacks[0];
        // Taken and never released, as a killed run leaves it.
        _ = await session.Store.LockAsync(session.KeyOf(stack), "someone else");

        var first = await UnlockRun.RunAsync(session, stack);
        var second = await UnlockRun.RunAsync(session, stack);

        first.Should().Match<UnlockResult>(u => u.WasLocked && u.Key == session.KeyOf(stack));
        first.Holder.Should().StartWith("someone else since ");
        second.WasLocked.Should().BeFalse();
        second.Holder.Should().BeNull();
        var preview = await PreviewRun.PreviewAsync(session, new PreviewOptions());
        (await ApplyRun.RunAsync(session, preview.Previews[0], new StackApplyOptions(), NoStackRunObserver.Instance)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task A_session_on_a_callers_client_keeps_the_state_in_the_cluster()
    {
        var loaded = KubeconfigLoader.Load(_workspace.Kubeconfig, "fake");
        using var client = new KubernetesHttpClient(loaded.Cluster!);
        await client.ApplyAsync(
            new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = "states" } }, new ApplyOptions("test"));
        var workspace = WorkspaceDiscovery.Discover(_workspace.Root);
        using var session = StackRunSession.Open(workspace, [workspace.Stacks[0]], "staging", client, new StackRunSessionOptions { State = StateBackend.Kubernetes, StateNamespace = "states" });

        var preview = await PreviewRun.PreviewAsync(session, new PreviewOptions());
        preview.Errors.Should().BeEmpty();
        var run = await ApplyRun.RunAsync(session, preview.Previews[0], new StackApplyOptions(), NoStackRunObserver.Instance);

        run.Succeeded.Should().BeTrue();
        session.Store.Should().BeOfType<KubernetesStateStore>();
        var key = new StateKey("shop", "shop/dev", "staging");
        (await client.GetAsync(new ObjectReference("v1", "Secret", "states", KubernetesStateStore.SecretName(key)))).Should().NotBeNull();
        (await session.Store.LoadAsync(key))!.Resources.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_bad_kubeconfig_gives_an_error_not_a_session()
    {
        var workspace = WorkspaceDiscovery.Discover(_workspace.Root);

        var (session, error) = StackRunSession.Open(workspace, workspace.Stacks, new StackRunSessionOptions
        {
            KubeconfigPath = _workspace.Kubeconfig,
            Context = "no-such-context",
        });

        session.Should().BeNull();
        error.Should().Contain("no-such-context");
    }

    private sealed class RecordingObserver : IStackRunObserver, IProgress<ApplyEvent>
    {
        public List<StackRunStart> Starts { get; } = [];

        public List<ApplyEvent> Events { get; } = [];

        public Task<ApplyResult> RunChangeAsync(StackRunStart start, Func<IProgress<ApplyEvent>?, Task<ApplyResult>> change)
        {
            Starts.Add(start);
            return change(this);
        }

        public void Report(ApplyEvent value)
        {
            lock (Events)
            {
                Events.Add(value);
            }
        }
    }
}
