using FluentAssertions;
using Konfig.Affected.Analysis;

namespace Konfig.Affected.Tests.Analysis;

/// <summary>
/// End to end, on a real repository: a committed change inside the Konfig tree, and exactly the stacks
/// it affects (files in a stack, shared packages, project bases and metadata, entrance files, file.read).
/// </summary>
public sealed class ChangeDetectorStackTests
{
    internal static IReadOnlyList<string> StackPaths(ChangeDetectionReport report) => [.. report.Result.Stacks.Select(s => s.Path)];

    internal static string[] Sorted(IEnumerable<string> paths) => [.. paths.Order(StringComparer.Ordinal)];

    [Fact]
    public void Editing_a_stacks_main_k_affects_only_that_stack()
    {
        using var repo = KonfigMonorepo.Create();
        repo.Touch("apps/orders/dev/main.k").Commit("edit");

        var report = repo.Detect("HEAD~1");

        StackPaths(report).Should().Equal("apps/orders/dev");
        report.Result.EverythingReason.Should().BeNull();
        report.Result.TotalStacks.Should().Be(5);
        report.Changes.Select(c => c.Path).Should().Equal("apps/orders/dev/main.k");
    }

    [Theory]
    [InlineData("apps/shop/prod/ci-test/settings.yaml")]
    [InlineData("apps/shop/prod/values/replicas.json")]
    [InlineData("apps/shop/prod/notes.txt")]
    public void Any_file_in_a_stack_folder_affects_that_stack(string path)
    {
        using var repo = KonfigMonorepo.Create();
        repo.Write(path, "changed: true\n").Commit("data");

        var report = repo.Detect("HEAD~1");

        StackPaths(report).Should().Equal("apps/shop/prod");
        report.Result.Stacks[0].Reason.Select(s => s.Path).Should().Equal(path, "apps/shop/prod");
    }

    [Fact]
    public void A_stack_whose_name_extends_another_does_not_affect_it()
    {
        using var repo = KonfigMonorepo.Create();
        repo.WriteStack("apps/orders/dev2", "import base.pkg.platform.frontend\n\napp: frontend.Application {}\n", KonfigMonorepo.ProjectEntrances());
        repo.Commit("dev2");
        repo.Touch("apps/orders/dev2/main.k").Write("apps/orders/dev2/ci-test/extra.yaml", "a: 1\n").Commit("edit dev2");

        var report = repo.Detect("HEAD~1");

        StackPaths(report).Should().Equal("apps/orders/dev2");
    }

    [Fact]
    public void A_package_deep_in_the_import_chain_affects_every_stack_whose_closure_reaches_it()
    {
        using var repo = KonfigMonorepo.Create();
        repo.Touch($"{KonfigMonorepo.Sizes}/sizes.k").Commit("resize");

        var report = repo.Detect("main~1", "main");

        // sizes ← backend ← frontend ← every project base and main.k; tools imports nothing.
        StackPaths(report).Should().Equal(Sorted(KonfigMonorepo.OrdersStacks.Concat(KonfigMonorepo.ShopStacks)));
        // The shortest chain: the renderer imports backend directly and every such stack lists it.
        report.Result.Stacks.Single(s => s.Path == "apps/orders/prod").Reason.Should().Equal(
            new ReasonStep("file", "base/pkg/platform/sizes/sizes.k", "modified"),
            new ReasonStep("package", KonfigMonorepo.Sizes, "package holding it"),
            new ReasonStep("file", "base/pkg/platform/backend/workload.k", "imports it"),
            new ReasonStep("package", KonfigMonorepo.Backend, "package holding it"),
            new ReasonStep("file", "base/pkg/platform/render/render.k", "imports it"),
            new ReasonStep("stack", "apps/orders/prod", "affected stack: lists it as an entrance file"));
    }

    [Fact]
    public void A_stack_reached_only_through_the_whole_chain_gets_the_whole_chain()
    {
        using var repo = KonfigMonorepo.Create();
        // tools/dev now imports frontend, and lists nothing else: sizes reaches it only through frontend.
        repo.Write("apps/tools/dev/main.k", "import base.pkg.platform.frontend\n\napp: frontend.Application {}\n").Commit("tools uses frontend");
        repo.Touch($"{KonfigMonorepo.Sizes}/sizes.k").Commit("resize");

        var report = repo.Detect("HEAD~1");

        StackPaths(report).Should().Equal(Sorted(KonfigMonorepo.OrdersStacks.Concat(KonfigMonorepo.ShopStacks).Concat(KonfigMonorepo.ToolsStacks)));
        report.Result.Stacks.Single(s => s.Path == "apps/tools/dev").Reason.Select(s => s.Path).Should().Equal(
            "base/pkg/platform/sizes/sizes.k",
            KonfigMonorepo.Sizes,
            "base/pkg/platform/backend/workload.k",
            KonfigMonorepo.Backend,
            "base/pkg/platform/frontend/application.k",
            KonfigMonorepo.Frontend,
            "apps/tools/dev/main.k",
            "apps/tools/dev");
    }

