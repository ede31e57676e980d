using FluentAssertions;
using Konfig.Workspace.Compilation;
using Konfig.Workspace.Discovery;
using Konfig.Workspace.Golden;
using Konfig.Workspace.Tests.Parity;

namespace Konfig.Workspace.Tests.Monorepo;

/// <summary>
/// Our own monorepo, <c>konfig/</c> at the repository root: what <c>konfig test --all</c> checks, as a test,
/// so CI fails when a change to the models or a stack changes any spec without its golden.
/// </summary>
public sealed class OwnMonorepoTests
{
    [Fact]
    public void Every_stack_of_konfig_matches_its_golden()
    {
        var root = Path.Combine(SharedReference.RepositoryRoot ?? throw new InvalidOperationException("Konfig.sln not found above the test assembly"), "konfig");
        var (located, error) = WorkspaceLocator.Locate(root, [], Environment.CurrentDirectory);
        located.Should().NotBeNull(error?.Message);

        var workspace = WorkspaceDiscovery.Discover(located!);

        workspace.AllDiagnostics.Select(d => d.Format(workspace.Root)).Should().BeEmpty();
        workspace.Stacks.Should().NotBeEmpty();
        var failures = new StackCompiler().CompileAll(workspace.Stacks, StackCompileOptions.Default)
            .Select(GoldenFile.Check)
            .Where(result => !result.Passed)
            .Select(result => $"{result.Compilation.Stack.Path}: {result.Status}: {result.Detail} {result.Compilation.KclDiagnostics.FirstOrDefault()?.Message}".TrimEnd())
            .ToList();
        failures.Should().BeEmpty("every stack of konfig/ must match its golden (konfig test --update rewrites them)");
    }
}
