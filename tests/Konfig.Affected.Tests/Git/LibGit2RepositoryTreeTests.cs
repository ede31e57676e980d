using System.Text;
using FluentAssertions;
using Konfig.Affected.Git;

namespace Konfig.Affected.Tests.Git;

public sealed class LibGit2RepositoryTreeTests : IDisposable
{
    private readonly TempGitRepository _git = TempGitRepository.Init();

    public void Dispose() => _git.Dispose();

    /// <summary>`git ls-tree -r` lines "path blob-id" for blobs only (gitlinks are commits).</summary>
    private IReadOnlyList<string> GitLsTreeBlobs(string revision) =>
        _git.GitLines("-c", "core.quotePath=false", "ls-tree", "-r", revision)
            .Select(line => line.Split('\t'))
            .Where(parts => parts[0].Split(' ')[1] == "blob")
            .Select(parts => $"{parts[1]} {parts[0].Split(' ')[2]}")
            .ToList();

    [Fact]
    public void Every_file_of_nested_folders_is_listed_in_git_order_with_its_blob_id()
    {
        _git.Write("kcl.mod", "[package]\n")
            .Write("apps/web/project.yaml", "name: web\n")
            .Write("apps/web/dev/main.k", "x = 1\n")
            .Write("apps/web/dev/ci-test/settings.yaml", "a: 1\n")
            .Write("apps/web-api/prod/main.k", "x = 2\n")
            .Write("apps/web.k", "y = 1\n")
            .Write("base/pkg/platform/a b.k", "spaced = True\n")
            .Write("base/pkg/platform/ünïcode.k", "u = 1\n")
            .Symlink("apps/link.k", "web.k");
        var head = _git.CommitAll("tree");
        using var repository = _git.Open();

        var files = repository.ListFiles(repository.Resolve(head)!.TreeId).ToList();

        files.Select(f => $"{f.Path} {f.BlobId}").Should().Equal(GitLsTreeBlobs(head));
        files.Should().HaveCount(9);
        files.Should().Contain(f => f.Path == "apps/web/dev/ci-test/settings.yaml");
    }

    [Fact]
    public void A_submodule_entry_is_left_out_of_the_files_and_of_diffs()
    {
        _git.Write("a.txt", "1\n");
        var first = _git.CommitAll("first");
        // A gitlink entry, as a submodule leaves in the tree, pointing at any commit.
        _git.Git("update-index", "--add", "--cacheinfo", $"160000,{first},vendor/lib");
        _git.Git("commit", "-q", "-m", "add gitlink");
        _git.Git("ls-tree", "-r", "HEAD").Should().Contain("160000 commit");
        using var repository = _git.Open();
        var head = repository.Resolve("HEAD")!;

        repository.ListFiles(head.TreeId).Select(f => f.Path).Should().Equal("a.txt");
        repository.DiffTrees(repository.Resolve(first)!.TreeId, head.TreeId).Should().BeEmpty();
        GitNameStatus.FromGit(_git, first, "HEAD").Should().Equal("A\tvendor/lib");
    }

    [Fact]
    public void The_empty_tree_has_no_files()
    {
        var head = _git.CommitAll("empty");
        using var repository = _git.Open();

        repository.ListFiles(repository.Resolve(head)!.TreeId).Should().BeEmpty();
    }

    [Fact]
    public void A_blob_reads_back_byte_for_byte()
    {
        byte[] binary = [0, 1, 2, 255, 0, 10, 13, 10, 0];
        _git.Write("text.k", "name = \"ünïcode\"\r\nreplicas = 3\n")
            .WriteBytes("binary.bin", binary)
            .Write("empty.txt", "");
        var head = _git.CommitAll("blobs");
        using var repository = _git.Open();
        var files = repository.ListFiles(repository.Resolve(head)!.TreeId).ToDictionary(f => f.Path, f => f.BlobId);

        repository.ReadBlob(files["text.k"]).Should().Equal(Encoding.UTF8.GetBytes("name = \"ünïcode\"\r\nreplicas = 3\n"));
        repository.ReadBlob(files["binary.bin"]).Should().Equal(binary);
        repository.ReadBlob(files["empty.txt"]).Should().BeEmpty();
    }
}