    [Fact]
    public void A_package_imported_by_one_project_affects_only_that_projects_stacks_with_the_exact_chain()
    {
        using var repo = KonfigMonorepo.Create();
        repo.Touch($"{KonfigMonorepo.Monitoring}/alerts.k").Commit("alerts");

        var report = repo.Detect("HEAD~1");

        StackPaths(report).Should().Equal(KonfigMonorepo.OrdersStacks);
        report.Result.Stacks[0].Reason.Should().Equal(
            new ReasonStep("file", "base/pkg/platform/monitoring/alerts.k", "modified"),
            new ReasonStep("package", KonfigMonorepo.Monitoring, "package holding it"),
            new ReasonStep("file", "apps/orders/base/base.k", "imports it"),
            new ReasonStep("stack", "apps/orders/dev", "affected stack: lists it as an entrance file"));
    }

    [Fact]
    public void A_project_base_file_listed_as_an_entrance_file_affects_both_stacks_of_that_project_only()
    {
        using var repo = KonfigMonorepo.Create();
        repo.Touch("apps/shop/base/base.k").Commit("base");

        var report = repo.Detect("HEAD~1");

        StackPaths(report).Should().Equal(KonfigMonorepo.ShopStacks);
        report.Result.Stacks.Should().OnlyContain(s => s.ProjectPath == "apps/shop" && !s.Deleted);
    }

    [Fact]
    public void An_edited_project_yaml_affects_the_stacks_of_that_project()
    {
        using var repo = KonfigMonorepo.Create();
        repo.Touch("apps/orders/project.yaml", "owner: payments").Commit("owner");

        var report = repo.Detect("HEAD~1");

        StackPaths(report).Should().Equal(KonfigMonorepo.OrdersStacks);
        report.Result.Stacks[0].Reason.Select(s => s.Kind).Should().Equal("file", "project", "stack");
    }

    [Fact]
    public void An_entrance_file_outside_the_stack_through_kcl_mod_affects_the_stacks_listing_it()
    {
        using var repo = KonfigMonorepo.Create();
        repo.Touch($"{KonfigMonorepo.Render}/audit.k").Commit("audit");

        var report = repo.Detect("HEAD~1");

        // Only shop/prod lists audit.k; nothing imports the render package.
        StackPaths(report).Should().Equal("apps/shop/prod");
    }

    [Fact]
    public void The_shared_renderer_listed_through_kcl_mod_affects_every_stack_listing_it()
    {
        using var repo = KonfigMonorepo.Create();
        repo.Touch($"{KonfigMonorepo.Render}/render.k").Commit("render");

        var report = repo.Detect("HEAD~1");

        StackPaths(report).Should().Equal(Sorted(KonfigMonorepo.OrdersStacks.Concat(KonfigMonorepo.ShopStacks)));
    }

    [Fact]
    public void A_data_file_read_with_a_literal_path_affects_the_stacks_reaching_the_reader()
    {
        using var repo = KonfigMonorepo.Create();
        repo.Write("apps/shop/data/motd.txt", "Closed on Sundays.\n").Commit("motd");

        var report = repo.Detect("HEAD~1");

        // "../data/motd.txt" resolves against each stack folder (apps/shop/dev, apps/shop/prod).
        StackPaths(report).Should().Equal(KonfigMonorepo.ShopStacks);
        report.Result.Stacks[0].Reason.Should().Equal(
            new ReasonStep("file", "apps/shop/data/motd.txt", "modified"),
            new ReasonStep("file", "apps/shop/base/base.k", "reads it with file.read"),
            new ReasonStep("stack", "apps/shop/dev", "affected stack"));
    }

    [Fact]
    public void A_literal_file_read_resolves_against_the_stack_folder_not_the_reading_files_folder()
    {
        using var repo = KonfigMonorepo.Create();
        // Relative to apps/shop/base (the reader's folder) this would be apps/data/motd.txt: not what kcl reads.
        repo.Write("apps/data/motd.txt", "decoy\n").Commit("decoy");

        var report = repo.Detect("HEAD~1");

        StackPaths(report).Should().BeEmpty();
    }

    [Fact]
    public void A_non_literal_file_read_makes_its_stacks_depend_on_every_changed_non_kcl_file()
    {
        using var repo = KonfigMonorepo.Create();
        repo.Write("apps/tools/dev/main.k", "import file\n\n_name = \"tools.json\"\nconfig = file.read(_name)\n").Commit("dynamic read");
        repo.Write("docs/anything.json", "{}\n").Commit("unrelated data");
        repo.Touch($"{KonfigMonorepo.Monitoring}/dashboards.k").Commit("unrelated kcl");

        StackPaths(repo.Detect("HEAD~2", "HEAD~1")).Should().Equal("apps/tools/dev");
        StackPaths(repo.Detect("HEAD~1", "HEAD")).Should().Equal(KonfigMonorepo.OrdersStacks);
    }

    [Fact]
    public void A_file_outside_every_stack_that_nothing_reads_affects_nothing()
    {
        using var repo = KonfigMonorepo.Create();
        repo.Touch("README.md", "more docs").Write("apps/orders/README.md", "docs\n").Commit("docs");

        var report = repo.Detect("HEAD~1");

        StackPaths(report).Should().BeEmpty();
        report.Changes.Should().HaveCount(2);
    }
}
