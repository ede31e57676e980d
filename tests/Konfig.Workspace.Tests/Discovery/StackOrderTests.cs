using FluentAssertions;
using Konfig.Workspace.Discovery;

namespace Konfig.Workspace.Tests.Discovery;

public sealed class StackOrderTests : IDisposable
{
    private readonly TemporaryWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void Reads_dependsOn_and_orders_dependencies_first_in_levels()
    {
        _workspace.Project("apps/db", "db");
        _workspace.Stack("apps/db/prod", "prod");
        _workspace.Project("apps/api", "api");
        _workspace.Stack("apps/api/prod", "prod");
        _workspace.Project("apps/web", "web");
        _workspace.Stack("apps/web/prod", "prod");
        _workspace.Stack("apps/web/dev", "dev");
        _workspace.Write("apps/api/prod/stack.yaml", "name: prod\ndependsOn:\n  - apps/db/prod\n");
        _workspace.Write("apps/web/prod/stack.yaml", "name: prod\ndependsOn: [apps/api/prod, apps/db/prod/]\n");

        var workspace = WorkspaceDiscovery.Discover(_workspace.Root);

        workspace.AllDiagnostics.Should().BeEmpty();
        var web = workspace.Stacks.Single(s => s.Path == "apps/web/prod");
        web.DependsOn.Should().Equal("apps/api/prod", "apps/db/prod");
        var (levels, error) = StackOrder.Levels(workspace.Stacks);
        error.Should().BeNull();
        levels!.Select(level => level.Select(s => s.Path)).Should().BeEquivalentTo(
            new[] { new[] { "apps/db/prod", "apps/web/dev" }, ["apps/api/prod"], ["apps/web/prod"] },
            options => options.WithStrictOrdering());
    }

    [Fact]
    public void Only_dependencies_inside_the_set_order_it()
    {
        _workspace.Project("apps/db", "db");
        _workspace.Stack("apps/db/prod", "prod");
        _workspace.Project("apps/api", "api");
        _workspace.Stack("apps/api/prod", "prod");
        _workspace.Write("apps/api/prod/stack.yaml", "name: prod\ndependsOn: [apps/db/prod]\n");
        var workspace = WorkspaceDiscovery.Discover(_workspace.Root);

        var (levels, error) = StackOrder.Levels(workspace.Stacks.Where(s => s.Path == "apps/api/prod").ToList());

        error.Should().BeNull();
        levels!.Should().ContainSingle().Which.Select(s => s.Path).Should().Equal("apps/api/prod");
    }

    [Fact]
    public void A_cycle_is_an_error_naming_its_stacks()
    {
        _workspace.Project("apps/a", "a");
        _workspace.Stack("apps/a/prod", "prod");
        _workspace.Project("apps/b", "b");
        _workspace.Stack("apps/b/prod", "prod");
        _workspace.Project("apps/c", "c");
        _workspace.Stack("apps/c/prod", "prod");
        _workspace.Write("apps/a/prod/stack.yaml", "name: prod\ndependsOn: [apps/b/prod]\n");
        _workspace.Write("apps/b/prod/stack.yaml", "name: prod\ndependsOn: [apps/a/prod]\n");
        _workspace.Write("apps/c/prod/stack.yaml", "name: prod\ndependsOn: [apps/a/prod]\n");
        var workspace = WorkspaceDiscovery.Discover(_workspace.Root);

        var (levels, error) = StackOrder.Levels(workspace.Stacks);

        levels.Should().BeNull();
        error.Should().Be("the stacks' dependsOn form a cycle: apps/a/prod → apps/b/prod → apps/a/prod");
    }

    [Fact]
    public void A_dependency_that_is_not_a_stack_is_an_error_on_its_stack_yaml_line()
    {
        _workspace.Project("apps/api", "api");
        _workspace.Stack("apps/api/prod", "prod");
        _workspace.Write("apps/api/prod/stack.yaml", "name: prod\ndependsOn:\n  - apps/api/prod\n  - apps/db/prod\n  - 3\n");

        var stack = WorkspaceDiscovery.Discover(_workspace.Root).Stacks.Should().ContainSingle().Subject;

        var file = _workspace.PathOf("apps/api/prod/stack.yaml");
        stack.HasErrors.Should().BeTrue();
        stack.Diagnostics.Select(d => (d.File, d.Line, d.Message)).Should().BeEquivalentTo(new[]
        {
            (file, 5, "field 'dependsOn[2]' must be a string, not a number"),
            (file, 3, "field 'dependsOn[0]' names the stack itself"),
            (file, 4, "field 'dependsOn[1]' names 'apps/db/prod', which is not a stack of the workspace (stack paths are relative to the workspace root, e.g. apps/web/prod)"),
        });
    }
}
