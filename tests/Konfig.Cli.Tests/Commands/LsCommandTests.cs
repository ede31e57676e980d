using FluentAssertions;
using Konfig.Kcl.Compilation;

namespace Konfig.Cli.Tests.Commands;

public sealed class LsCommandTests : IDisposable
{
    private readonly SampleWorkspace _workspace = new();

    public LsCommandTests()
    {
        _workspace.Project("apps/web", "web", tenant: "team");
        _workspace.Stack("apps/web/prod", "prod", namespaces: "[a]");
        _workspace.Stack("apps/web/dev", "dev", namespaces: "[a]");
        _workspace.Project("base/shared", "shared");
    }

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void Lists_projects_and_stacks_as_json_with_paths_relative_to_the_root()
    {
        var (exitCode, stdout, stderr) = CliHarness.Run(_workspace.Root, KclRunner.Run, "ls", "--format", "json");

        exitCode.Should().Be(0);
        stderr.Should().BeEmpty();
        stdout.Should().Be("""
            {
              "root": ".",
              "projects": [
                {
                  "name": "web",
                  "tenant": "team",
                  "path": "apps/web",
                  "stacks": [
                    {
                      "name": "dev",
                      "path": "apps/web/dev"
                    },
                    {
                      "name": "prod",
                      "path": "apps/web/prod"
                    }
                  ]
                },
                {
                  "name": "shared",
                  "tenant": null,
                  "path": "base/shared",
                  "stacks": []
                }
              ],
              "errors": []
            }

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Lists_as_a_text_table_and_reports_metadata_errors()
    {
        _workspace.Write("base/shared/project.yaml", "tenant: x\n");

        var (exitCode, stdout, stderr) = CliHarness.Run(_workspace.Parent, KclRunner.Run, "ls", "--workspace", "mono");

        exitCode.Should().Be(ExitCodes.Failure);
        stdout.Should().Be("""
            PROJECT  TENANT  STACK  PATH
            web      team    dev    apps/web/dev
            web      team    prod   apps/web/prod
            shared   x       -      base/shared
            2 projects, 2 stacks

            """.ReplaceLineEndings("\n"));
        stderr.Should().Be("error: mono/base/shared/project.yaml:1:1: field 'name' is missing\n");
    }
}
