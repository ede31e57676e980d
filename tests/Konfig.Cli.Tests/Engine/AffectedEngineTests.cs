using FluentAssertions;
using Konfig.FakeKube;
using Konfig.Kcl.Compilation;

namespace Konfig.Cli.Tests.Engine;

/// <summary><c>konfig preview|apply --affected</c>: only the stacks a git change affects, on a real repository and the fake API server.</summary>
public sealed class AffectedEngineTests : IAsyncLifetime
{
    private readonly KonfigGitRepository _repository = new("status-page", "orders-api");

    private FakeKubeServer _server = null!;

    private string Kubeconfig => _repository.PathOf("kubeconfig");

    public async Task InitializeAsync()
    {
        _server = await FakeKubeServer.StartAsync(new FakeKubeOptions { ReadyDelay = TimeSpan.FromMilliseconds(100) });
        _server.WriteKubeconfig(Kubeconfig);
        _repository.Write(".gitignore", "kubeconfig\nkonfig/.konfig/\n");
        _repository.CommitAll("two projects");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _repository.Dispose();
    }

    [Fact]
    public void Only_the_stack_changed_in_the_working_tree_is_previewed_and_applied()
    {
        _repository.Append("konfig/apps/status-page/dev/main.k", "\n# A comment is still a change.\n");

        var preview = Run("preview", "--affected", "--base", "HEAD", "--working-tree");
        var apply = Run("apply", "--affected", "--base", "HEAD", "--working-tree", "--yes");

        preview.ExitCode.Should().Be(0, preview.Error);
        preview.Out.Should().StartWith("Preview of apps/status-page/dev\n");
        System.Text.RegularExpressions.Regex.Matches(preview.Out, "^Preview of ", System.Text.RegularExpressions.RegexOptions.Multiline).Should().HaveCount(1);
        apply.ExitCode.Should().Be(0, apply.Error);
        _server.Objects.Get("apps/v1", "Deployment", "status-page", "status-page").Should().NotBeNull();
        _server.Objects.All().Should().NotContain(o => o["metadata"]!["namespace"] != null && o["metadata"]!["namespace"]!.GetValue<string>() == "orders-api");
    }

    [Fact]
    public void Nothing_affected_is_a_success_that_touches_nothing()
    {
        var objects = _server.Objects.Count;

        var (exitCode, stdout, stderr) = Run("apply", "--affected", "--base", "HEAD", "--working-tree", "--yes");

        exitCode.Should().Be(0, stderr);
        stdout.Should().BeEmpty();
        stderr.Should().Contain("no stack is affected");
        _server.Objects.Count.Should().Be(objects);
    }

    private (int ExitCode, string Out, string Error) Run(params string[] args) =>
        CliHarness.Run(_repository.Root, KclRunner.Run, [.. args, "--kubeconfig", Kubeconfig]);
}
