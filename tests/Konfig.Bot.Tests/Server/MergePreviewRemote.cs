namespace Konfig.Bot.Tests.Server;

/// <summary>
/// What GitHub holds for a pull request, as a local bare repository: main, and <c>refs/pull/N/merge</c>, the merge
/// commit of a feature branch (changing a stack's main.k) into main, made by real git in a work repository of our konfig/.
/// </summary>
internal sealed class MergePreviewRemote : IDisposable
{
    private readonly KonfigGitRepository _work = new("status-page");
    private readonly TempGitRepository _bare = TempGitRepository.Init("--bare");

    /// <summary>The remote's path (a bare repository), to fetch from.</summary>
    public string Path => _bare.Root;

    public string BaseSha { get; private set; } = "";

    /// <summary>The feature branch's commit: the pull request's head.</summary>
    public string HeadSha { get; private set; } = "";

    public string MergeSha { get; private set; } = "";

    /// <summary>Makes main, the feature branch replacing <paramref name="old"/> in the stack's main.k, and pushes the merge preview as refs/pull/N/merge.</summary>
    public MergePreviewRemote PullRequest(int number, string old, string replacement)
    {
        BaseSha = _work.CommitAll("base");
        _work.Git("checkout", "-q", "-b", "feature");
        var main = _work.PathOf("konfig/apps/status-page/dev/main.k");
        var text = File.ReadAllText(main);
        if (!text.Contains(old, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"main.k does not hold '{old}'");
        }

        File.WriteAllText(main, text.Replace(old, replacement, StringComparison.Ordinal));
        HeadSha = _work.CommitAll("change");
        _work.Git("checkout", "-q", "main");
        _work.Git("merge", "-q", "--no-ff", "-m", "Merge preview", "feature");
        MergeSha = _work.Git("rev-parse", "HEAD");
        _work.Git("push", "-q", _bare.Root, $"{BaseSha}:refs/heads/main", $"HEAD:refs/pull/{number}/merge", "feature:refs/heads/feature");
        return this;
    }

    /// <summary>Merges the pull request: main moves to the merge commit (the work repository's main), whose sha is returned.</summary>
    public string MergeIntoMain()
    {
        _work.Git("push", "-q", _bare.Root, $"{MergeSha}:refs/heads/main");
        return MergeSha;
    }

    /// <summary>Another change merged into main after that, replacing <paramref name="old"/> in the stack's main.k; returns its sha.</summary>
    public string ChangeOnMain(string old, string replacement)
    {
        var main = _work.PathOf("konfig/apps/status-page/dev/main.k");
        var text = File.ReadAllText(main);
        if (!text.Contains(old, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"main.k does not hold '{old}'");
        }

        File.WriteAllText(main, text.Replace(old, replacement, StringComparison.Ordinal));
        var sha = _work.CommitAll("change on main");
        _work.Git("push", "-q", _bare.Root, "HEAD:refs/heads/main");
        return sha;
    }

    /// <summary>Runs git in the work repository (e.g. to move refs/pull/N/merge).</summary>
    public string Git(params string[] arguments) => _work.Git(arguments);

    public void Write(string relative, string contents) => _work.Write(relative, contents);

    public string CommitAll(string message) => _work.CommitAll(message);

    public void Dispose()
    {
        _work.Dispose();
        _bare.Dispose();
    }
}
