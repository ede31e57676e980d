using FluentAssertions;
using Konfig.Rewrite.Bulk;
using Konfig.Rewrite.Git;
using Konfig.Rewrite.Tests.TestDoubles;
using Konfig.Workspace.Compilation;
using Konfig.Workspace.Discovery;

namespace Konfig.Rewrite.Tests.Git;

/// <summary>Commits of rewrites, read back with the real git.</summary>
public sealed class RewriteCommitterTests : IDisposable
{
    private const string DevMain = "konfig/apps/status-page/dev/main.k";
    private const string DevGolden = "konfig/apps/status-page/dev/ci-test/stdout.golden.yaml";

    private readonly KonfigGitRepository _repository = new("status-page");
    private readonly RewriteCommitter _committer = new(TimeProvider.System);
    private readonly string _base;

    public RewriteCommitterTests() => _base = _repository.CommitAll("the monorepo");

    public void Dispose() => _repository.Dispose();

    [Fact]
    public void Commits_on_a_new_branch_and_leaves_the_checkout_alone()
    {
        var result = Commit(NodePort());

        result.Outcome.Should().Be(RewriteCommitOutcome.Created);
        result.Branch.Should().MatchRegex("^konfig/rewrite/replace-nodeport-30080-with-nodeport-300-[0-9a-f]{8}$");
        result.BaseSha.Should().Be(_base);
        _repository.Git("rev-parse", result.Branch!).Should().Be(result.CommitSha);
        _repository.Git("rev-parse", result.Branch + "^").Should().Be(_base);
        _repository.Git("diff", "--name-only", "main", result.Branch!).Split('\n').Should().BeEquivalentTo(DevMain, DevGolden);
        _repository.Git("show", $"{result.Branch}:{DevMain}").Should().Contain("nodePort = 30081");

        // The user's checkout: same branch, same HEAD, clean index and working tree.
        _repository.Git("symbolic-ref", "--short", "HEAD").Should().Be("main");
        _repository.Git("rev-parse", "HEAD").Should().Be(_base);
        _repository.Git("status", "--porcelain").Should().BeEmpty();

        _repository.Git("log", "-1", "--format=%B", result.Branch!).Should().Be(
            "konfig rewrite: replace nodePort = 30080 with nodePort = 30081\n\nRewrites 1 stack:\n- apps/status-page/dev");
    }

    [Fact]
    public void The_same_rewrite_again_changes_nothing_and_on_a_newer_head_moves_the_branch()
    {
        var first = Commit(NodePort());
        var again = Commit(NodePort());
        again.Outcome.Should().Be(RewriteCommitOutcome.UpToDate);
        again.CommitSha.Should().Be(first.CommitSha);

        _repository.Write("README.md", "news\n");
        var newer = _repository.CommitAll("unrelated");
        var moved = Commit(NodePort());
        moved.Outcome.Should().Be(RewriteCommitOutcome.Updated);
        moved.Branch.Should().Be(first.Branch);
        _repository.Git("rev-parse", moved.Branch + "^").Should().Be(newer);
        _repository.Git("branch", "--list", "konfig/rewrite/*").Split('\n').Should().ContainSingle();
    }

    [Fact]
    public void A_rewrite_that_changes_nothing_makes_no_commit_and_no_branch()
    {
        var result = Commit(Rewrite(new ReplaceTextRewrite("no such text", "x")));
        result.Outcome.Should().Be(RewriteCommitOutcome.NothingToCommit);
        _repository.Git("branch", "--list", "konfig/rewrite/*").Should().BeEmpty();
    }

    [Fact]
    public void Uncommitted_edits_in_a_rewritten_file_are_refused()
    {
        _repository.Append(DevMain, "# local edit\n");
        var result = Commit(NodePort());
        result.Outcome.Should().Be(RewriteCommitOutcome.Failed);
        result.Error.Should().Be($"{DevMain}: the file has uncommitted changes; commit or stash it first, so the rewrite starts from HEAD");
        _repository.Git("branch", "--list", "konfig/rewrite/*").Should().BeEmpty();
    }

    [Fact]
    public void Branch_names_are_deterministic_and_distinct()
    {
        RewriteBranch.NameFor("a.b=1").Should().Be(RewriteBranch.NameFor("a.b=1"));
        RewriteBranch.NameFor("a.b=1").Should().NotBe(RewriteBranch.NameFor("a.b=2"));
        RewriteBranch.NameFor("a.b=1").Should().MatchRegex("^konfig/rewrite/a-b-1-[0-9a-f]{8}$");
        RewriteBranch.NameFor(new string('x', 100)).Length.Should().Be("konfig/rewrite/".Length + 40 + 1 + 8);
    }

    [Fact]
    public void Commit_message_caps_the_stack_list() =>
        RewriteCommitMessage.Create("d", [.. Enumerable.Range(1, 25).Select(i => $"s{i}")]).Should()
            .EndWith("- s20\n- and 5 more\n").And.StartWith("konfig rewrite: d\n\nRewrites 25 stacks:\n- s1\n");

    [Fact]
    public void Pushes_the_branch_to_a_remote_and_overwrites_it_on_a_re_run()
    {
        using var remote = TempGitRepository.Init("--bare");
        _repository.Git("remote", "add", "origin", remote.Root);
        var first = Commit(NodePort());
        BranchPusher.Push(_repository.Root, "origin", first.Branch!).Should().BeNull();
        remote.Git("rev-parse", first.Branch!).Should().Be(first.CommitSha);

        _repository.Write("README.md", "news\n");
        _repository.CommitAll("unrelated");
        var moved = Commit(NodePort());
        BranchPusher.Push(_repository.Root, "origin", moved.Branch!).Should().BeNull();
        remote.Git("rev-parse", moved.Branch!).Should().Be(moved.CommitSha);

        BranchPusher.Push(_repository.Root, "upstream", moved.Branch!).Should().Be("the repository has no remote 'upstream' (remotes: origin)");
    }

    private BulkRewriteResult NodePort() => Rewrite(new ReplaceTextRewrite("nodePort = 30080", "nodePort = 30081"));

    private BulkRewriteResult Rewrite(IFileRewrite rewrite)
    {
        var workspace = WorkspaceDiscovery.Discover(_repository.PathOf("konfig"));
        var result = BulkRewrite.Run(workspace.Stacks, rewrite, new BulkRewriteOptions
        {
            UpdateGoldens = true,
            Compile = new StackCompileOptions { MaxParallelism = 2 },
        });
        result.Errors.Should().BeEmpty();
        return result;
    }

    private RewriteCommitResult Commit(BulkRewriteResult rewrite) => _committer.Commit(_repository.PathOf("konfig"), rewrite);
}
