using FluentAssertions;
using Konfig.Workspace.Discovery;

namespace Konfig.Workspace.Tests.Discovery;

public sealed class WorkspaceDiscoveryTests : IDisposable
{
    private readonly TemporaryWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void Finds_projects_and_stacks_in_path_order_with_nested_projects()
    {
        _workspace.Project("apps/web", "web", tenant: "team-a");
        _workspace.Stack("apps/web/prod", "prod");
        _workspace.Stack("apps/web/dev", "dev");
        _workspace.Project("apps/web/tools", "web-tools");
        _workspace.Stack("apps/web/tools/dev", "tools-dev");
        _workspace.Project("base/examples/db", "db");
        _workspace.Stack("base/examples/db/regions/eu", "eu");

        var workspace = WorkspaceDiscovery.Discover(_workspace.Root);

        workspace.AllDiagnostics.Should().BeEmpty();
        workspace.Projects.Select(p => p.Path).Should().Equal("apps/web", "apps/web/tools", "base/examples/db");
        workspace.Projects[0].Tenant.Should().Be("team-a");
        workspace.Projects[1].Tenant.Should().BeNull();
        workspace.Stacks.Select(s => (s.Path, s.Name, s.Project.Name)).Should().Equal(
            ("apps/web/dev", "dev", "web"),
            ("apps/web/prod", "prod", "web"),
            ("apps/web/tools/dev", "tools-dev", "web-tools"),
            ("base/examples/db/regions/eu", "eu", "db"));
    }

    [Fact]
    public void Reads_entrance_files_with_kcl_mod_expanded_and_options()
    {
        _workspace.Project("app", "app");
        _workspace.Stack("app/dev", "dev", namespaces: "[x, y]");

        var stack = WorkspaceDiscovery.Discover(_workspace.Root).Stacks.Should().ContainSingle().Subject;

        stack.KclYaml!.Files.Should().Equal(_workspace.PathOf("app/dev/main.k"), _workspace.PathOf("render/render.k"));
        stack.CiSettings!.Options.Should().ContainSingle().Which.Key.Should().Be("namespaces");
        stack.GoldenPath.Should().Be(Path.Combine(_workspace.PathOf("app/dev"), "ci-test", "stdout.golden.yaml"));
    }

    [Fact]
    public void Skips_hidden_folders_and_does_not_enter_stacks()
    {
        _workspace.Project("app", "app");
        _workspace.Stack("app/dev", "dev");
        _workspace.Stack("app/dev/inner", "inner");
        _workspace.Project(".git/app", "hidden");
        _workspace.Stack(".git/app/dev", "hidden-dev");

        var workspace = WorkspaceDiscovery.Discover(_workspace.Root);

        workspace.Stacks.Select(s => s.Path).Should().Equal("app/dev");
        workspace.Projects.Select(p => p.Path).Should().Equal("app");
    }

    [Fact]
    public void Reports_a_stack_outside_any_project()
    {
        _workspace.Stack("loose/dev", "dev");

        var workspace = WorkspaceDiscovery.Discover(_workspace.Root);

        workspace.Stacks.Should().BeEmpty();
        workspace.Diagnostics.Should().ContainSingle().Which.Format(_workspace.Root)
            .Should().Be("loose/dev/stack.yaml: a stack must be inside a project, but no folder between it and the workspace root holds a project.yaml");
    }

    [Fact]
    public void Bad_yaml_is_reported_with_file_line_and_column()
    {
        _workspace.Project("app", "app");
        _workspace.Stack("app/dev", "dev");
        _workspace.Write("app/dev/stack.yaml", "# the stack\nname: dev\n  bad: [\n");

        var stack = WorkspaceDiscovery.Discover(_workspace.Root).Stacks.Should().ContainSingle().Subject;

        stack.HasErrors.Should().BeTrue();
        stack.Name.Should().Be("dev", "a broken stack.yaml falls back to the folder name for listing");
        stack.Diagnostics.Should().ContainSingle().Which.Format(_workspace.Root).Should().MatchRegex(@"^app/dev/stack\.yaml:3:\d+: invalid YAML: ");
    }

