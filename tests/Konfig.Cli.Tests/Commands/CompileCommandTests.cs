using FluentAssertions;
using Konfig.Kcl.Compilation;

namespace Konfig.Cli.Tests.Commands;

/// <summary><c>konfig compile</c> on a small workspace, with the real compiler.</summary>
public sealed class CompileCommandTests : IDisposable
{
    private readonly SampleWorkspace _workspace = new();

    public CompileCommandTests()
    {
        _workspace.Project("apps/web", "web", tenant: "team");
        _workspace.Stack("apps/web/dev", "dev", namespaces: "[web-dev]");
        _workspace.Stack("apps/web/prod", "prod", namespaces: "[web-prod]", body: "assert False, \"prod is not ready\"\n");
    }

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void One_stack_prints_a_bare_spec()
    {
        var (exitCode, stdout, stderr) = CliHarness.Run(_workspace.Path("apps/web/dev"), KclRunner.Run, "compile");

        stderr.Should().BeEmpty();
        exitCode.Should().Be(0);
        stdout.Should().Be("""
            - id: v1:Namespace:web-dev
              type: Kubernetes
              attributes:
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: web-dev

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_failing_stack_fails_alone_with_its_diagnostics_and_the_exit_code_says_so()
    {
        var (exitCode, stdout, stderr) = CliHarness.Run(_workspace.Root, KclRunner.Run, "compile", "--all");

        exitCode.Should().Be(ExitCodes.Failure);
        stdout.Should().Be("--- # apps/web/dev\n- id: v1:Namespace:web-dev\n  type: Kubernetes\n  attributes:\n    apiVersion: v1\n    kind: Namespace\n    metadata:\n      name: web-dev\n");
        stderr.Should().Contain("error: stack apps/web/prod failed to compile:\n")
            .And.Contain("prod is not ready")
            .And.EndWith("compiled 1 of 2 stacks; failed: apps/web/prod\n");
    }

    [Fact]
    public void Output_goes_to_a_file_for_one_stack_and_to_a_folder_for_several()
    {
        _workspace.Stack("apps/web/prod", "prod", namespaces: "[web-prod]");

        CliHarness.Run(_workspace.Path("apps/web/dev"), KclRunner.Run, "compile", "-o", "spec.yaml").ExitCode.Should().Be(0);
        CliHarness.Run(_workspace.Parent, KclRunner.Run, "compile", "mono/apps", "-o", "out").ExitCode.Should().Be(0);

        _workspace.Read("apps/web/dev/spec.yaml").Should().StartWith("- id: v1:Namespace:web-dev\n");
        File.ReadAllText(Path.Combine(_workspace.Parent, "out/apps/web/dev.yaml")).Should().StartWith("- id: v1:Namespace:web-dev\n");
        File.ReadAllText(Path.Combine(_workspace.Parent, "out/apps/web/prod.yaml")).Should().StartWith("- id: v1:Namespace:web-prod\n");
    }

    [Fact]
    public void User_settings_and_arguments_apply_to_every_stack()
    {
        var (exitCode, stdout, _) = CliHarness.Run(_workspace.Root, KclRunner.Run, "compile", "apps/web/dev", "-D", "namespaces=[\"x\", \"y\"]");

        exitCode.Should().Be(0);
        stdout.Should().Contain("id: v1:Namespace:x").And.Contain("id: v1:Namespace:y");
    }

    [Fact]
    public void The_workspace_is_found_in_the_konfig_folder_of_a_repository_root()
    {
        Directory.Move(_workspace.Root, Path.Combine(_workspace.Parent, "konfig"));

        var (exitCode, stdout, _) = CliHarness.Run(_workspace.Parent, KclRunner.Run, "compile", "--all");

        exitCode.Should().Be(ExitCodes.Failure, "apps/web/prod fails its assert");
        stdout.Should().StartWith("--- # apps/web/dev\n");
    }

    [Fact]
    public void A_missing_settings_file_is_reported_once()
    {
        var (exitCode, stdout, stderr) = CliHarness.Run(_workspace.Root, KclRunner.Run, "compile", "--all", "-Y", "nowhere.yaml");

        exitCode.Should().Be(ExitCodes.WorkspaceError);
        stdout.Should().BeEmpty();
        stderr.Should().Be("error: settings file 'nowhere.yaml' does not exist\n");
    }

    [Fact]
    public void A_folder_without_stacks_is_a_workspace_error()
    {
        Directory.CreateDirectory(_workspace.Path("docs"));

        var (exitCode, _, stderr) = CliHarness.Run(_workspace.Root, KclRunner.Run, "compile", "docs");

        exitCode.Should().Be(ExitCodes.WorkspaceError);
        stderr.Should().Be("error: 'docs' holds no stack (no stack.yaml in it, below it or above it within a project)\n");
    }

    [Fact]
    public void Broken_metadata_is_reported_with_file_line_and_field()
    {
        _workspace.Write("apps/web/dev/stack.yaml", "# dev\nname:\n  - dev\n");

        var (exitCode, _, stderr) = CliHarness.Run(_workspace.Parent, KclRunner.Run, "compile", "mono/apps/web/dev");

        exitCode.Should().Be(ExitCodes.Failure);
        stderr.Should().Contain("error: mono/apps/web/dev/stack.yaml:3:3: field 'name' must be a string, not a list\n");
    }
}
