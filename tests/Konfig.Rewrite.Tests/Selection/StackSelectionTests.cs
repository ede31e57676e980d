using FluentAssertions;
using Konfig.Rewrite.Selection;
using Konfig.Workspace.Discovery;

namespace Konfig.Rewrite.Tests.Selection;

public sealed class StackSelectionTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly KonfigWorkspace _workspace;

    public StackSelectionTests()
    {
        _folder.Write("kcl.mod", "[package]\nname = \"t\"\n");
        Project("apps/web", "web", "shop");
        Stack("apps/web/dev", "dev");
        Stack("apps/web/prod", "prod");
        Project("apps/db", "db", null);
        Stack("apps/db/prod", "prod");
        Project("platform/ingress", "ingress", "platform");
        Stack("platform/ingress/prod-eu", "prod");
        _workspace = WorkspaceDiscovery.Discover(_folder.Path);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void All_selects_every_stack_in_workspace_order() =>
        Paths(new StackQuery { All = true }).Should().Equal("apps/db/prod", "apps/web/dev", "apps/web/prod", "platform/ingress/prod-eu");

    [Fact]
    public void Projects_select_their_stacks() =>
        Paths(new StackQuery { Projects = ["web", "ingress"] }).Should().Equal("apps/web/dev", "apps/web/prod", "platform/ingress/prod-eu");

    [Fact]
    public void Glob_matches_within_one_folder_name_per_star() =>
        Paths(new StackQuery { Globs = [new StackPathGlob("apps/*/prod")] }).Should().Equal("apps/db/prod", "apps/web/prod");

    [Fact]
    public void Double_star_spans_folders() =>
        Paths(new StackQuery { Globs = [new StackPathGlob("**/prod*")] }).Should().Equal("apps/db/prod", "apps/web/prod", "platform/ingress/prod-eu");

    [Fact]
    public void Filters_alone_apply_to_every_stack_and_are_anded()
    {
        Paths(new StackQuery { Where = [Filter("name=prod")] }).Should().Equal("apps/db/prod", "apps/web/prod", "platform/ingress/prod-eu");
        Paths(new StackQuery { Where = [Filter("name=prod"), Filter("tenant!=platform")] }).Should().Equal("apps/db/prod", "apps/web/prod");
        Paths(new StackQuery { Where = [Filter("tenant=")] }).Should().Equal("apps/db/prod");
    }

    [Fact]
    public void Filters_narrow_named_stacks() =>
        Paths(new StackQuery { Projects = ["web"], Where = [Filter("name!=dev")] }).Should().Equal("apps/web/prod");

    [Fact]
    public void Folders_and_projects_together_without_duplicates() =>
        Paths(new StackQuery { Folders = ["apps/web"], Projects = ["web", "db"] }).Should().Equal("apps/db/prod", "apps/web/dev", "apps/web/prod");

    [Fact]
    public void Unknown_project_is_an_error_naming_the_known_ones()
    {
        var (_, errors) = StackSelection.Select(_workspace, new StackQuery { Projects = ["wbe"] }, _folder.Path);
        errors.Should().ContainSingle().Which.Message.Should().Be("no project is named 'wbe' (projects: db, ingress, web)");
    }

    [Fact]
    public void Unknown_folder_and_empty_glob_are_errors()
    {
        var (_, errors) = StackSelection.Select(_workspace,
            new StackQuery { Folders = ["apps/nope"], Globs = [new StackPathGlob("apps/*/staging")] }, _folder.Path);
        errors.Select(e => e.Message).Should().Equal("'apps/nope' is not a folder", "the glob 'apps/*/staging' matches no stack path (stack paths look like apps/db/prod, apps/web/dev, apps/web/prod)");
    }

    [Fact]
    public void Empty_query_is_an_error()
    {
        var (stacks, errors) = StackSelection.Select(_workspace, new StackQuery(), _folder.Path);
        stacks.Should().BeEmpty();
        errors.Should().ContainSingle();
    }

    [Theory]
    [InlineData("name", "filter 'name' must be FIELD=VALUE or FIELD!=VALUE, with FIELD one of name, path, project, tenant")]
    [InlineData("colour=red", "filter 'colour=red': unknown field 'colour'; stacks have name, path, project, tenant")]
    [InlineData("=x", "filter '=x' must be FIELD=VALUE or FIELD!=VALUE, with FIELD one of name, path, project, tenant")]
    public void Bad_filters_are_reported(string text, string message)
    {
        var (filter, error) = MetadataFilter.Parse(text);
        filter.Should().BeNull();
        error.Should().Be(message);
    }

    [Fact]
    public void Filter_value_may_hold_an_equals_sign()
    {
        var (filter, _) = MetadataFilter.Parse("name!=a=b");
        filter.Should().Be(new MetadataFilter("name", FilterOperator.NotEqual, "a=b"));
    }

    private static MetadataFilter Filter(string text) => MetadataFilter.Parse(text).Filter!;

    private IReadOnlyList<string> Paths(StackQuery query)
    {
        var (stacks, errors) = StackSelection.Select(_workspace, query, _folder.Path);
        errors.Should().BeEmpty();
        return stacks.Select(s => s.Path).ToList();
    }

    private void Project(string path, string name, string? tenant) =>
        _folder.Write($"{path}/project.yaml", $"name: {name}\n" + (tenant is null ? "" : $"tenant: {tenant}\n"));

    private void Stack(string path, string name)
    {
        _folder.Write($"{path}/stack.yaml", $"name: {name}\n");
        _folder.Write($"{path}/kcl.yaml", "kcl_cli_configs:\n  file:\n    - main.k\n");
        _folder.Write($"{path}/main.k", "a = 1\n");
    }
}
