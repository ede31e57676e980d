using System.Text.Json;
using FluentAssertions;
using Konfig.Kcl.Compilation;

namespace Konfig.Cli.Tests.Commands;

/// <summary><c>konfig deps</c> on a real git repository holding a copy of two projects of our monorepo.</summary>
public sealed class DepsCommandTests : IDisposable
{
    private static readonly string[] AllStacks =
        ["konfig/apps/orders-api/dev", "konfig/apps/orders-api/prod", "konfig/apps/status-page/dev", "konfig/apps/status-page/prod"];

    private readonly KonfigGitRepository _repository = new("status-page", "orders-api");

    public DepsCommandTests() => _repository.CommitAll("two projects");

    public void Dispose() => _repository.Dispose();

    [Fact]
    public void Down_from_a_shared_package_file_lists_every_stack_using_it()
    {
        var (exitCode, stdout, _) = Run("deps", "--focus", "konfig/base/pkg/platform/sizes/sizes.k", "--direct", "down", "--only", "stack");

        exitCode.Should().Be(0);
        Lines(stdout).Should().Equal(AllStacks);
    }

    [Fact]
    public void Down_only_project_lists_the_projects_of_those_stacks_from_a_subfolder()
    {
        var (exitCode, stdout, _) = Run("konfig/apps", "deps", "--focus", "status-page/base/base.k", "--direct", "down", "--only", "project");

        exitCode.Should().Be(0);
        Lines(stdout).Should().Equal("konfig/apps/status-page");
    }

    [Fact]
    public void Up_from_a_stack_lists_its_files_and_the_base_packages_it_needs()
    {
        var (exitCode, stdout, _) = Run("deps", "--focus", "konfig/apps/status-page/dev");

        exitCode.Should().Be(0);
        var lines = Lines(stdout);
        lines.Should().Contain([
            "konfig/apps/status-page/base/base.k",
            "konfig/apps/status-page/dev/main.k",
            "konfig/apps/status-page/dev/kcl.yaml",
            "konfig/base/pkg/platform/frontend",
            "konfig/base/pkg/platform/frontend/application.k",
            "konfig/base/pkg/platform/sizes/sizes.k",
            "konfig/base/pkg/platform/render/render.k",
        ]);
        lines.Should().BeInAscendingOrder(StringComparer.Ordinal);
        lines.Should().NotContain(line => line.Contains("orders-api") || line.Contains("/prod"));
    }

    [Fact]
    public void A_deleted_package_file_still_lists_the_stacks_that_used_it()
    {
        File.Delete(_repository.PathOf("konfig/base/pkg/platform/sizes/sizes.k"));

        var (exitCode, stdout, _) = Run("deps", "--direct", "down", "--only", "stack", "--focus", "konfig/base/pkg/platform/sizes/sizes.k");

        exitCode.Should().Be(0);
        Lines(stdout).Should().Equal(AllStacks);
    }

    [Fact]
    public void A_file_deleted_in_a_commit_is_followed_by_path()
    {
        _repository.Git("rm", "-q", "konfig/base/pkg/platform/frontend/batch.k");
        _repository.CommitAll("drop batch.k");

        var (exitCode, stdout, _) = Run("deps", "--direct", "down", "--focus", "konfig/base/pkg/platform/frontend/batch.k", "--format", "json");

        exitCode.Should().Be(0);
        using var document = JsonDocument.Parse(stdout);
        document.RootElement.GetProperty("stacks").EnumerateArray().Select(s => s.GetString()).Should().Equal(AllStacks);
        document.RootElement.GetProperty("packages").EnumerateArray().Select(s => s.GetString()).Should().Contain("konfig/base/pkg/platform/frontend");
    }

    [Fact]
    public void A_focus_matches_whole_path_segments_only()
    {
        _repository.CopyWithin("konfig/apps/status-page/dev", "konfig/apps/status-page/devA");
        _repository.Write("konfig/apps/status-page/devA/stack.yaml", "name: devA\n");
        _repository.CommitAll("a stack whose name starts like another");

        var down = Run("deps", "--direct", "down", "--only", "stack", "--focus", "konfig/apps/status-page/dev");
        var downA = Run("deps", "--direct", "down", "--only", "stack", "--focus", "konfig/apps/status-page/devA/main.k");
        var up = Run("deps", "--focus", "konfig/apps/status-page/dev");

        Lines(down.Out).Should().Equal("konfig/apps/status-page/dev");
        Lines(downA.Out).Should().Equal("konfig/apps/status-page/devA");
        Lines(up.Out).Should().NotContain(line => line.Contains("devA"));
    }

    [Fact]
    public void Outside_git_the_current_folder_is_read()
    {
        Directory.Delete(_repository.PathOf(".git"), recursive: true);

        var (exitCode, stdout, _) = Run("konfig", "deps", "--direct", "down", "--only", "stack", "--focus", "apps/orders-api/base");

        exitCode.Should().Be(0);
        Lines(stdout).Should().Equal("apps/orders-api/dev", "apps/orders-api/prod");
    }

    [Theory]
    [InlineData("deps", "--focus", "../outside")]
    [InlineData("deps", "--focus", "konfig/apps", "--only", "stack")]
    [InlineData("deps", "--focus", "konfig/no/such/file.k")]
    public void Bad_input_exits_2_naming_the_problem(params string[] args)
    {
        var (exitCode, stdout, stderr) = Run(args);

        exitCode.Should().Be(ExitCodes.WorkspaceError);
        stdout.Should().BeEmpty();
        stderr.Should().StartWith("error: ");
    }

    private (int ExitCode, string Out, string Error) Run(params string[] args) =>
        args[0] == "deps"
            ? CliHarness.Run(_repository.Root, KclRunner.Run, args)
            : CliHarness.Run(_repository.PathOf(args[0]), KclRunner.Run, args[1..]);

    private static List<string> Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
}