    [Fact]
    public void Missing_name_field_is_reported()
    {
        _workspace.Project("app", "app");
        _workspace.Stack("app/dev", "dev");
        _workspace.Write("app/dev/stack.yaml", "# the stack\ndescription: no name here\n");

        var stack = WorkspaceDiscovery.Discover(_workspace.Root).Stacks.Single();

        stack.Diagnostics.Select(d => d.Format(_workspace.Root)).Should().Equal("app/dev/stack.yaml:2:1: field 'name' is missing");
    }

    [Theory]
    [InlineData("name:\n  - a\n", "app/project.yaml:2:3: field 'name' must be a string, not a list")]
    [InlineData("name: 12\n", "app/project.yaml:1:7: field 'name' must be a string, not a number")]
    [InlineData("name:\n", "app/project.yaml:1:6: field 'name' is empty")]
    [InlineData("name: app\ntenant: {a: 1}\n", "app/project.yaml:2:9: field 'tenant' must be a string, not a mapping")]
    [InlineData("", "app/project.yaml:1:1: field 'name' is missing")]
    [InlineData("- name: app\n", "app/project.yaml:1:1: the file must hold a mapping of fields")]
    public void Wrong_project_fields_are_reported_at_their_value(string projectYaml, string expected)
    {
        _workspace.Write("app/project.yaml", projectYaml);
        _workspace.Stack("app/dev", "dev");

        var workspace = WorkspaceDiscovery.Discover(_workspace.Root);

        workspace.Projects.Single().Diagnostics.Select(d => d.Format(_workspace.Root)).Should().Contain(expected);
        workspace.Stacks.Single().HasErrors.Should().BeTrue("a stack of a broken project cannot compile");
    }

    [Fact]
    public void Quoted_numbers_are_strings()
    {
        _workspace.Write("app/project.yaml", "name: \"12\"\n");

        WorkspaceDiscovery.Discover(_workspace.Root).Projects.Single().Should().Match<Project>(p => p.Name == "12" && p.Diagnostics.Count == 0);
    }

    [Fact]
    public void Missing_kcl_yaml_and_missing_entrance_files_are_reported()
    {
        _workspace.Project("app", "app");
        _workspace.Stack("app/dev", "dev");
        _workspace.Stack("app/prod", "prod");
        File.Delete(_workspace.PathOf("app/dev/kcl.yaml"));
        _workspace.Write("app/prod/kcl.yaml", "kcl_cli_configs:\n  file:\n    - main.k\n    - ${KCL_MOD}/nowhere.k\n    - 3\n");

        var stacks = WorkspaceDiscovery.Discover(_workspace.Root).Stacks;

        stacks[0].Diagnostics.Select(d => d.Format(_workspace.Root)).Should().Equal("app/dev/kcl.yaml: file is missing");
        stacks[1].Diagnostics.Select(d => d.Format(_workspace.Root)).Should().Equal(
            "app/prod/kcl.yaml:5:7: field 'kcl_cli_configs.file[2]' must be a string, not a number",
            "app/prod/kcl.yaml:4:7: field 'kcl_cli_configs.file' lists '${KCL_MOD}/nowhere.k', which does not exist");
    }

    [Fact]
    public void Malformed_kcl_options_are_reported()
    {
        _workspace.Project("app", "app");
        _workspace.Stack("app/dev", "dev");
        _workspace.Write("app/dev/ci-test/settings.yaml", "kcl_options:\n  - key: a\n  - value: 1\n  - 7\n");

        var stack = WorkspaceDiscovery.Discover(_workspace.Root).Stacks.Single();

        stack.Diagnostics.Select(d => d.Format(_workspace.Root)).Should().Equal(
            "app/dev/ci-test/settings.yaml:2:5: field 'kcl_options[0].value' is missing",
            "app/dev/ci-test/settings.yaml:3:5: field 'kcl_options[1].key' is missing",
            "app/dev/ci-test/settings.yaml:4:5: field 'kcl_options[2]' must be a mapping with key and value");
    }
}
