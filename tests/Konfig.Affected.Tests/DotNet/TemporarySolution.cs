namespace Konfig.Affected.Tests.DotNet;

/// <summary>
/// A throw-away repository folder holding hand-written .sln and .csproj files (never built or
/// restored: only evaluated), deleted on dispose.
/// </summary>
internal sealed class TemporarySolution : IDisposable
{
    private const string CSharpProjectType = "{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}";

    public TemporarySolution()
    {
        Root = Path.Combine(Path.GetTempPath(), "konfig-dotnet-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>Writes a file at a repository-relative path, creating its folders.</summary>
    public string Write(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>A class library (or a test project, with Microsoft.NET.Test.Sdk) referencing other projects by repository-relative path.</summary>
    public void WriteProject(string relativePath, string[]? references = null, bool test = false, string? assemblyName = null, string extra = "")
    {
        var folder = Path.GetDirectoryName(relativePath)!;
        var items = (references ?? [])
            .Select(reference => $"""    <ProjectReference Include="{Path.GetRelativePath(folder, reference).Replace('/', '\\')}" />""")
            .ToList();
        if (test)
            items.Add("""    <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />""");
        var assembly = assemblyName is null ? string.Empty : $"<AssemblyName>{assemblyName}</AssemblyName>";
        Write(relativePath, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                {assembly}
              </PropertyGroup>
              <ItemGroup>
            {string.Join("\n", items)}
              </ItemGroup>
              {extra}
            </Project>
            """);
    }

    /// <summary>A classic .sln listing the projects, with the usual Debug/Release configurations.</summary>
    public void WriteSolution(string relativePath, params string[] projects)
    {
        var entries = projects.Select((project, index) => (project, guid: $"{{00000000-0000-0000-0000-{index + 1:D12}}}")).ToList();
        var text = new System.Text.StringBuilder();
        text.AppendLine("Microsoft Visual Studio Solution File, Format Version 12.00");
        text.AppendLine("# Visual Studio Version 17");
        foreach (var (project, guid) in entries)
        {
            var name = Path.GetFileNameWithoutExtension(project);
            text.AppendLine($"Project(\"{CSharpProjectType}\") = \"{name}\", \"{project.Replace('/', '\\')}\", \"{guid}\"");
            text.AppendLine("EndProject");
        }
        text.AppendLine("Global");
        text.AppendLine("\tGlobalSection(SolutionConfigurationPlatforms) = preSolution");
        text.AppendLine("\t\tDebug|Any CPU = Debug|Any CPU");
        text.AppendLine("\t\tRelease|Any CPU = Release|Any CPU");
        text.AppendLine("\tEndGlobalSection");
        text.AppendLine("\tGlobalSection(ProjectConfigurationPlatforms) = postSolution");
        foreach (var (_, guid) in entries)
        {
            foreach (var configuration in new[] { "Debug", "Release" })
            {
                text.AppendLine($"\t\t{guid}.{configuration}|Any CPU.ActiveCfg = {configuration}|Any CPU");
                text.AppendLine($"\t\t{guid}.{configuration}|Any CPU.Build.0 = {configuration}|Any CPU");
            }
        }
        text.AppendLine("\tEndGlobalSection");
        text.AppendLine("EndGlobal");
        Write(relativePath, text.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail a test.
        }
    }
}
