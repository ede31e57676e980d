using System.Text.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using Konfig.Kcl.Compilation;

namespace Konfig.Cli.Tests.Commands;

/// <summary>
/// <c>konfig affected</c> and <c>compile</c>/<c>test --affected</c> on a real git repository holding a copy
/// of two projects of our monorepo, where the second commit changes one project's shared base file.
/// </summary>
public sealed class AffectedWorkflowTests : IDisposable
{
    private static readonly string[] StatusPageStacks = ["konfig/apps/status-page/dev", "konfig/apps/status-page/prod"];

    private readonly KonfigGitRepository _repository = new("status-page", "orders-api");

    public AffectedWorkflowTests()
    {
        _repository.CommitAll("two projects");
        _repository.Append("konfig/apps/status-page/base/base.k", "\n# A comment is still a change.\n");
        _repository.CommitAll("touch status-page");
    }

    public void Dispose() => _repository.Dispose();

    [Fact]
    public void Affected_lists_exactly_the_changed_projects_stacks_in_text_json_and_matrix()
    {
        var text = Run("affected", "--base", "HEAD~1");
        var json = Run("affected", "--base", "HEAD~1", "--format", "json");
        var matrix = Run("affected", "--base", "HEAD~1", "--format", "github-matrix");

        text.ExitCode.Should().Be(0);
        text.Out.Should().Contain("2 of 4 stacks affected\n  konfig/apps/status-page/dev\n");
        Regex.Matches(text.Out, @"^  (konfig/\S+)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value)
            .Should().Equal(StatusPageStacks);

        json.ExitCode.Should().Be(0);
        using var document = JsonDocument.Parse(json.Out);
        document.RootElement.GetProperty("stacks").EnumerateArray().Select(s => s.GetProperty("path").GetString())
            .Should().Equal(StatusPageStacks);

        matrix.ExitCode.Should().Be(0);
        using var matrixDocument = JsonDocument.Parse(matrix.Out);
        matrixDocument.RootElement.GetProperty("include").EnumerateArray().SelectMany(job => job.GetProperty("stacks").GetString()!.Split(' '))
            .Order(StringComparer.Ordinal).Should().Equal(StatusPageStacks);
    }

    [Fact]
    public void Compile_affected_compiles_exactly_the_affected_stacks()
    {
        var (exitCode, stdout, stderr) = Run("compile", "--affected", "--base", "HEAD~1");

        exitCode.Should().Be(0, stderr);
        Regex.Matches(stdout, @"^--- # (\S+)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value)
            .Should().Equal("apps/status-page/dev", "apps/status-page/prod");
        stderr.Should().Contain("compiled 2 stacks");
    }

    [Fact]
    public void Test_affected_tests_exactly_the_affected_stacks()
    {
        var (exitCode, stdout, stderr) = Run("test", "--affected", "--base", "HEAD~1");

        exitCode.Should().Be(0, stderr);
        stdout.Should().Be("STACK                  RESULT  DETAIL\napps/status-page/dev   pass\napps/status-page/prod  pass\n2 stacks: all match their goldens\n");
    }

    [Fact]
    public void A_change_that_affects_nothing_compiles_and_tests_nothing()
    {
        _repository.Write("docs/notes.md", "Nothing compiles this.\n");
        _repository.CommitAll("docs only");

        var affected = Run("affected", "--base", "HEAD~1");
        var compile = Run("compile", "--affected", "--base", "HEAD~1");
        var test = Run("test", "--affected", "--base", "HEAD~1");

        affected.Out.Should().Contain("0 of 4 stacks affected");
        compile.ExitCode.Should().Be(0);
        compile.Out.Should().BeEmpty();
        compile.Error.Should().Contain("no stack is affected by the change");
        test.ExitCode.Should().Be(0);
        test.Out.Should().BeEmpty();
        test.Error.Should().Contain("no stack is affected by the change");
    }

    [Fact]
    public void Uncommitted_changes_count_with_working_tree()
    {
        _repository.Append("konfig/apps/orders-api/prod/main.k", "\n# uncommitted\n");

        var (exitCode, stdout, stderr) = Run("test", "--affected", "--base", "HEAD", "--working-tree");

        exitCode.Should().Be(0, stderr);
        stdout.Should().Be("STACK                 RESULT  DETAIL\napps/orders-api/prod  pass\n1 stacks: all match their goldens\n");
    }

    [Fact]
    public void A_deleted_affected_stack_is_skipped_and_said_so()
    {
        _repository.Git("rm", "-q", "-r", "konfig/apps/orders-api/dev");
        _repository.CommitAll("drop orders-api dev");

        var (exitCode, stdout, stderr) = Run("compile", "--affected", "--base", "HEAD~1");

        exitCode.Should().Be(0, stderr);
        stdout.Should().BeEmpty();
        stderr.Should().Contain("skipping affected stack konfig/apps/orders-api/dev: it was deleted").And.Contain("no stack is affected by the change");
    }

    [Fact]
    public void Affected_outside_a_git_repository_is_an_error()
    {
        using var folder = new TemporaryFolder();

        var (exitCode, _, stderr) = CliHarness.Run(folder.Path, KclRunner.Run, "affected");

        exitCode.Should().Be(ExitCodes.WorkspaceError);
        stderr.Should().Contain("is not inside a git repository");
    }

    [Fact]
    public void An_unknown_head_is_an_error()
    {
        var affected = Run("affected", "--base", "HEAD~1", "--head", "nosuchref");
        var compile = Run("compile", "--affected", "--base", "HEAD~1", "--head", "nosuchref");

        affected.ExitCode.Should().Be(ExitCodes.WorkspaceError);
        affected.Error.Should().Contain("'nosuchref' was not found");
        compile.ExitCode.Should().Be(ExitCodes.WorkspaceError);
        compile.Out.Should().BeEmpty();
    }

    [Fact]
    public void Change_detection_errors_are_worded_with_the_options_that_chose_the_change()
    {
        var unknownHead = Run("affected", "--base", "HEAD~1", "--head", "nosuchref");
        var workingTree = Run("compile", "--affected", "--base", "HEAD~1", "--head", "HEAD~1", "--working-tree");

        unknownHead.Error.Should().StartWith("error: --head: revision 'nosuchref' was not found in ");
        workingTree.ExitCode.Should().Be(ExitCodes.WorkspaceError);
        workingTree.Error.Should().Be("error: --working-tree compares uncommitted changes with HEAD, but --head is 'HEAD~1'\n");
    }

    [Theory]
    [InlineData("compile", "--affected", "--all")]
    [InlineData("test", "--affected", "--all")]
    [InlineData("compile", "--affected", "konfig/apps/status-page/dev")]
    [InlineData("test", "--base", "HEAD~1")]
    public void Affected_does_not_combine_with_other_stack_choices(params string[] args)
    {
        var (exitCode, stdout, stderr) = Run(args);

        exitCode.Should().Be(ExitCodes.WorkspaceError);
        stdout.Should().BeEmpty();
        stderr.Should().StartWith("error: ");
    }

    private (int ExitCode, string Out, string Error) Run(params string[] args) => CliHarness.Run(_repository.Root, KclRunner.Run, args);
}
