using FluentAssertions;
using Konfig.Affected.Selection;
using Konfig.Affected.Tests.Analysis;
using Konfig.Workspace.Discovery;

namespace Konfig.Affected.Tests.Selection;

/// <summary>Stacks chosen by change detection, from plain base/head/working-tree parameters, on real git repositories.</summary>
public sealed class AffectedStackSelectorTests
{
    [Fact]
    public void Selects_the_affected_stacks_of_the_workspace_in_workspace_order()
    {
        using var repo = KonfigMonorepo.Create();
        repo.Touch($"{KonfigMonorepo.Monitoring}/alerts.k").Touch("apps/tools/dev/main.k").Commit("change");

        var selection = Select(repo, repo.Git.Root, "HEAD~1");

        selection.Stacks.Select(s => s.Path).Should().Equal("apps/orders/dev", "apps/orders/prod", "apps/tools/dev");
        selection.EverythingReason.Should().BeNull();
        selection.Skipped.Should().BeEmpty();
    }

    [Fact]
    public void Uncommitted_changes_count_without_a_base_or_when_asked_for()
    {
        using var repo = KonfigMonorepo.Create();
        repo.Touch("apps/tools/dev/main.k");

        Select(repo, repo.Git.Root, baseRevision: null).Stacks.Select(s => s.Path).Should().Equal("apps/tools/dev");
        Select(repo, repo.Git.Root, baseRevision: "HEAD").Stacks.Should().BeEmpty();
        Select(repo, repo.Git.Root, baseRevision: "HEAD", workingTree: true).Stacks.Select(s => s.Path).Should().Equal("apps/tools/dev");
    }

    [Fact]
    public void A_deleted_stack_is_skipped_and_said_so()
    {
        using var repo = KonfigMonorepo.Create();
        repo.Move("apps/shop/dev", "apps/shop/staging").Commit("rename stack");

        var selection = Select(repo, repo.Git.Root, "HEAD~1");

        selection.Stacks.Select(s => s.Path).Should().Equal("apps/shop/staging");
        selection.Skipped.Should().Equal(new SkippedStack("apps/shop/dev", SkipReason.Deleted));
    }

    [Fact]
    public void A_change_to_kcl_mod_selects_every_stack_with_the_reason()
    {
        using var repo = KonfigMonorepo.Create();
        repo.Touch("kcl.mod", "# edition").Commit("kcl.mod");

        var selection = Select(repo, repo.Git.Root, "HEAD~1");

        selection.EverythingReason.Should().Contain("kcl.mod");
        selection.Stacks.Should().HaveCount(5);
    }

    [Fact]
    public void A_stack_of_another_workspace_is_skipped_as_outside()
    {
        using var repo = KonfigMonorepo.Create("konfig/");
        repo.Git.Write("other/kcl.mod", "[package]\nname = \"other\"\n")
            .Write("other/apps/x/project.yaml", "name: x\n")
            .Write("other/apps/x/dev/stack.yaml", "name: dev\n")
            .Write("other/apps/x/dev/kcl.yaml", "kcl_cli_configs:\n  file:\n    - main.k\n")
            .Write("other/apps/x/dev/main.k", "a = 1\n");
        repo.Commit("another workspace");
        repo.Git.Write("other/apps/x/dev/main.k", "a = 2\n");
        repo.Touch("apps/tools/dev/main.k").Commit("change both");

        var selection = Select(repo, repo.Git.PathOf("konfig"), "HEAD~1");

        selection.Stacks.Select(s => s.Path).Should().Equal("apps/tools/dev");
        selection.Skipped.Should().Equal(new SkippedStack("other/apps/x/dev", SkipReason.OutsideWorkspace));
    }

    [Fact]
    public void An_unknown_base_selects_every_stack_saying_why()
    {
        using var repo = KonfigMonorepo.Create();

        var selection = Select(repo, repo.Git.Root, "no-such-branch");

        selection.EverythingReason.Should().Contain("'no-such-branch' was not found");
        selection.Stacks.Should().HaveCount(5);
    }

    [Fact]
    public void An_unknown_head_is_an_error_not_a_selection()
    {
        using var repo = KonfigMonorepo.Create();

        var (selection, error) = AffectedStackSelector.Select(
            WorkspaceDiscovery.Discover(repo.Git.Root),
            new ChangeDetectionRequest { RepositoryPath = repo.Git.Root, Base = "HEAD", Head = "no-such-branch" });

        selection.Should().BeNull();
        error!.Kind.Should().Be(ChangeDetectionErrorKind.HeadNotFound);
        error.Message.Should().Contain("'no-such-branch' was not found").And.NotContain("--");
    }

    private static AffectedStackSelection Select(KonfigMonorepo repo, string workspaceRoot, string? baseRevision, bool workingTree = false)
    {
        var (selection, error) = AffectedStackSelector.Select(
            WorkspaceDiscovery.Discover(workspaceRoot),
            new ChangeDetectionRequest { RepositoryPath = repo.Git.Root, Base = baseRevision, Head = "HEAD", WorkingTree = workingTree });
        error.Should().BeNull();
        return selection!;
    }
}
