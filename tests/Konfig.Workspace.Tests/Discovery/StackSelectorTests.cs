using FluentAssertions;
using Konfig.Workspace.Discovery;

namespace Konfig.Workspace.Tests.Discovery;

public sealed class StackSelectorTests : IDisposable
{
    private readonly TemporaryWorkspace _workspace = new();

    public StackSelectorTests()
    {
        _workspace.Project("apps/web", "web");
        _workspace.Stack("apps/web/dev", "dev");
        _workspace.Stack("apps/web/prod", "prod");
        _workspace.Project("apps/db", "db");
        _workspace.Stack("apps/db/dev", "dev");
    }

    public void Dispose() => _workspace.Dispose();

    [Theory]
    [InlineData("apps/web/dev", "apps/web/dev")]
    [InlineData("apps/web/dev/ci-test", "apps/web/dev")]
    [InlineData("apps/web", "apps/web/dev,apps/web/prod")]
    [InlineData("apps", "apps/db/dev,apps/web/dev,apps/web/prod")]
    public void A_folder_selects_its_stack_or_the_stacks_below_it(string path, string expected)
    {
        var workspace = WorkspaceDiscovery.Discover(_workspace.Root);

        var (stacks, errors) = StackSelector.Select(workspace, [path], _workspace.Root);

        errors.Should().BeEmpty();
        string.Join(',', stacks.Select(s => s.Path)).Should().Be(expected);
    }

    [Fact]
    public void Keeps_workspace_order_without_duplicates()
    {
        var workspace = WorkspaceDiscovery.Discover(_workspace.Root);

        var (stacks, _) = StackSelector.Select(workspace, ["apps/web/prod", "apps/web", "apps/db/dev"], _workspace.Root);

        stacks.Select(s => s.Path).Should().Equal("apps/db/dev", "apps/web/dev", "apps/web/prod");
    }

    [Fact]
    public void Reports_folders_without_stacks()
    {
        Directory.CreateDirectory(_workspace.PathOf("docs"));
        var workspace = WorkspaceDiscovery.Discover(_workspace.Root);

        var (_, errors) = StackSelector.Select(workspace, ["docs", "missing"], _workspace.Root);

        errors.Select(e => e.Message).Should().Equal(
            "'docs' holds no stack (no stack.yaml in it, below it or above it within a project)",
            "'missing' is not a folder");
    }
}
