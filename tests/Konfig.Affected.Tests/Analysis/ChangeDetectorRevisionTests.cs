using FluentAssertions;
using Konfig.Affected.Git;
using Konfig.Affected.Tests.Git;
using static Konfig.Affected.Tests.Analysis.ChangeDetectorStackTests;

namespace Konfig.Affected.Tests.Analysis;

/// <summary>
/// What is compared: the merge base of a moved-on base branch, an empty diff, revisions that cannot be
/// trusted or found, uncommitted changes, and where in which layout of repository detection runs from.
/// </summary>
public sealed class ChangeDetectorRevisionTests
{
    [Fact]
    public void Changes_on_the_base_branch_after_the_fork_do_not_count()
    {
        using var repo = KonfigMonorepo.Create();
        var fork = repo.Git.Git("rev-parse", "HEAD");
        repo.Git.Git("checkout", "-q", "-b", "feature");
        repo.Touch("apps/shop/dev/main.k").Commit("feature edits shop/dev");
        repo.Git.Git("checkout", "-q", "main");
        repo.Touch("apps/orders/prod/main.k").Commit("main moves on: orders/prod");

        var report = repo.Detect("main", "feature");

        report.MergeBase.Should().Be(fork);
        report.Base!.Commit.Should().Be(repo.Git.Git("rev-parse", "main"));
        report.Head.Commit.Should().Be(repo.Git.Git("rev-parse", "feature"));
        StackPaths(report).Should().Equal("apps/shop/dev");
    }

    [Fact]
    public void Comparing_a_commit_with_itself_affects_nothing()
    {
        using var repo = KonfigMonorepo.Create();

        var report = repo.Detect("HEAD", "HEAD");

        report.Changes.Should().BeEmpty();
        report.Result.Stacks.Should().BeEmpty();
        report.Result.EverythingReason.Should().BeNull();
        report.Result.TotalStacks.Should().Be(5);
    }

    [Fact]
    public void An_unknown_base_revision_affects_everything_and_names_the_revision()
    {
        using var repo = KonfigMonorepo.Create();

        var report = repo.Detect("origin/no-such-branch");

        report.Result.EverythingReason.Should().Contain("origin/no-such-branch");
        report.Base!.Commit.Should().BeNull();
        StackPaths(report).Should().Equal(repo.AllStacks);
    }

    [Fact]
    public void A_shallow_clone_affects_everything_because_the_merge_base_cannot_be_trusted()
    {
        using var origin = KonfigMonorepo.Create();
        origin.Touch("apps/tools/dev/main.k").Commit("second");
        using var clone = TempGitRepository.Clone(origin.Git, "--depth", "1");

        var (report, error) = ChangeDetector.Detect(new ChangeDetectionRequest { RepositoryPath = clone.Root, Base = "HEAD", Head = "HEAD" });

        error.Should().BeNull();
        report!.Result.EverythingReason.Should().Contain("shallow");
        report.Result.Stacks.Select(s => s.Path).Should().Equal(origin.AllStacks);
    }

    [Fact]
    public void An_unknown_head_is_an_error()
    {
        using var repo = KonfigMonorepo.Create();

        var (report, error) = ChangeDetector.Detect(new ChangeDetectionRequest { RepositoryPath = repo.Git.Root, Base = "main", Head = "no-such-head" });

        report.Should().BeNull();
        error!.Message.Should().Contain("no-such-head");
    }

    [Fact]
    public void A_folder_outside_any_repository_is_an_error_not_an_exception()
    {
        using var folder = TempGitRepository.CreateEmptyFolder();

        var (report, error) = ChangeDetector.Detect(new ChangeDetectionRequest { RepositoryPath = folder.Root, Base = "main" });

        report.Should().BeNull();
        error.Should().NotBeNull();
    }

    [Fact]
    public void With_the_working_tree_uncommitted_edits_and_untracked_files_count()
    {
        using var repo = KonfigMonorepo.Create();
        repo.Touch("apps/shop/prod/main.k").Commit("committed");
        repo.Touch("apps/orders/dev/main.k");
        repo.Write("apps/tools/dev/ci-test/new.yaml", "untracked: true\n");

        var committedOnly = repo.Detect("HEAD~1");
        var withWorkingTree = repo.Detect("HEAD~1", workingTree: true);

        StackPaths(committedOnly).Should().Equal("apps/shop/prod");
        withWorkingTree.IncludesWorkingTree.Should().BeTrue();
        StackPaths(withWorkingTree).Should().Equal("apps/orders/dev", "apps/shop/prod", "apps/tools/dev");
    }

    [Fact]
    public void Without_a_base_only_uncommitted_changes_count()
    {
        using var repo = KonfigMonorepo.Create();
        repo.Touch("apps/shop/prod/main.k").Commit("committed, so not compared");
        repo.Touch($"{KonfigMonorepo.Monitoring}/alerts.k");
        repo.Write("apps/shop/data/motd.txt", "uncommitted\n");

        var report = repo.Detect(baseRevision: null);

        report.Base.Should().BeNull();
        report.MergeBase.Should().BeNull();
        report.IncludesWorkingTree.Should().BeTrue();
        report.Changes.Select(c => (c.Kind, c.Path)).Should().Equal(
            (GitChangeKind.Modified, "apps/shop/data/motd.txt"),
            (GitChangeKind.Modified, "base/pkg/platform/monitoring/alerts.k"));
        StackPaths(report).Should().Equal(Sorted(KonfigMonorepo.OrdersStacks.Concat(KonfigMonorepo.ShopStacks)));
    }

