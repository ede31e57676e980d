using FluentAssertions;
using Konfig.Workspace.Compilation;
using Konfig.Workspace.Discovery;
using Konfig.Workspace.Golden;

namespace Konfig.Workspace.Tests.Monorepo;

/// <summary>
/// Every stack of konfig/ compiles to the spec its golden holds (what <c>konfig test --all</c> checks), so CI
/// fails when a change to the compiler or to the platform models changes what a stack deploys.
/// </summary>
public sealed class KonfigStacksTests
{
    private static readonly Lazy<KonfigWorkspace> Workspace = new(() => WorkspaceDiscovery.Discover(KonfigFolder.Path));

    public static TheoryData<string> Stacks()
    {
        var data = new TheoryData<string>();
        foreach (var stack in Workspace.Value.Stacks)
        {
            data.Add(stack.Path);
        }

        return data;
    }

    [Fact]
    public void The_monorepo_has_its_projects_and_stacks_without_metadata_problems()
    {
        var workspace = Workspace.Value;

        workspace.AllDiagnostics.Should().BeEmpty();
        workspace.Projects.Should().HaveCountGreaterThanOrEqualTo(6);
        workspace.Stacks.Should().HaveCountGreaterThanOrEqualTo(12);
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void A_stack_compiles_to_its_golden(string path)
    {
        var stack = Workspace.Value.Stacks.Single(s => s.Path == path);

        var compilation = new StackCompiler().Compile(stack, StackCompileOptions.Default);
        var result = GoldenFile.Check(compilation);

        result.Status.Should().Be(GoldenStatus.Match, "{0}: {1}", path, result.Detail + "\n" + string.Join("\n", compilation.KclDiagnostics.Select(d => d.ToString()).Concat(compilation.Errors.Select(e => e.ToString()))));
    }
}
