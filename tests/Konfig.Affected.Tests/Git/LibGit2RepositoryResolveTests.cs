using FluentAssertions;

namespace Konfig.Affected.Tests.Git;

public sealed class LibGit2RepositoryResolveTests : IDisposable
{
    private readonly TempGitRepository _git = TempGitRepository.Init();
    private readonly string _first;
    private readonly string _second;

    public LibGit2RepositoryResolveTests()
    {
        _git.Write("a.txt", "one\n");
        _first = _git.CommitAll("first");
        _git.Write("a.txt", "two\n");
        _second = _git.CommitAll("second");
        _git.Git("tag", "light", _first);
        _git.Git("tag", "-a", "-m", "annotated", "v1", _first);
        _git.Git("branch", "feature", _first);
    }

    public void Dispose() => _git.Dispose();

    [Theory]
    [InlineData("HEAD", "second")]
    [InlineData("main", "second")]
    [InlineData("refs/heads/main", "second")]
    [InlineData("HEAD~1", "first")]
    [InlineData("HEAD^", "first")]
    [InlineData("feature", "first")]
    [InlineData("light", "first")]
    [InlineData("v1", "first")]
    public void A_revision_naming_a_commit_resolves_to_it_and_its_tree(string revision, string expected)
    {
        using var repository = _git.Open();

        var commit = repository.Resolve(revision);

        var sha = expected == "first" ? _first : _second;
        commit.Should().NotBeNull();
        commit!.Sha.Should().Be(sha).And.Be(_git.Git("rev-parse", revision + "^{commit}"));
        commit.TreeId.Should().Be(_git.Git("rev-parse", sha + "^{tree}"));
    }

    [Fact]
    public void Full_and_abbreviated_shas_resolve()
    {
        using var repository = _git.Open();

        repository.Resolve(_first)!.Sha.Should().Be(_first);
        repository.Resolve(_first[..8])!.Sha.Should().Be(_first);
    }

    [Theory]
    [InlineData("no-such-branch")]
    [InlineData("origin/main")]
    [InlineData("HEAD~5")]
    [InlineData("0000000000000000000000000000000000000000")]
    [InlineData("main..feature")]
    [InlineData("HEAD^{tree}")]
    [InlineData("HEAD:a.txt")]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("@{-1}")]
    [InlineData("HEAD^{")]
    public void A_revision_that_names_no_commit_resolves_to_null(string revision)
    {
        using var repository = _git.Open();

        repository.Resolve(revision).Should().BeNull();
    }

    [Fact]
    public void An_ambiguous_short_sha_resolves_to_null()
    {
        var prefix = _first[..4];
        using (var before = _git.Open())
            before.Resolve(prefix)!.Sha.Should().Be(_first, "the prefix is unique so far");

        // Store a blob whose id starts with the same four hex digits: the prefix now names two objects.
        var content = BlobContentWithIdPrefix(prefix);
        File.WriteAllText(_git.PathOf("collision.txt"), content);
        _git.Git("hash-object", "-w", "collision.txt")[..4].Should().Be(prefix);
        using var repository = _git.Open();

        repository.Resolve(prefix).Should().BeNull();
    }

    private static string BlobContentWithIdPrefix(string prefix)
    {
        for (var i = 0; ; i++)
        {
            var content = $"collision {i}\n";
            var header = $"blob {System.Text.Encoding.UTF8.GetByteCount(content)}\0";
            var id = Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(header + content)));
            if (id.StartsWith(prefix, StringComparison.Ordinal))
                return content;
        }
    }
}
