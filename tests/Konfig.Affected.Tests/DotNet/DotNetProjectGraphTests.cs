using System.Text.Json;
using FluentAssertions;
using Konfig.Affected.DotNet;

namespace Konfig.Affected.Tests.DotNet;

public sealed class DotNetProjectGraphTests
{
    // lib ← app ← app.tests, lib ← lib.tests; tool is AssemblyName "tool" and references app.
    private static readonly DotNetProjectGraph Sample = new(
    [
        Project("src/Lib/Lib.csproj", imports: ["Directory.Build.props", "src/Lib/Lib.props"]),
        Project("src/App/App.csproj", references: ["src/Lib/Lib.csproj"], imports: ["Directory.Build.props"]),
        Project("src/Tool/Tool.csproj", assemblyName: "tool", references: ["src/App/App.csproj"]),
        Project("src/Other/Other.csproj", imports: ["src/Lib/Lib.props"]),
        Project("tests/Lib.Tests/Lib.Tests.csproj", test: true, references: ["src/Lib/Lib.csproj"]),
        Project("tests/App.Tests/App.Tests.csproj", test: true, references: ["src/App/App.csproj"]),
    ]);

    [Fact]
    public void OwningProject_is_the_project_whose_folder_holds_the_file()
    {
        Sample.OwningProject("src/Lib/Parsing/Parser.cs")!.Path.Should().Be("src/Lib/Lib.csproj");
        Sample.OwningProject("src/Lib/Lib.csproj")!.Path.Should().Be("src/Lib/Lib.csproj");
        Sample.OwningProject(@"src\App\Program.cs")!.Path.Should().Be("src/App/App.csproj");
        Sample.OwningProject("README.md").Should().BeNull();
        Sample.OwningProject("src/Unowned.cs").Should().BeNull();
    }

    [Fact]
    public void OwningProject_matches_whole_folder_names_only()
    {
        var graph = new DotNetProjectGraph([Project("src/A/A.csproj"), Project("src/AB/AB.csproj")]);

        graph.OwningProject("src/AB/x.cs")!.Path.Should().Be("src/AB/AB.csproj");
        graph.OwningProject("src/A/x.cs")!.Path.Should().Be("src/A/A.csproj");
        graph.OwningProject("src/ABC/x.cs").Should().BeNull();
        graph.OwningProject("src/Ax.cs").Should().BeNull();
    }

    [Fact]
    public void OwningProject_prefers_the_deepest_folder()
    {
        var graph = new DotNetProjectGraph(
            [Project("Root.csproj"), Project("src/A/A.csproj"), Project("src/A/Nested/Nested.csproj")]);

        graph.OwningProject("src/A/Nested/y.cs")!.Path.Should().Be("src/A/Nested/Nested.csproj");
        graph.OwningProject("src/A/y.cs")!.Path.Should().Be("src/A/A.csproj");
        graph.OwningProject("docs/readme.md")!.Path.Should().Be("Root.csproj");
    }

    [Fact]
    public void Affected_walks_reverse_references_transitively_with_a_reason_chain()
    {
        var affected = Sample.Affected(["src/Lib/Parser.cs"]);

        affected.Select(a => a.Project.Path).Should().Equal(
            "src/App/App.csproj",
            "src/Lib/Lib.csproj",
            "src/Tool/Tool.csproj",
            "tests/App.Tests/App.Tests.csproj",
            "tests/Lib.Tests/Lib.Tests.csproj");
        var appTests = affected.Single(a => a.Project.Path == "tests/App.Tests/App.Tests.csproj");
        appTests.ChangedFile.Should().Be("src/Lib/Parser.cs");
        appTests.Cause.Should().Be(AffectedCause.FileInProjectFolder);
        appTests.Chain.Should().Equal("src/Lib/Lib.csproj", "src/App/App.csproj", "tests/App.Tests/App.Tests.csproj");
        appTests.Describe().Should().Be(
            "src/Lib/Parser.cs → src/Lib/Lib.csproj → src/App/App.csproj → tests/App.Tests/App.Tests.csproj");
    }

    [Fact]
    public void Affected_does_not_walk_forward_references()
    {
        var affected = Sample.Affected(["src/App/Program.cs"]);

        affected.Select(a => a.Project.Path).Should().Equal(
            "src/App/App.csproj", "src/Tool/Tool.csproj", "tests/App.Tests/App.Tests.csproj");
    }

