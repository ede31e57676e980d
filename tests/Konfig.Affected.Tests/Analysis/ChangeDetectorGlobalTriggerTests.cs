using FluentAssertions;
using Konfig.Affected.Analysis;
using static Konfig.Affected.Tests.Analysis.ChangeDetectorStackTests;

namespace Konfig.Affected.Tests.Analysis;

/// <summary>
/// Changes that affect every stack: kcl.mod, the repository-wide .NET settings, and the toolchain (the
/// .NET projects building the assembly <c>konfig</c>, read from a real solution with MSBuild).
/// </summary>
public sealed class ChangeDetectorGlobalTriggerTests
{
    [Fact]
    public void An_edited_kcl_mod_affects_every_stack()
    {
        using var repo = KonfigMonorepo.Create();
        repo.Touch("kcl.mod", "# edition").Commit("kcl.mod");

        var report = repo.Detect("HEAD~1");

        report.Result.EverythingReason.Should().Contain("kcl.mod");
        StackPaths(report).Should().Equal(repo.AllStacks);
        report.Result.Stacks[0].Reason[0].Kind.Should().Be("everything");
    }

    [Theory]
    [InlineData("global.json", "{ \"sdk\": { \"version\": \"10.0.100\" } }\n")]
    [InlineData("Directory.Build.props", "<Project />\n")]
    public void A_repository_wide_dotnet_settings_file_at_the_root_affects_every_stack(string path, string content)
    {
        using var repo = KonfigMonorepo.Create("konfig/");
        repo.Git.Write(path, content);
        repo.Commit("settings");

        var report = repo.Detect("HEAD~1");

        report.Result.EverythingReason.Should().Contain(path);
        StackPaths(report).Should().Equal(repo.AllStacks);
    }

    [Fact]
    public void A_change_in_a_project_the_tool_references_affects_every_stack_and_names_the_project()
    {
        using var repo = CreateWithDotNet();
        repo.Git.Write("src/Lib/X.cs", "namespace Lib; public static class X { public const int Value = 2; }\n");
        repo.Commit("lib");

        var report = repo.Detect("HEAD~1");

        report.Result.EverythingReason.Should().Contain("src/Lib").And.Contain("builds konfig");
        StackPaths(report).Should().Equal(repo.AllStacks);
        report.DotNetProjects.Should().BeNull();
    }

    [Fact]
    public void A_change_in_a_test_project_affects_no_stack_and_with_dotnet_lists_the_affected_projects()
    {
        using var repo = CreateWithDotNet();
        repo.Git.Write("tests/T/X.cs", "namespace T; public static class X { public const int Value = 2; }\n");
        repo.Commit("test");

        var withoutDotNet = repo.Detect("HEAD~1");
        var withDotNet = repo.Detect("HEAD~1", dotNet: true);
        repo.Git.Write("src/Lib/X.cs", "namespace Lib; public static class X { public const int Value = 3; }\n");
        repo.Commit("lib");
        var libReport = repo.Detect("HEAD~1", dotNet: true);

        StackPaths(withoutDotNet).Should().BeEmpty();
        withoutDotNet.Result.EverythingReason.Should().BeNull();
        withDotNet.DotNetProjects!.Select(p => p.Project.Path).Should().Equal("tests/T/T.csproj");
        StackPaths(withDotNet).Should().BeEmpty();
        libReport.DotNetProjects!.Select(p => p.Project.Path).Should().Equal("src/Lib/Lib.csproj", "src/Tool/Tool.csproj", "tests/T/T.csproj");
        StackPaths(libReport).Should().Equal(repo.AllStacks);
    }

    [Fact]
    public void A_konfig_change_in_a_repository_with_dotnet_projects_stays_narrow()
    {
        using var repo = CreateWithDotNet();
        repo.Touch("apps/tools/dev/main.k").Commit("tools");

        var report = repo.Detect("HEAD~1");

        StackPaths(report).Should().Equal("konfig/apps/tools/dev");
        report.Result.EverythingReason.Should().BeNull();
    }

    /// <summary>
    /// This repository's layout: a solution at the root whose tool (AssemblyName konfig) references a
    /// library, a test project referencing the library, and the Konfig tree under konfig/.
    /// </summary>
    private static KonfigMonorepo CreateWithDotNet()
    {
        var repo = KonfigMonorepo.Create("konfig/");
        WriteProject(repo, "src/Lib/Lib.csproj", "", "");
        WriteProject(repo, "src/Tool/Tool.csproj", "<AssemblyName>konfig</AssemblyName><OutputType>Exe</OutputType>", "..\\Lib\\Lib.csproj");
        WriteProject(repo, "tests/T/T.csproj", "<IsTestProject>true</IsTestProject>", "..\\..\\src\\Lib\\Lib.csproj");
        repo.Git.Write("src/Lib/X.cs", "namespace Lib; public static class X { public const int Value = 1; }\n");
        repo.Git.Write("src/Tool/Program.cs", "System.Console.WriteLine(Lib.X.Value);\n");
        repo.Git.Write("tests/T/X.cs", "namespace T; public static class X { public const int Value = 1; }\n");
        repo.Git.Write("Konfig.sln", Solution("src/Lib/Lib.csproj", "src/Tool/Tool.csproj", "tests/T/T.csproj"));
        repo.Commit("dotnet projects");
        return repo;
    }

    private static void WriteProject(KonfigMonorepo repo, string path, string properties, string reference)
    {
        var references = reference.Length == 0 ? "" : $"<ItemGroup><ProjectReference Include=\"{reference}\" /></ItemGroup>";
        repo.Git.Write(path, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework>{properties}</PropertyGroup>
              {references}
            </Project>
            """);
    }

    private static string Solution(params string[] projects)
    {
        const string CSharp = "{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}";
        var text = new System.Text.StringBuilder("Microsoft Visual Studio Solution File, Format Version 12.00\n# Visual Studio Version 17\n");
        var guids = projects.Select((_, i) => $"{{00000000-0000-0000-0000-{i + 1:D12}}}").ToList();
        for (var i = 0; i < projects.Length; i++)
        {
            text.Append($"Project(\"{CSharp}\") = \"{Path.GetFileNameWithoutExtension(projects[i])}\", \"{projects[i].Replace('/', '\\')}\", \"{guids[i]}\"\nEndProject\n");
        }

        text.Append("Global\n\tGlobalSection(SolutionConfigurationPlatforms) = preSolution\n\t\tDebug|Any CPU = Debug|Any CPU\n\t\tRelease|Any CPU = Release|Any CPU\n\tEndGlobalSection\n");
        text.Append("\tGlobalSection(ProjectConfigurationPlatforms) = postSolution\n");
        foreach (var guid in guids)
        {
            foreach (var configuration in new[] { "Debug", "Release" })
            {
                text.Append($"\t\t{guid}.{configuration}|Any CPU.ActiveCfg = {configuration}|Any CPU\n\t\t{guid}.{configuration}|Any CPU.Build.0 = {configuration}|Any CPU\n");
            }
        }

        text.Append("\tEndGlobalSection\nEndGlobal\n");
        return text.ToString();
    }
}
