using FluentAssertions;
using Konfig.Affected.Git;

namespace Konfig.Affected.Tests.Git;

public sealed class LibGit2RepositoryWorkingTreeTests : IDisposable
{
    private readonly TempGitRepository _git = TempGitRepository.Init();

    public void Dispose() => _git.Dispose();

    /// <summary>The paths `git status --porcelain -uall` reports, with the new side of renames.</summary>
    private IReadOnlyList<string> GitStatusPaths() =>
        _git.GitLines("-c", "core.quotePath=false", "status", "--porcelain", "-uall")
            .Select(line => line[3..])
            .SelectMany(path => path.Split(" -> "))
            .Order(StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void Staged_unstaged_untracked_and_deleted_files_are_changes_and_ignored_files_are_not()
    {
        _git.Write(".gitignore", "*.log\nbuild/\n")
            .Write("unstaged.txt", "1\n")
            .Write("staged.txt", "1\n")
            .Write("deleted.txt", "1\n")
            .Write("staged-deleted.txt", "1\n")
            .Write("both.txt", "1\n");
        var head = _git.CommitAll("base");

        _git.Write("unstaged.txt", "2\n");
        _git.Write("staged.txt", "2\n").Git("add", "staged.txt");
        _git.Write("both.txt", "2\n").Git("add", "both.txt");
        _git.Write("both.txt", "3\n");
        _git.Write("new-staged.txt", "new\n").Git("add", "new-staged.txt");
        _git.Write("untracked/nested/file.txt", "new\n");
        _git.Delete("deleted.txt");
        _git.Git("rm", "-q", "staged-deleted.txt");
        _git.Write("debug.log", "ignored\n").Write("build/out.txt", "ignored\n");
        using var repository = _git.Open();

        var changes = repository.WorkingTreeChanges();

        GitNameStatus.Of(changes).Should().Equal(
            "A\tnew-staged.txt",
            "A\tuntracked/nested/file.txt",
            "D\tdeleted.txt",
            "D\tstaged-deleted.txt",
            "M\tboth.txt",
            "M\tstaged.txt",
            "M\tunstaged.txt");
        changes.SelectMany(c => c.Paths).Order(StringComparer.Ordinal).Should().Equal(GitStatusPaths());
        changes.Should().OnlyContain(c => c.NewBlobId == null, "working-tree content has no blob");
        changes.Single(c => c.Path == "both.txt").OldBlobId.Should().Be(_git.Git("rev-parse", $"{head}:both.txt"));
        changes.Single(c => c.Path == "deleted.txt").OldBlobId.Should().Be(_git.Git("rev-parse", $"{head}:deleted.txt"));
    }

    [Fact]
    public void A_staged_rename_keeps_both_paths()
    {
        _git.Write("old/name.txt", string.Concat(Enumerable.Range(0, 10).Select(i => $"line {i}\n")));
        _git.CommitAll("base");
        _git.Move("old/name.txt", "new/name.txt");
        using var repository = _git.Open();

        var changes = repository.WorkingTreeChanges();

        GitNameStatus.Of(changes).Should().Equal("R\told/name.txt\tnew/name.txt");
        changes.SelectMany(c => c.Paths).Order(StringComparer.Ordinal).Should().Equal(GitStatusPaths());
    }

    [Fact]
    public void A_clean_working_tree_has_no_changes()
    {
        _git.Write("a.txt", "1\n").Write(".gitignore", "*.log\n");
        _git.CommitAll("base");
        _git.Write("ignored.log", "x\n");
        using var repository = _git.Open();

        repository.WorkingTreeChanges().Should().BeEmpty();
        GitStatusPaths().Should().BeEmpty();
    }

    [Fact]
    public void On_an_unborn_head_every_file_is_added()
    {
        _git.Write("staged.txt", "1\n").Git("add", "staged.txt");
        _git.Write("dir/untracked.txt", "1\n");
        using var repository = _git.Open();

        repository.Resolve("HEAD").Should().BeNull();
        var changes = repository.WorkingTreeChanges();

        GitNameStatus.Of(changes).Should().Equal("A\tdir/untracked.txt", "A\tstaged.txt");
        changes.SelectMany(c => c.Paths).Order(StringComparer.Ordinal).Should().Equal(GitStatusPaths());
    }
}
