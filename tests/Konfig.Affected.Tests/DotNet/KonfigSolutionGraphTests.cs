using FluentAssertions;
using Konfig.Affected.DotNet;

namespace Konfig.Affected.Tests.DotNet;

/// <summary>The loader over this repository's own Konfig.sln (found by walking up from the test assembly).</summary>
public sealed class KonfigSolutionGraphTests
{
    private static readonly Lazy<DotNetProjectGraph> Graph = new(() =>
    {
        var result = MsBuildProjectGraphLoader.Load(FindRepositoryRoot());
        result.Error.Should().BeNull();
        return result.Graph!;
    });

    [Fact]
    public void A_change_in_the_kcl_compiler_affects_everything_built_on_it()
    {
        var affected = Graph.Value.Affected(["src/Konfig.Kcl/X.cs"]).Select(a => a.Project.Path).ToList();

        affected.Should().Contain(
        [
            "src/Konfig.Kcl/Konfig.Kcl.csproj",
            "src/Konfig.Workspace/Konfig.Workspace.csproj",
            "src/Konfig.Affected/Konfig.Affected.csproj",
            "src/Konfig.Cli/Konfig.Cli.csproj",
            "tests/Konfig.Kcl.Tests/Konfig.Kcl.Tests.csproj",
            "tests/Konfig.Workspace.Tests/Konfig.Workspace.Tests.csproj",
            "tests/Konfig.Cli.Tests/Konfig.Cli.Tests.csproj",
            "tests/Konfig.Affected.Tests/Konfig.Affected.Tests.csproj",
        ]);
        Graph.Value.Affected(["src/Konfig.Kcl/X.cs"])
            .Single(a => a.Project.Path == "tests/Konfig.Affected.Tests/Konfig.Affected.Tests.csproj")
            .Chain[0].Should().Be("src/Konfig.Kcl/Konfig.Kcl.csproj");
    }

    [Fact]
    public void A_change_in_the_cli_does_not_affect_the_libraries_below_it()
    {
        var affected = Graph.Value.Affected(["src/Konfig.Cli/Program.cs"]).Select(a => a.Project.Path).ToList();

        affected.Should().Contain(["src/Konfig.Cli/Konfig.Cli.csproj", "tests/Konfig.Cli.Tests/Konfig.Cli.Tests.csproj"]);
        affected.Should().NotContain(
            ["src/Konfig.Kcl/Konfig.Kcl.csproj", "src/Konfig.Workspace/Konfig.Workspace.csproj", "tests/Konfig.Kcl.Tests/Konfig.Kcl.Tests.csproj"]);
    }

    [Fact]
    public void The_konfig_toolchain_is_the_cli_and_what_it_references_and_no_tests()
    {
        var tool = Graph.Value.ToolProjects("konfig").Select(p => p.Path).ToList();

        tool.Should().Contain(
            ["src/Konfig.Cli/Konfig.Cli.csproj", "src/Konfig.Kcl/Konfig.Kcl.csproj", "src/Konfig.Workspace/Konfig.Workspace.csproj"]);
        tool.Should().NotContain(path => path.StartsWith("tests/", StringComparison.Ordinal));
    }

    [Fact]
    public void Projects_know_their_test_flag_and_shared_build_files()
    {
        var kcl = Graph.Value.Find("src/Konfig.Kcl/Konfig.Kcl.csproj")!;
        kcl.IsTestProject.Should().BeFalse();
        kcl.ImportedFiles.Should().Contain(["Directory.Build.props", "Directory.Packages.props"]);
        kcl.ImportedFiles.Should().NotContain(path => path.Contains("/obj/", StringComparison.Ordinal));
        Graph.Value.Find("tests/Konfig.Kcl.Tests/Konfig.Kcl.Tests.csproj")!.IsTestProject.Should().BeTrue();
        Graph.Value.Affected(["Directory.Packages.props"]).Should().HaveCount(Graph.Value.Projects.Count);
    }

    private static string FindRepositoryRoot() => SourceCheckout.Root;
}