    [Fact]
    public void Affected_gives_each_project_its_shortest_chain_whatever_the_order_of_files()
    {
        var forward = Sample.Affected(["src/Lib/Parser.cs", "src/App/Program.cs"]);
        var backward = Sample.Affected(["src/App/Program.cs", "src/Lib/Parser.cs"]);

        forward.Select(a => a.Describe()).Should().Equal(backward.Select(a => a.Describe()));
        forward.Single(a => a.Project.Path == "src/Tool/Tool.csproj").Chain
            .Should().Equal("src/App/App.csproj", "src/Tool/Tool.csproj");
    }

    [Fact]
    public void An_imported_build_file_affects_the_projects_that_import_it()
    {
        var affected = Sample.Affected(["Directory.Build.props"]);

        affected.Select(a => a.Project.Path).Should().Equal(
            "src/App/App.csproj",
            "src/Lib/Lib.csproj",
            "src/Tool/Tool.csproj",
            "tests/App.Tests/App.Tests.csproj",
            "tests/Lib.Tests/Lib.Tests.csproj");
        affected.Single(a => a.Project.Path == "src/Lib/Lib.csproj").Cause.Should().Be(AffectedCause.ImportedBuildFile);
        affected.Single(a => a.Project.Path == "src/Tool/Tool.csproj").Chain
            .Should().Equal("src/App/App.csproj", "src/Tool/Tool.csproj");
    }

    [Fact]
    public void A_props_file_in_one_project_folder_also_affects_other_projects_importing_it()
    {
        var affected = Sample.Affected(["src/Lib/Lib.props"]);

        affected.Select(a => a.Project.Path).Should().Contain(["src/Lib/Lib.csproj", "src/Other/Other.csproj"]);
        affected.Single(a => a.Project.Path == "src/Other/Other.csproj").Cause.Should().Be(AffectedCause.ImportedBuildFile);
    }

    [Fact]
    public void Files_outside_every_project_affect_nothing()
    {
        Sample.Affected(["Konfig.sln", "README.md", "konfig/apps/x/base/base.k"]).Should().BeEmpty();
        Sample.Affected([]).Should().BeEmpty();
    }

    [Fact]
    public void Reference_cycles_are_walked_once()
    {
        var graph = new DotNetProjectGraph(
        [
            Project("src/A/A.csproj", references: ["src/B/B.csproj"]),
            Project("src/B/B.csproj", references: ["src/A/A.csproj"]),
        ]);

        graph.Affected(["src/A/x.cs"]).Select(a => a.Project.Path).Should().Equal("src/A/A.csproj", "src/B/B.csproj");
        graph.ToolProjects("A").Select(p => p.Path).Should().Equal("src/A/A.csproj", "src/B/B.csproj");
    }

    [Fact]
    public void ToolProjects_are_the_named_assembly_and_everything_it_references()
    {
        Sample.ToolProjects("tool").Select(p => p.Path).Should().Equal(
            "src/App/App.csproj", "src/Lib/Lib.csproj", "src/Tool/Tool.csproj");
        Sample.ToolProjects("App").Select(p => p.Path).Should().Equal("src/App/App.csproj", "src/Lib/Lib.csproj");
        Sample.ToolProjects("missing").Should().BeEmpty();
    }

    [Fact]
    public void A_reference_to_a_project_outside_the_graph_is_tolerated()
    {
        var graph = new DotNetProjectGraph([Project("src/A/A.csproj", references: ["../elsewhere/E.csproj"])]);

        graph.ToolProjects("A").Select(p => p.Path).Should().Equal("src/A/A.csproj");
        graph.Affected(["src/A/x.cs"]).Should().ContainSingle();
    }

    [Fact]
    public void The_graph_round_trips_through_json()
    {
        var json = JsonSerializer.Serialize(Sample);
        var copy = JsonSerializer.Deserialize<DotNetProjectGraph>(json)!;

        copy.Projects.Select(p => (p.Path, p.AssemblyName, p.IsTestProject, string.Join(",", p.ProjectReferences), string.Join(",", p.ImportedFiles)))
            .Should().Equal(Sample.Projects.Select(p => (p.Path, p.AssemblyName, p.IsTestProject, string.Join(",", p.ProjectReferences), string.Join(",", p.ImportedFiles))));
        copy.Affected(["src/Lib/x.cs"]).Select(a => a.Describe())
            .Should().Equal(Sample.Affected(["src/Lib/x.cs"]).Select(a => a.Describe()));
        JsonSerializer.Serialize(copy).Should().Be(json);
    }

    private static DotNetProject Project(
        string path, string? assemblyName = null, bool test = false, string[]? references = null, string[]? imports = null) =>
        new(path, assemblyName ?? Path.GetFileNameWithoutExtension(path), test, references ?? [], imports ?? []);
}
