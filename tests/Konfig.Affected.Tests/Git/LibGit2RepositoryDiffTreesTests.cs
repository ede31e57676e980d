using FluentAssertions;
using Konfig.Affected.Git;

namespace Konfig.Affected.Tests.Git;

public sealed class LibGit2RepositoryDiffTreesTests : IDisposable
{
    private readonly TempGitRepository _git = TempGitRepository.Init();

    public void Dispose() => _git.Dispose();

    private (IReadOnlyList<GitChange> Ours, IReadOnlyList<string> Gits) Diff(string from, string to)
    {
        using var repository = _git.Open();
        var changes = repository.DiffTrees(repository.Resolve(from)!.TreeId, repository.Resolve(to)!.TreeId);
        return (changes, GitNameStatus.FromGit(_git, from, to));
    }

    private void CommitBase()
    {
        _git.Write("apps/web/dev/main.k", "replicas = 1\nimage = \"web:1\"\nport = 8080\nname = \"web\"\n")
            .Write("apps/web/prod/main.k", "replicas = 3\nimage = \"web:1\"\nport = 8080\nname = \"web\"\n")
            .Write("apps/api/base/base.k", string.Concat(Enumerable.Range(0, 20).Select(i => $"line{i} = {i}\n")))
            .Write("README.md", "# monorepo\n");
        _git.CommitAll("base");
    }

    [Fact]
    public void An_edited_file_is_modified_with_the_blob_ids_of_both_sides()
    {
        CommitBase();
        _git.Write("apps/web/dev/main.k", "replicas = 2\n");
        _git.CommitAll("edit");

        var (ours, gits) = Diff("HEAD~1", "HEAD");

        GitNameStatus.Of(ours).Should().Equal(gits).And.Equal("M\tapps/web/dev/main.k");
        var change = ours.Single();
        change.OldPath.Should().Be("apps/web/dev/main.k");
        change.OldBlobId.Should().Be(_git.Git("rev-parse", "HEAD~1:apps/web/dev/main.k"));
        change.NewBlobId.Should().Be(_git.Git("rev-parse", "HEAD:apps/web/dev/main.k"));
        change.Paths.Should().Equal("apps/web/dev/main.k");
    }

    [Fact]
    public void Added_and_deleted_files_have_a_blob_id_on_one_side_only()
    {
        CommitBase();
        _git.Write("apps/new/dev/main.k", "x = 1\n").Delete("README.md");
        _git.CommitAll("add and delete");

        var (ours, gits) = Diff("HEAD~1", "HEAD");

        GitNameStatus.Of(ours).Should().Equal(gits).And.Equal("A\tapps/new/dev/main.k", "D\tREADME.md");
        var added = ours.Single(c => c.Kind == GitChangeKind.Added);
        added.OldPath.Should().BeNull();
        added.OldBlobId.Should().BeNull();
        added.NewBlobId.Should().Be(_git.Git("rev-parse", "HEAD:apps/new/dev/main.k"));
        var deleted = ours.Single(c => c.Kind == GitChangeKind.Deleted);
        deleted.OldPath.Should().Be("README.md");
        deleted.OldBlobId.Should().Be(_git.Git("rev-parse", "HEAD~1:README.md"));
        deleted.NewBlobId.Should().BeNull();
    }

    [Fact]
    public void A_moved_file_is_a_rename_that_keeps_both_paths()
    {
        CommitBase();
        _git.Move("apps/api/base/base.k", "apps/api2/base/base.k");
        _git.CommitAll("move");

        var (ours, gits) = Diff("HEAD~1", "HEAD");

        GitNameStatus.Of(ours).Should().Equal(gits).And.Equal("R\tapps/api/base/base.k\tapps/api2/base/base.k");
        var rename = ours.Single();
        rename.Paths.Should().Equal("apps/api/base/base.k", "apps/api2/base/base.k");
        rename.OldBlobId.Should().Be(rename.NewBlobId);
    }

    [Fact]
    public void A_moved_and_edited_file_is_still_a_rename()
    {
        CommitBase();
        _git.Move("apps/api/base/base.k", "apps/api/base/app.k");
        File.AppendAllText(_git.PathOf("apps/api/base/app.k"), "extra = true\n");
        _git.CommitAll("move and edit");

        var (ours, gits) = Diff("HEAD~1", "HEAD");

        GitNameStatus.Of(ours).Should().Equal(gits).And.Equal("R\tapps/api/base/base.k\tapps/api/base/app.k");
        var rename = ours.Single();
        rename.OldBlobId.Should().Be(_git.Git("rev-parse", "HEAD~1:apps/api/base/base.k"));
        rename.NewBlobId.Should().Be(_git.Git("rev-parse", "HEAD:apps/api/base/app.k"));
    }

    [Fact]
    public void A_moved_file_rewritten_beyond_recognition_is_a_delete_and_an_add()
    {
        // Rename detection follows git's 50% similarity threshold: 20 lines with 15 replaced is no rename.
        CommitBase();
        _git.Move("apps/api/base/base.k", "apps/api/base/app.k");
        _git.Write("apps/api/base/app.k", string.Concat(Enumerable.Range(0, 20).Select(i => i < 5 ? $"line{i} = {i}\n" : $"other{i} = {i * 7}\n")));
        _git.CommitAll("move and rewrite");

        var (ours, gits) = Diff("HEAD~1", "HEAD");

        GitNameStatus.Of(ours).Should().Equal(gits).And.Equal("A\tapps/api/base/app.k", "D\tapps/api/base/base.k");
    }

