using System.Diagnostics;
using System.Text;
using FluentAssertions;
using Konfig.Engine.State;
using Konfig.FakeKube;

namespace Konfig.Cli.Tests.Engine;

/// <summary>
/// Ctrl-C on the real process: <c>konfig apply</c> runs as a child process (the built konfig.dll) against the fake
/// API server, slowed down so the apply lasts seconds; SIGINT arrives after a few resources were created. The run
/// must stop cleanly (exit 130, saying so) with a valid state that lists exactly what exists on the server, and a
/// second apply must converge.
/// </summary>
public sealed class InterruptedApplyTests : IAsyncLifetime
{
    private const int ConfigMaps = 30;
    private const string Namespace = "interrupted";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private readonly TemporaryFolder _directory = new();
    private FakeKubeServer _server = null!;

    private string Workspace => Path.Combine(_directory.Path, "ws");

    private string StackFolder => Path.Combine(Workspace, "bench", "dev");

    private string Kubeconfig => Path.Combine(_directory.Path, "kubeconfig");

    public async Task InitializeAsync()
    {
        _server = await FakeKubeServer.StartAsync(new FakeKubeOptions { Latency = TimeSpan.FromMilliseconds(300) });
        _server.WriteKubeconfig(Kubeconfig, context: "fake");
        WriteStack();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _directory.Dispose();
    }

    [RequiresKonfigProcessFact]
    public async Task Ctrl_C_stops_after_the_resources_in_flight_with_state_matching_the_cluster_and_a_rerun_converges()
    {
        var konfig = RequiresKonfigProcessFactAttribute.KonfigDll!;

        // Two in flight at a time: with 300 ms per request, 31 resources take several seconds.
        using var child = Start(konfig, "apply", StackFolder, "--yes", "--parallelism", "2", "--kubeconfig", Kubeconfig);
        var stderr = new StringBuilder();
        var stdout = new StringBuilder();
        var created = 0;
        var someCreated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        child.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
                if (e.Data?.StartsWith("  created ", StringComparison.Ordinal) == true && ++created >= 3)
                {
                    someCreated.TrySetResult();
                }
            }
        };
        child.OutputDataReceived += (_, e) =>
        {
            lock (stdout)
            {
                stdout.AppendLine(e.Data);
            }
        };
        child.BeginErrorReadLine();
        child.BeginOutputReadLine();

        var started = await Task.WhenAny(someCreated.Task, child.WaitForExitAsync(), Task.Delay(Patience));
        started.Should().Be(someCreated.Task, $"three resources should be created before the apply ends; stderr so far:\n{Snapshot(stderr)}");
        SendInterrupt(child.Id);
        using (var timeout = new CancellationTokenSource(Patience))
        {
            await child.WaitForExitAsync(timeout.Token);
        }

        child.ExitCode.Should().Be(130, $"stdout:\n{Snapshot(stdout)}\nstderr:\n{Snapshot(stderr)}");
        Snapshot(stderr).Should().Contain("stopping after the resources in flight");
        var onServer = ServerIds();
        onServer.Count.Should().BeLessThan(ConfigMaps + 1, "the run stopped before the end");
        StateIds().Should().BeEquivalentTo(onServer, "the state lists exactly what was applied");

        var rerun = await RunToEndAsync(konfig, "apply", StackFolder, "--yes", "--kubeconfig", Kubeconfig);
        rerun.ExitCode.Should().Be(0, rerun.Output);
        var expected = Enumerable.Range(0, ConfigMaps).Select(i => $"v1:ConfigMap:{Namespace}:config-{i}").Append($"v1:Namespace:{Namespace}").ToList();
        ServerIds().Should().BeEquivalentTo(expected);
        StateIds().Should().BeEquivalentTo(expected);
    }

    private HashSet<string> ServerIds() => _server.Objects.All()
        .Where(o => o["kind"]?.GetValue<string>() == "Namespace" ? o["metadata"]?["name"]?.GetValue<string>() == Namespace
            : o["kind"]?.GetValue<string>() == "ConfigMap" && o["metadata"]?["namespace"]?.GetValue<string>() == Namespace)
        .Select(o => o["kind"]!.GetValue<string>() == "Namespace"
            ? $"v1:Namespace:{Namespace}"
            : $"v1:ConfigMap:{Namespace}:{o["metadata"]!["name"]!.GetValue<string>()}")
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>The resources of the single state file; reading it checks that it is valid.</summary>
    private List<string> StateIds()
    {
        var files = Directory.GetFiles(Path.Combine(Workspace, ".konfig", "state"), "*.json", SearchOption.AllDirectories);
        files.Should().ContainSingle();
        var state = StateSerializer.Deserialize(File.ReadAllText(files[0]), files[0]);
        return [.. state.Resources.Select(r => r.Id)];
    }

    private void WriteStack()
    {
        Directory.CreateDirectory(StackFolder);
        File.WriteAllText(Path.Combine(Workspace, "kcl.mod"), "[package]\nname = \"bench\"\nedition = \"v0.9.0\"\nversion = \"0.0.1\"\n");
        File.WriteAllText(Path.Combine(Workspace, "bench", "project.yaml"), "name: bench\n");
        File.WriteAllText(Path.Combine(StackFolder, "stack.yaml"), "name: dev\n");
        File.WriteAllText(Path.Combine(StackFolder, "kcl.yaml"), "kcl_cli_configs:\n  file:\n    - main.k\n");
        File.WriteAllText(Path.Combine(StackFolder, "main.k"), $$"""
            import manifests

            _namespace = {
                id = "v1:Namespace:{{Namespace}}"
                type = "Kubernetes"
                attributes = {apiVersion = "v1", kind = "Namespace", metadata = {name = "{{Namespace}}"} }
            }
            _configs = [{
                id = "v1:ConfigMap:{{Namespace}}:config-${i}"
                type = "Kubernetes"
                attributes = {apiVersion = "v1", kind = "ConfigMap", metadata = {name = "config-${i}", namespace = "{{Namespace}}"}, data = {n = "${i}"} }
            } for i in range({{ConfigMaps}})]
            manifests.yaml_stream([_namespace] + _configs)

            """);
    }

    private Process Start(string konfig, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Workspace,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(konfig);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("dotnet could not be started");
    }

    private async Task<(int ExitCode, string Output)> RunToEndAsync(string konfig, params string[] args)
    {
        using var child = Start(konfig, args);
        var output = child.StandardOutput.ReadToEndAsync();
        var error = child.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Patience);
        await child.WaitForExitAsync(timeout.Token);
        return (child.ExitCode, await output + await error);
    }

    /// <summary>SIGINT, as Ctrl-C sends it: .NET has no API for it on a Process, so the system's kill command.</summary>
    private static void SendInterrupt(int processId)
    {
        using var kill = Process.Start(new ProcessStartInfo(RequiresKonfigProcessFactAttribute.KillCommand!, ["-INT", processId.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("kill could not be started");
        kill.WaitForExit();
        kill.ExitCode.Should().Be(0, "the child was still running");
    }

    private static string Snapshot(StringBuilder builder)
    {
        lock (builder)
        {
            return builder.ToString();
        }
    }
}
