using FluentAssertions;
using Konfig.Affected.Git;
using static Konfig.Affected.Tests.Analysis.ChangeDetectorStackTests;

namespace Konfig.Affected.Tests.Analysis;

/// <summary>Renames and deletions: paths gone at head are read on the base's graph, so their users are still found.</summary>
public sealed class ChangeDetectorRenameDeleteTests
{
    [Fact]
    public void A_kcl_file_renamed_inside_a_shared_package_affects_the_stacks_using_the_package()
    {
        using var repo = KonfigMonorepo.Create();
        repo.Move($"{KonfigMonorepo.Sizes}/sizes.k", $"{KonfigMonorepo.Sizes}/presets.k").Commit("rename");

        var report = repo.Detect("HEAD~1");

        report.Changes.Should().ContainSingle().Which.Should().Match<GitChange>(c =>
            c.Kind == GitChangeKind.Renamed && c.OldPath == "base/pkg/platform/sizes/sizes.k" && c.Path == "base/pkg/platform/sizes/presets.k");
        StackPaths(report).Should().Equal(Sorted(KonfigMonorepo.OrdersStacks.Concat(KonfigMonorepo.ShopStacks)));
    }

    [Fact]
    public void A_kcl_file_moved_out_of_a_package_affects_the_old_packages_users_too()
    {
        using var repo = KonfigMonorepo.Create();
        // The new path is in a package nobody imports: only the old path (read on the base graph) finds orders.
        repo.Move($"{KonfigMonorepo.Monitoring}/alerts.k", "base/pkg/platform/unused/alerts.k").Commit("move");

        var report = repo.Detect("HEAD~1");

        StackPaths(report).Should().Equal(KonfigMonorepo.OrdersStacks);
        report.Result.Stacks[0].Reason[0].Should().Be(
            new Affected.Analysis.ReasonStep("file", "base/pkg/platform/monitoring/alerts.k", "renamed to base/pkg/platform/unused/alerts.k"));
    }

    [Fact]
    public void A_renamed_stack_folder_affects_the_old_stack_as_deleted_and_the_new_one()
    {
        using var repo = KonfigMonorepo.Create();
        repo.Move("apps/shop/dev", "apps/shop/staging").Commit("rename stack");

        var report = repo.Detect("HEAD~1");

        report.Result.Stacks.Select(s => (s.Path, s.Deleted, s.ProjectPath)).Should().Equal(
            ("apps/shop/dev", true, "apps/shop"),
            ("apps/shop/staging", false, "apps/shop"));
        report.Result.TotalStacks.Should().Be(5);
    }

    [Fact]
    public void A_deleted_file_of_a_shared_package_finds_its_users_on_the_base_tree()
    {
        using var repo = KonfigMonorepo.Create();
        repo.Delete($"{KonfigMonorepo.Backend}/scaling.k").Commit("drop scaling");

        var report = repo.Detect("HEAD~1");

        StackPaths(report).Should().Equal(Sorted(KonfigMonorepo.OrdersStacks.Concat(KonfigMonorepo.ShopStacks)));
        report.Result.Stacks.Should().OnlyContain(s => !s.Deleted);
        report.Result.Stacks[0].Reason[0].Should().Be(new Affected.Analysis.ReasonStep("file", "base/pkg/platform/backend/scaling.k", "deleted"));
    }

    [Fact]
    public void A_deleted_stack_is_reported_as_deleted()
    {
        using var repo = KonfigMonorepo.Create();
        repo.DeleteFolder("apps/shop/prod").Commit("drop prod");

        var report = repo.Detect("HEAD~1");

        report.Result.Stacks.Should().ContainSingle().Which.Should().Match<Affected.Analysis.AffectedStack>(s =>
            s.Path == "apps/shop/prod" && s.Deleted && s.ProjectPath == "apps/shop");
        report.Result.TotalStacks.Should().Be(4);
    }

    [Fact]
    public void An_imported_package_deleted_entirely_affects_its_importers_stacks()
    {
        using var repo = KonfigMonorepo.Create();
        repo.DeleteFolder(KonfigMonorepo.Monitoring).Commit("drop monitoring; orders/base/base.k still imports it");

        var report = repo.Detect("HEAD~1");

        StackPaths(report).Should().Equal(KonfigMonorepo.OrdersStacks);
        report.Result.Stacks.Should().OnlyContain(s => !s.Deleted);
    }

    [Fact]
    public void A_deleted_data_file_read_with_file_read_affects_its_readers()
    {
        using var repo = KonfigMonorepo.Create();
        repo.Delete("apps/shop/data/motd.txt").Commit("drop motd");

        var report = repo.Detect("HEAD~1");

        StackPaths(report).Should().Equal(KonfigMonorepo.ShopStacks);
    }
}