    [Fact]
    public void An_untracked_new_package_file_imported_by_an_uncommitted_edit_counts()
    {
        using var repo = KonfigMonorepo.Create();
        repo.Write("base/pkg/platform/quotas/quotas.k", "cpu = \"2\"\n");
        repo.Write("apps/tools/dev/main.k", "import base.pkg.platform.quotas\n\nname = \"tools\"\nquota = quotas.cpu\n");

        var report = repo.Detect(baseRevision: null);

        StackPaths(report).Should().Equal("apps/tools/dev");
        report.Changes.Select(c => (c.Kind, c.Path)).Should().Equal(
            (GitChangeKind.Modified, "apps/tools/dev/main.k"),
            (GitChangeKind.Added, "base/pkg/platform/quotas/quotas.k"));
    }

    [Fact]
    public void A_committed_rename_edited_again_in_the_working_tree_still_counts_its_old_path()
    {
        using var repo = KonfigMonorepo.Create();
        // Only the old path (monitoring, imported by orders) reaches a stack; the new package is unused.
        repo.Move($"{KonfigMonorepo.Monitoring}/alerts.k", "base/pkg/platform/unused/alerts.k").Commit("move");
        repo.Touch("base/pkg/platform/unused/alerts.k");

        var report = repo.Detect("HEAD~1", workingTree: true);

        report.Changes.Should().ContainSingle().Which.Should().Match<GitChange>(c =>
            c.Kind == GitChangeKind.Renamed && c.OldPath == "base/pkg/platform/monitoring/alerts.k" && c.Path == "base/pkg/platform/unused/alerts.k");
        StackPaths(report).Should().Equal(KonfigMonorepo.OrdersStacks);
    }

    [Fact]
    public void A_file_added_in_a_commit_and_deleted_in_the_working_tree_is_no_change()
    {
        using var repo = KonfigMonorepo.Create();
        repo.Write($"{KonfigMonorepo.Monitoring}/slo.k", "target = 0.999\n").Commit("add slo");
        repo.Delete($"{KonfigMonorepo.Monitoring}/slo.k");

        var report = repo.Detect("HEAD~1", workingTree: true);

        report.Changes.Should().BeEmpty();
        StackPaths(report).Should().BeEmpty();
    }

    [Fact]
    public void A_file_added_in_a_commit_and_edited_in_the_working_tree_is_added()
    {
        using var repo = KonfigMonorepo.Create();
        repo.Write("apps/shop/prod/extra.k", "extra = 1\n").Commit("add extra");
        repo.Touch("apps/shop/prod/extra.k");

        var report = repo.Detect("HEAD~1", workingTree: true);

        report.Changes.Select(c => (c.Kind, c.Path, c.OldPath)).Should().Equal((GitChangeKind.Added, "apps/shop/prod/extra.k", (string?)null));
        StackPaths(report).Should().Equal("apps/shop/prod");
    }

    [Fact]
    public void Working_tree_with_a_head_other_than_HEAD_is_an_error()
    {
        using var repo = KonfigMonorepo.Create();
        repo.Touch("apps/tools/dev/main.k").Commit("second");

        var (report, error) = ChangeDetector.Detect(new ChangeDetectionRequest { RepositoryPath = repo.Git.Root, Base = "HEAD~1", Head = "HEAD~1", WorkingTree = true });

        report.Should().BeNull();
        error!.Kind.Should().Be(ChangeDetectionErrorKind.WorkingTreeNotAtHead);
        error.Message.Should().Contain("uncommitted changes").And.Contain("'HEAD~1'").And.NotContain("--");
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("", "apps/orders")]
    [InlineData("konfig/", null)]
    [InlineData("konfig/", "konfig/base/pkg")]
    public void Konfig_only_and_nested_layouts_work_from_the_root_and_from_a_subfolder(string prefix, string? from)
    {
        using var repo = KonfigMonorepo.Create(prefix);
        repo.Touch($"{KonfigMonorepo.Monitoring}/alerts.k").Touch("apps/tools/dev/ci-test/settings.yaml").Touch($"{KonfigMonorepo.Render}/audit.k").Commit("three changes");

        var report = repo.Detect("HEAD~1", from: from);

        report.RepositoryRoot.TrimEnd('/').Should().Be(repo.Git.Root.TrimEnd('/'));
        report.Changes.Select(c => c.Path).Should().Equal(
            repo.At("apps/tools/dev/ci-test/settings.yaml"), repo.At("base/pkg/platform/monitoring/alerts.k"), repo.At("base/pkg/platform/render/audit.k"));
        // audit.k is listed as ${KCL_MOD}/base/pkg/platform/render/audit.k: the kcl.mod folder, wherever it is.
        StackPaths(report).Should().Equal(repo.At(Sorted(KonfigMonorepo.OrdersStacks.Concat(KonfigMonorepo.ToolsStacks).Append("apps/shop/prod"))));
    }
}
