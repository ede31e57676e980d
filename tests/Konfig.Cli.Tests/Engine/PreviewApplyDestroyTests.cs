using System.Text.Json.Nodes;
using FluentAssertions;

namespace Konfig.Cli.Tests.Engine;

/// <summary>
/// <c>konfig preview|apply|destroy</c> end to end: the real compiler on a copy of the status-page project, the
/// real Kubernetes client against the fake API server over HTTP, and the real local state store.
/// </summary>
public sealed class PreviewApplyDestroyTests : IAsyncLifetime
{
    private static readonly string[] StackIds =
    [
        "v1:Namespace:status-page",
        "v1:ConfigMap:status-page:status-page-checks",
        "apps/v1:Deployment:status-page:status-page",
        "batch/v1:CronJob:status-page:status-prober",
        "v1:Service:status-page:status-page",
    ];

    private EngineWorkspace _workspace = null!;

    public async Task InitializeAsync() => _workspace = await EngineWorkspace.StartAsync();

    public async Task DisposeAsync() => await _workspace.DisposeAsync();

    private JsonObject? Deployment() => _workspace.Server.Objects.Get("apps/v1", "Deployment", "status-page", "status-page");

    [Fact]
    public void A_bad_ignore_fields_path_is_a_command_line_error_before_anything_runs()
    {
        var requestsBefore = _workspace.Server.RequestCount;

        var (exitCode, _, error) = _workspace.Run("preview", EngineWorkspace.Stack, "--ignore-fields", "spec.");

        exitCode.Should().NotBe(0);
        error.Should().Contain("--ignore-fields: 'spec.' ends with a dot");
        _workspace.Server.RequestCount.Should().Be(requestsBefore, "nothing is previewed");
    }