    [Fact]
    public void A_file_replaced_by_a_symlink_and_back_is_a_type_change()
    {
        CommitBase();
        _git.Delete("README.md").Symlink("README.md", "apps/web/dev/main.k");
        _git.CommitAll("file to symlink");
        _git.Delete("README.md").Write("README.md", "# back\n");
        _git.CommitAll("symlink to file");

        var (toLink, gitsToLink) = Diff("HEAD~2", "HEAD~1");
        var (toFile, gitsToFile) = Diff("HEAD~1", "HEAD");

        GitNameStatus.Of(toLink).Should().Equal(gitsToLink).And.Equal("T\tREADME.md");
        GitNameStatus.Of(toFile).Should().Equal(gitsToFile).And.Equal("T\tREADME.md");
        toLink.Single().NewBlobId.Should().Be(_git.Git("rev-parse", "HEAD~1:README.md"));
    }

    [Fact]
    public void A_mode_only_change_is_a_modification()
    {
        CommitBase();
        _git.Git("update-index", "--chmod=+x", "README.md");
        _git.Git("commit", "-q", "-m", "chmod +x");
        _git.Git("ls-tree", "HEAD", "README.md").Should().StartWith("100755");

        var (ours, gits) = Diff("HEAD~1", "HEAD");

        GitNameStatus.Of(ours).Should().Equal(gits).And.Equal("M\tREADME.md");
        ours.Single().OldBlobId.Should().Be(ours.Single().NewBlobId);
    }

    [Fact]
    public void Many_kinds_of_change_at_once_match_git()
    {
        CommitBase();
        _git.Write("apps/web/dev/main.k", "replicas = 5\n")
            .Delete("apps/web/prod/main.k")
            .Write("apps/web/prod/values.k", "replicas = 3\nimage = \"web:1\"\nport = 8080\nname = \"web\"\n")
            .Write("docs/a.md", "a\n");
        _git.Move("apps/api", "services/api");
        _git.CommitAll("everything");

        var (ours, gits) = Diff("HEAD~1", "HEAD");

        GitNameStatus.Of(ours).Should().Equal(gits);
        ours.Should().HaveCount(4);
        ours.Select(c => c.Path).Should().BeInAscendingOrder(StringComparer.Ordinal);
    }

    [Fact]
    public void The_same_tree_on_both_sides_has_no_changes()
    {
        CommitBase();
        _git.CommitAll("empty commit");

        var (ours, gits) = Diff("HEAD~1", "HEAD");

        gits.Should().BeEmpty();
        ours.Should().BeEmpty();
    }

    [Fact]
    public void From_the_empty_tree_every_file_is_added()
    {
        CommitBase();
        using var repository = _git.Open();

        var changes = repository.DiffTrees(null, repository.Resolve("HEAD")!.TreeId);

        changes.Should().OnlyContain(c => c.Kind == GitChangeKind.Added && c.NewBlobId != null);
        changes.Select(c => c.Path).Should().Equal(_git.GitLines("ls-tree", "-r", "--name-only", "HEAD"));
    }

    [Fact]
    public void The_diff_from_the_merge_base_shows_only_the_feature_branch_changes()
    {
        CommitBase();
        _git.Git("checkout", "-q", "-b", "feature");
        _git.Write("apps/web/dev/main.k", "replicas = 9\n");
        _git.CommitAll("feature work");
        _git.Git("checkout", "-q", "main");
        _git.Write("README.md", "# main moved on\n");
        var mainTip = _git.CommitAll("main work");
        using var repository = _git.Open();
        var main = repository.Resolve("main")!;
        var feature = repository.Resolve("feature")!;

        var mergeBase = repository.MergeBase(main, feature);

        mergeBase!.Sha.Should().Be(_git.Git("merge-base", "main", "feature")).And.NotBe(mainTip);
        GitNameStatus.Of(repository.DiffTrees(mergeBase.TreeId, feature.TreeId))
            .Should().Equal(GitNameStatus.FromGit(_git, mergeBase.Sha, "feature")).And.Equal("M\tapps/web/dev/main.k");
        GitNameStatus.Of(repository.DiffTrees(main.TreeId, feature.TreeId))
            .Should().Contain("M\tREADME.md", "the base branch tip itself differs in the file main changed");
    }

    [Fact]
    public void Histories_that_share_no_commit_have_no_merge_base()
    {
        CommitBase();
        _git.Git("checkout", "-q", "--orphan", "other");
        _git.Git("rm", "-q", "-r", "--cached", ".");
        _git.Write("other.txt", "other\n");
        _git.Git("add", "other.txt");
        _git.Git("commit", "-q", "-m", "unrelated");
        using var repository = _git.Open();

        repository.MergeBase(repository.Resolve("main")!, repository.Resolve("other")!).Should().BeNull();
    }
}
