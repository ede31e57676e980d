using FluentAssertions;
using Konfig.Affected.DotNet;

namespace Konfig.Affected.Tests.DotNet;

public sealed class MsBuildProjectGraphLoaderTests
{
    [Fact]
    public void Loads_projects_references_test_flags_and_repository_imports()
    {
        using var repository = SmallRepository();
        repository.WriteSolution("Small.sln", "src/Core/Core.csproj", "src/Api/Api.csproj", "src/Cli/Cli.csproj", "tests/Api.Tests/Api.Tests.csproj");

        var result = MsBuildProjectGraphLoader.Load(repository.Root);

        result.Error.Should().BeNull();
        var graph = result.Graph!;
        graph.Projects.Select(p => p.Path).Should().Equal(
            "src/Api/Api.csproj", "src/Cli/Cli.csproj", "src/Core/Core.csproj", "tests/Api.Tests/Api.Tests.csproj");
        var cli = graph.Find("src/Cli/Cli.csproj")!;
        cli.AssemblyName.Should().Be("small");
        cli.ProjectReferences.Should().Equal("src/Api/Api.csproj");
        cli.IsTestProject.Should().BeFalse();
        graph.Find("tests/Api.Tests/Api.Tests.csproj")!.IsTestProject.Should().BeTrue();
        graph.Find("src/Core/Core.csproj")!.ImportedFiles.Should().Equal("Directory.Build.props", "src/Core/Core.targets");
        graph.Find("src/Api/Api.csproj")!.ImportedFiles.Should().Equal("Directory.Build.props");
    }

    [Fact]
    public void The_loaded_graph_answers_affected_and_tool_questions()
    {
        using var repository = SmallRepository();
        repository.WriteSolution("Small.sln", "src/Core/Core.csproj", "src/Api/Api.csproj", "src/Cli/Cli.csproj", "tests/Api.Tests/Api.Tests.csproj");

        var graph = MsBuildProjectGraphLoader.Load(repository.Root).Graph!;

        graph.Affected(["src/Core/Model.cs"]).Select(a => a.Describe()).Should().Equal(
            "src/Core/Model.cs → src/Core/Core.csproj → src/Api/Api.csproj",
            "src/Core/Model.cs → src/Core/Core.csproj → src/Api/Api.csproj → src/Cli/Cli.csproj",
            "src/Core/Model.cs → src/Core/Core.csproj",
            "src/Core/Model.cs → src/Core/Core.csproj → src/Api/Api.csproj → tests/Api.Tests/Api.Tests.csproj");
        graph.Affected(["src/Core/Core.targets"]).Select(a => a.Project.Path).Should().HaveCount(4);
        graph.Affected(["Small.sln"]).Should().BeEmpty();
        graph.ToolProjects("small").Select(p => p.Path).Should().Equal(
            "src/Api/Api.csproj", "src/Cli/Cli.csproj", "src/Core/Core.csproj");
    }

    [Fact]
    public void Reads_an_slnx_solution()
    {
        using var repository = SmallRepository();
        repository.Write("Small.slnx", """
            <Solution>
              <Project Path="src/Api/Api.csproj" />
              <Project Path="src/Core/Core.csproj" />
            </Solution>
            """);

        var result = MsBuildProjectGraphLoader.Load(repository.Root);

        result.Error.Should().BeNull();
        result.Graph!.Projects.Select(p => p.Path).Should().Equal("src/Api/Api.csproj", "src/Core/Core.csproj");
    }

    [Fact]
    public void A_repository_without_a_solution_has_no_dotnet_projects()
    {
        using var repository = new TemporarySolution();
        repository.WriteProject("src/Loose/Loose.csproj");

        var result = MsBuildProjectGraphLoader.Load(repository.Root);

        result.Error.Should().BeNull();
        result.Graph!.Projects.Should().BeEmpty();
    }

    [Fact]
    public void Several_solutions_are_an_error_naming_them_unless_one_is_chosen()
    {
        using var repository = SmallRepository();
        repository.WriteSolution("One.sln", "src/Core/Core.csproj");
        repository.WriteSolution("Two.sln", "src/Core/Core.csproj", "src/Api/Api.csproj");

        var ambiguous = MsBuildProjectGraphLoader.Load(repository.Root);
        var chosen = MsBuildProjectGraphLoader.Load(repository.Root, "Two.sln");

        ambiguous.Graph.Should().BeNull();
        ambiguous.Error!.Message.Should().Contain("One.sln").And.Contain("Two.sln");
        chosen.Error.Should().BeNull();
        chosen.Graph!.Projects.Select(p => p.Path).Should().Equal("src/Api/Api.csproj", "src/Core/Core.csproj");
    }

    [Fact]
    public void A_missing_chosen_solution_is_an_error_naming_it()
    {
        using var repository = new TemporarySolution();

        var result = MsBuildProjectGraphLoader.Load(repository.Root, "Nope.sln");

        result.Graph.Should().BeNull();
        result.Error!.File.Should().Be("Nope.sln");
    }

    [Fact]
    public void A_broken_project_file_is_an_error_naming_the_file_and_line()
    {
        using var repository = SmallRepository();
        repository.Write("src/Broken/Broken.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0
              </PropertyGroup>
            </Project>
            """);
        repository.WriteSolution("Small.sln", "src/Core/Core.csproj", "src/Broken/Broken.csproj");

        var result = MsBuildProjectGraphLoader.Load(repository.Root);

        result.Graph.Should().BeNull();
        result.Error!.File.Should().Be("src/Broken/Broken.csproj");
        result.Error.Line.Should().BeGreaterThan(1);
        result.Error.ToString().Should().StartWith("src/Broken/Broken.csproj(");
    }

    [Fact]
    public void A_reference_to_a_missing_project_is_an_error_naming_it()
    {
        using var repository = new TemporarySolution();
        repository.WriteProject("src/A/A.csproj", references: ["src/Gone/Gone.csproj"]);
        repository.WriteSolution("Small.sln", "src/A/A.csproj");

        var result = MsBuildProjectGraphLoader.Load(repository.Root);

        result.Graph.Should().BeNull();
        result.Error!.ToString().Should().Contain("Gone.csproj");
    }

    // Core ← Api ← Cli (AssemblyName "small"), Api ← Api.Tests; a root Directory.Build.props and a
    // .targets file inside Core's folder that Core imports.
    private static TemporarySolution SmallRepository()
    {
        var repository = new TemporarySolution();
        repository.Write("Directory.Build.props", """
            <Project>
              <PropertyGroup><Deterministic>true</Deterministic></PropertyGroup>
            </Project>
            """);
        repository.Write("src/Core/Core.targets", "<Project />");
        repository.WriteProject("src/Core/Core.csproj", extra: """<Import Project="Core.targets" />""");
        repository.WriteProject("src/Api/Api.csproj", references: ["src/Core/Core.csproj"]);
        repository.WriteProject("src/Cli/Cli.csproj", references: ["src/Api/Api.csproj"], assemblyName: "small");
        repository.WriteProject("tests/Api.Tests/Api.Tests.csproj", references: ["src/Api/Api.csproj"], test: true);
        return repository;
    }
}