    [Fact]
    public void Preview_of_an_empty_cluster_lists_a_create_per_resource_in_every_format_and_changes_nothing()
    {
        var objectsBefore = _workspace.Server.Objects.Count;

        var table = _workspace.Run("preview", EngineWorkspace.Stack);
        var markdown = _workspace.Run("preview", EngineWorkspace.Stack, "--format", "markdown");
        var json = _workspace.Run("preview", EngineWorkspace.Stack, "--format", "json");

        table.ExitCode.Should().Be(0, table.Error);
        table.Out.Should().Contain("Preview of apps/status-page/dev").And.Contain("Plan: 5 to create, 0 to update, 0 to delete, 0 unchanged");
        foreach (var id in StackIds)
        {
            table.Out.Should().MatchRegex($"(?m)^{System.Text.RegularExpressions.Regex.Escape(id)} +create ");
        }

        markdown.ExitCode.Should().Be(0, markdown.Error);
        markdown.Out.Should().Contain("**Plan:** 5 to create").And.Contain("| <code>apps/v1:Deployment:status-page:status-page</code> | create |");
        json.ExitCode.Should().Be(0, json.Error);
        var document = JsonNode.Parse(json.Out)!;
        document["stack"]!.GetValue<string>().Should().Be("apps/status-page/dev");
        document["stateKey"]!.GetValue<string>().Should().Be("apps/status-page/dev@fake");
        document["counts"]!["create"]!.GetValue<int>().Should().Be(5);
        document["changes"]!.AsArray().Select(c => c!["action"]!.GetValue<string>()).Should().AllBe("create");

        // The four resources in the new namespace are shown from the spec: said once for people, kept per resource in JSON.
        const string NamespaceNote = "namespace 'status-page' is created by this apply: the server cannot dry-run what depends on it yet, so 4 resources in it are shown as written in the spec";
        Occurrences(table.Out, "is created by this apply").Should().Be(1, table.Out);
        table.Out.Should().Contain($"\nNotes:\n  {NamespaceNote}\n");
        Occurrences(markdown.Out, "is created by this apply").Should().Be(1, markdown.Out);
        document["notes"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal(NamespaceNote);
        document["changes"]!.AsArray().Count(c => c!["notes"]!.AsArray().Count == 1).Should().Be(4);
        _workspace.Server.Objects.Count.Should().Be(objectsBefore);
        _workspace.StateFiles().Should().BeEmpty();
    }

    [Fact]
    public void Apply_creates_everything_then_preview_is_unchanged_then_a_changed_stack_is_an_update()
    {
        var apply = _workspace.Run("apply", EngineWorkspace.Stack, "--yes");

        apply.ExitCode.Should().Be(0, apply.Error);
        // A summary of what changes, not preview's field diff; no hint about preview, as nothing is asked.
        apply.Out.Should().StartWith("Plan for apps/status-page/dev:\n  + create  v1/Namespace status-page\n")
            .And.Contain("  + create  apps/v1/Deployment status-page/status-page\n")
            .And.Contain("\n  5 to create, 0 to update, 0 to delete, 0 unchanged\n")
            .And.Contain("apps/status-page/dev: Applied 5, deleted 0, failed 0, skipped 0, unchanged 0")
            .And.NotContain("metadata.name").And.NotContain("konfig preview");
        apply.Out.Split('\n').Length.Should().BeLessThan(12, apply.Out);
        apply.Error.Should().Contain("  created v1/Namespace status-page\n").And.Contain("  created apps/v1/Deployment status-page/status-page\n");
        Deployment().Should().NotBeNull();
        _workspace.Server.Objects.Get("v1", "Service", "status-page", "status-page").Should().NotBeNull();
        _workspace.Server.Objects.Get("batch/v1", "CronJob", "status-page", "status-prober").Should().NotBeNull();
        _workspace.StateFiles().Should().ContainSingle();
        _workspace.LockFiles().Should().BeEmpty("the lock is released after the run");

        var again = _workspace.Run("preview", EngineWorkspace.Stack);
        again.ExitCode.Should().Be(0, again.Error);
        again.Out.Should().Contain("Plan: 0 to create, 0 to update, 0 to delete, 5 unchanged");
        var nothing = _workspace.Run("apply", EngineWorkspace.Stack);
        nothing.ExitCode.Should().Be(0, "nothing to change needs no confirmation, even without a terminal");
        nothing.Out.Should().Contain("No changes");

        _workspace.EditStack("page: frontend.Application {\n", "page: frontend.Application {\n    replicas = 3\n");
        var changed = _workspace.Run("preview", EngineWorkspace.Stack);
        changed.ExitCode.Should().Be(0, changed.Error);
        changed.Out.Should().Contain("Plan: 0 to create, 1 to update, 0 to delete, 4 unchanged")
            .And.MatchRegex(@"(?m)^apps/v1:Deployment:status-page:status-page +update ")
            .And.Contain("~ spec.replicas: 1 → 3");

        var update = _workspace.Run("apply", EngineWorkspace.Stack, "--yes");
        update.ExitCode.Should().Be(0, update.Error);
        update.Out.Should().StartWith("Plan for apps/status-page/dev:\n  ~ update  apps/v1/Deployment status-page/status-page (1 field)\n  0 to create, 1 to update, 0 to delete, 4 unchanged\n");
        update.Error.Should().Contain("  updated apps/v1/Deployment status-page/status-page\n");
        Deployment()!["spec"]!["replicas"]!.GetValue<int>().Should().Be(3);
    }

    [Fact]
    public void Apply_without_yes_and_without_a_terminal_refuses_and_applies_nothing()
    {
        var objectsBefore = _workspace.Server.Objects.Count;

        var (exitCode, stdout, stderr) = _workspace.Run("apply", EngineWorkspace.Stack);

        exitCode.Should().Be(2);
        stdout.Should().Contain("  + create  v1/Namespace status-page\n").And.Contain("5 to create").And.NotContain("metadata.name")
            .And.Contain("run konfig preview with the same arguments");
        stderr.Should().Contain("not a terminal").And.Contain("--yes").And.NotContain("[y/N]");
        _workspace.Server.Objects.Count.Should().Be(objectsBefore);
        Deployment().Should().BeNull();
        _workspace.StateFiles().Should().BeEmpty();
    }

    [Fact]
    public void On_a_terminal_apply_asks_and_does_only_what_the_answer_says()
    {
        var declined = _workspace.RunWith("n", default, "apply", EngineWorkspace.Stack);

        declined.ExitCode.Should().Be(1);
        declined.Out.Should().StartWith("Plan for apps/status-page/dev:\n  + create  v1/Namespace status-page\n").And.NotContain("metadata.name")
            .And.EndWith("5 to create, 0 to update, 0 to delete, 0 unchanged\nTo see these changes field by field, run konfig preview with the same arguments.\n");
        declined.Error.Should().Contain("Apply these changes to fake? [y/N]").And.Contain("nothing was changed");
        Deployment().Should().BeNull();

        var accepted = _workspace.RunWith("y", default, "apply", EngineWorkspace.Stack);

        accepted.ExitCode.Should().Be(0, accepted.Error);
        Deployment().Should().NotBeNull();
    }

    [Fact]
    public void Apply_with_watch_waits_until_the_workloads_are_ready()
    {
        var (exitCode, stdout, stderr) = _workspace.Run("apply", EngineWorkspace.Stack, "--yes", "--watch", "--timeout", "30s");

        exitCode.Should().Be(0, stderr);
        stderr.Should().Contain("  ready apps/v1/Deployment status-page/status-page\n");
        // Ready as soon as applied: said so, never "waiting" for them.
        stderr.Should().Contain("  ready v1/Namespace status-page\n").And.Contain("  ready v1/ConfigMap status-page/status-page-checks\n")
            .And.NotContain("waiting v1/Namespace").And.NotContain("waiting v1/ConfigMap").And.NotContain(": Active").And.NotContain(": applied");
        stdout.Should().Contain("Applied 5, deleted 0, failed 0");
        Deployment()!["status"]!["readyReplicas"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public void A_failing_workload_fails_the_apply_with_its_reason()
    {
        _workspace.EditStack("page: frontend.Application {\n", "page: frontend.Application {\n    annotations = {\"fake.konfig.io/fail\" = \"ImagePullBackOff\"}\n");

        var (exitCode, stdout, stderr) = _workspace.Run("apply", EngineWorkspace.Stack, "--yes", "--watch", "--timeout", "3s");

        exitCode.Should().Be(1, stderr);
        stderr.Should().MatchRegex(@"  FAILED apps/v1/Deployment status-page/status-page: .*ImagePullBackOff");
        stdout.Should().MatchRegex(@"  failed: apps/v1/Deployment status-page/status-page: .*ImagePullBackOff");
        _workspace.StateFiles().Should().ContainSingle("what was applied is recorded, failed readiness or not");
    }

    [Fact]
    public void Destroy_deletes_what_the_state_holds_and_removes_the_state()
    {
        _workspace.Run("apply", EngineWorkspace.Stack, "--yes").ExitCode.Should().Be(0);

        var refused = _workspace.Run("destroy", EngineWorkspace.Stack);
        refused.ExitCode.Should().Be(2);
        Deployment().Should().NotBeNull();

        // --watch: a Namespace is Terminating for a while; the run waits until everything is gone.
        var (exitCode, stdout, stderr) = _workspace.Run("destroy", EngineWorkspace.Stack, "--yes", "--watch", "--timeout", "30s");

        exitCode.Should().Be(0, stderr);
        stdout.Should().StartWith("Plan for apps/status-page/dev:\n  - delete  v1/Service status-page/status-page\n")
            .And.Contain("  0 to create, 0 to update, 5 to delete, 0 unchanged\n").And.Contain("deleted 5");
        stderr.Should().Contain("  deleted apps/v1/Deployment status-page/status-page\n");
        foreach (var (apiVersion, kind, ns, name) in new[]
        {
            ("v1", "Namespace", (string?)null, "status-page"), ("v1", "ConfigMap", "status-page", "status-page-checks"),
            ("apps/v1", "Deployment", "status-page", "status-page"), ("batch/v1", "CronJob", "status-page", "status-prober"),
            ("v1", "Service", "status-page", "status-page"),
        })
        {
            _workspace.Server.Objects.Get(apiVersion, kind, ns, name).Should().BeNull($"{kind} {name} was destroyed");
        }

        _workspace.StateFiles().Should().BeEmpty();
        var again = _workspace.Run("destroy", EngineWorkspace.Stack, "--yes");
        again.ExitCode.Should().Be(0);
        again.Out.Should().Contain("Nothing to destroy.");
    }

    private static int Occurrences(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    [Fact]
    public void A_cancelled_run_exits_130_and_applies_nothing()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var (exitCode, _, stderr) = _workspace.RunWith(null, cancelled.Token, "apply", EngineWorkspace.Stack, "--yes");

        exitCode.Should().Be(130, stderr);
        Deployment().Should().BeNull();
        _workspace.StateFiles().Should().BeEmpty();
    }

    [Fact]
    public void A_bad_kubeconfig_is_exit_2_naming_the_file_and_line()
    {
        File.WriteAllText(_workspace.Kubeconfig, "apiVersion: v1\nkind: Config\ncurrent-context: fake\ncontexts:\n- name: fake\n  context:\n    cluster: missing\nclusters: []\n");

        var (exitCode, stdout, stderr) = _workspace.Run("preview", EngineWorkspace.Stack);

        exitCode.Should().Be(2);
        stdout.Should().BeEmpty();
        stderr.Should().StartWith($"error: kubeconfig {_workspace.Kubeconfig}:7:").And.Contain("contexts[0].context.cluster").And.Contain("'missing'");
    }

    [Fact]
    public void Bad_flag_values_are_rejected_before_anything_runs()
    {
        _workspace.Run("apply", EngineWorkspace.Stack, "--yes", "--timeout", "soon").ExitCode.Should().NotBe(0);
        _workspace.Run("preview", EngineWorkspace.Stack, "--format", "yaml").ExitCode.Should().NotBe(0);
        _workspace.Run("preview", EngineWorkspace.Stack, "--state", "s3").ExitCode.Should().NotBe(0);
        Deployment().Should().BeNull();
    }
}
