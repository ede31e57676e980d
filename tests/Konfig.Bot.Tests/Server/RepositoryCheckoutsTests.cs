using FluentAssertions;
using Konfig.Bot.Checkout;

namespace Konfig.Bot.Tests.Server;

/// <summary>Checkouts of GitHub's merge preview (refs/pull/N/merge) from a remote made by real git.</summary>
public sealed class RepositoryCheckoutsTests : IDisposable
{
    private readonly MergePreviewRemote _remote = new();
    private readonly TemporaryFolder _work = new();

    public void Dispose()
    {
        _remote.Dispose();
        _work.Dispose();
    }

    [Fact]
    public async Task The_merge_preview_is_checked_out_detached_with_the_base_as_first_parent()
    {
        _remote.PullRequest(7, "schedule = \"*/5 * * * *\"", "schedule = \"*/10 * * * *\"");
        var checkouts = new RepositoryCheckouts(_work.Path, _remote.Path);

        using var tree = await checkouts.CheckoutAsync("acme/platform", "refs/pull/7/merge");

        tree.Commit.Should().Be(_remote.MergeSha);
        File.ReadAllText(Path.Combine(tree.Path, "konfig/apps/status-page/dev/main.k")).Should().Contain("*/10 * * * *");
        Git(tree.Path, "rev-parse", "HEAD^1").Should().Be(_remote.BaseSha, "the change is HEAD^1..HEAD");
        Git(tree.Path, "rev-parse", "HEAD^2").Should().Be(_remote.HeadSha);
        Git(tree.Path, "status", "--porcelain").Should().BeEmpty("the working tree is exactly the commit");
        Git(tree.Path, "symbolic-ref", "-q", "HEAD", allowFailure: true).Should().BeEmpty("HEAD is detached");
    }

    [Fact]
    public async Task Each_job_gets_its_own_tree_deleted_on_dispose_and_a_moved_ref_is_fetched_again()
    {
        _remote.PullRequest(7, "schedule = \"*/5 * * * *\"", "schedule = \"*/10 * * * *\"");
        var checkouts = new RepositoryCheckouts(_work.Path, _remote.Path);
        var first = await checkouts.CheckoutAsync("acme/platform", "refs/pull/7/merge");

        // A new push to the pull request: GitHub moves refs/pull/7/merge.
        _remote.Write("konfig/apps/status-page/dev/NOTES.md", "more\n");
        var moved = _remote.CommitAll("another change");
        _remote.Git("push", "-q", "-f", _remote.Path, "HEAD:refs/pull/7/merge");
        using var second = await checkouts.CheckoutAsync("acme/platform", "refs/pull/7/merge");

        second.Path.Should().NotBe(first.Path);
        second.Commit.Should().Be(moved);
        File.Exists(Path.Combine(second.Path, "konfig/apps/status-page/dev/NOTES.md")).Should().BeTrue();
        first.Dispose();
        Directory.Exists(first.Path).Should().BeFalse();
        Directory.Exists(second.Path).Should().BeTrue();
    }

    [Fact]
    public async Task A_ref_the_remote_does_not_have_is_an_error_naming_it_even_after_it_existed()
    {
        _remote.PullRequest(7, "schedule = \"*/5 * * * *\"", "schedule = \"*/10 * * * *\"");
        var checkouts = new RepositoryCheckouts(_work.Path, _remote.Path);
        using (await checkouts.CheckoutAsync("acme/platform", "refs/pull/7/merge"))
        {
        }

        // GitHub drops the merge preview when the pull request no longer merges cleanly.
        _remote.Git("push", "-q", _remote.Path, ":refs/pull/7/merge");
        var missing = () => checkouts.CheckoutAsync("acme/platform", "refs/pull/7/merge");
        (await missing.Should().ThrowAsync<CheckoutException>()).Which.Message.Should().Contain("refs/pull/7/merge").And.Contain(_remote.Path);

        var unknown = () => checkouts.CheckoutAsync("acme/platform", "refs/pull/8/merge");
        await unknown.Should().ThrowAsync<CheckoutException>();
        Directory.EnumerateDirectories(Path.Combine(_work.Path, "jobs")).Should().BeEmpty("a failed checkout leaves no tree behind");
    }

    [Fact]
    public async Task A_commit_of_the_branch_is_checked_out_even_after_the_branch_moved_on_and_any_other_commit_is_an_error()
    {
        _remote.PullRequest(7, "schedule = \"*/5 * * * *\"", "schedule = \"*/10 * * * *\"");
        var merge = _remote.MergeIntoMain();
        var later = _remote.ChangeOnMain("schedule = \"*/10 * * * *\"", "schedule = \"*/15 * * * *\"");
        _remote.Git("checkout", "-q", "-b", "other", _remote.BaseSha);
        _remote.Write("konfig/apps/status-page/dev/NOTES.md", "never merged\n");
        var unmerged = _remote.CommitAll("another pull request");
        _remote.Git("push", "-q", _remote.Path, "HEAD:refs/pull/8/merge");
        _remote.Git("checkout", "-q", "main");
        var checkouts = new RepositoryCheckouts(_work.Path, _remote.Path);
        using (await checkouts.CheckoutAsync("acme/platform", "refs/pull/8/merge"))
        {
        }

        using var tree = await checkouts.CheckoutCommitAsync("acme/platform", "refs/heads/main", merge);

        tree.Commit.Should().Be(merge);
        File.ReadAllText(Path.Combine(tree.Path, "konfig/apps/status-page/dev/main.k")).Should().Contain("*/10 * * * *").And.NotContain("*/15");
        Git(tree.Path, "rev-parse", "HEAD^1").Should().Be(_remote.BaseSha);
        (await checkouts.CheckoutCommitAsync("acme/platform", "refs/heads/main", later)).Dispose();

        // Another pull request's commit is in the clone (fetched with its merge preview) but not on main.
        var other = () => checkouts.CheckoutCommitAsync("acme/platform", "refs/heads/main", unmerged);
        (await other.Should().ThrowAsync<CheckoutException>()).Which.Message.Should().Contain(unmerged).And.Contain("refs/heads/main");
        var unknown = () => checkouts.CheckoutCommitAsync("acme/platform", "refs/heads/main", new string('a', 40));
        await unknown.Should().ThrowAsync<CheckoutException>();
        var garbage = () => checkouts.CheckoutCommitAsync("acme/platform", "refs/heads/main", "not-a-sha");
        await garbage.Should().ThrowAsync<CheckoutException>();
    }

    [Fact]
    public void The_remote_template_names_the_repository()
    {
        new RepositoryCheckouts(_work.Path, "https://github.example/{owner}/{name}.git").RemoteOf("acme/platform")
            .Should().Be("https://github.example/acme/platform.git");
        new RepositoryCheckouts(_work.Path, "/srv/git/{repository}").RemoteOf("acme/platform").Should().Be("/srv/git/acme/platform");
    }

    private static string Git(string folder, string command, string argument, string? argument2 = null, bool allowFailure = false)
    {
        var start = new System.Diagnostics.ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        foreach (var a in new[] { command, argument, argument2 }.OfType<string>())
        {
            start.ArgumentList.Add(a);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        if (process.ExitCode != 0 && !allowFailure)
        {
            throw new InvalidOperationException($"git {command} {argument} failed in {folder}");
        }

        return output;
    }
}
