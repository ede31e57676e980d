using System.Collections.Concurrent;
using Konfig.Bot.Pipeline;
using LibGit2Sharp;

namespace Konfig.Bot.Checkout;

/// <summary>A ref could not be fetched or checked out; the message names the remote and the ref.</summary>
public sealed class CheckoutException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>One job's checkout of a commit, in its own folder; deleted on dispose.</summary>
public sealed class WorkingTree(string path, string commit) : IDisposable
{
    public string Path { get; } = path;

    /// <summary>The commit checked out (detached).</summary>
    public string Commit { get; } = commit;

    public void Dispose() => DeleteFolder(Path);

    internal static void DeleteFolder(string path)
    {
        if (!Directory.Exists(path))
        {
            return;
        }

        // libgit2 writes some files read-only; they must be writable to be deleted.
        foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        Directory.Delete(path, recursive: true);
    }
}

/// <summary>
/// The repositories' content for jobs: one bare clone per repository under <c>WORK/repositories/owner/name.git</c>,
/// fetched from the remote on every job (only the ref asked for, e.g. GitHub's merge preview <c>refs/pull/N/merge</c>),
/// and a working tree per job under <c>WORK/jobs/</c> with the commit checked out detached. The working tree borrows
/// the clone's objects (git's alternates, as <c>git clone --shared</c>), so it costs only the checked-out files;
/// its history is the clone's, so <c>HEAD^1</c> is the merge preview's base.
/// </summary>
public sealed class RepositoryCheckouts
{
    private readonly string _workFolder;
    private readonly string _remoteTemplate;
    private readonly Func<CancellationToken, Task<string?>>? _password;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _fetchLocks = new(StringComparer.Ordinal);

    /// <param name="workFolder">Where the clones and working trees go.</param>
    /// <param name="remoteTemplate">
    /// The remote of a repository: a URL or a local path in which <c>{owner}</c>, <c>{name}</c> and <c>{repository}</c>
    /// (<c>owner/name</c>) are replaced, e.g. <c>https://github.com/{repository}.git</c>.
    /// </param>
    /// <param name="password">The token for HTTPS fetches (sent as <c>x-access-token</c>), or null for none.</param>
    public RepositoryCheckouts(string workFolder, string remoteTemplate, Func<CancellationToken, Task<string?>>? password = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(workFolder);
        ArgumentException.ThrowIfNullOrEmpty(remoteTemplate);
        _workFolder = System.IO.Path.GetFullPath(workFolder);
        _remoteTemplate = remoteTemplate;
        _password = password;
    }

    public string RemoteOf(string repository)
    {
        var (owner, name) = RepositoryName.Split(repository);
        return _remoteTemplate.Replace("{owner}", owner, StringComparison.Ordinal)
            .Replace("{name}", name, StringComparison.Ordinal)
            .Replace("{repository}", repository, StringComparison.Ordinal);
    }

    /// <summary>Fetches <paramref name="gitRef"/> (a full ref, <c>refs/…</c>) of <paramref name="repository"/> and checks it out in a new working tree.</summary>
    public Task<WorkingTree> CheckoutAsync(string repository, string gitRef, CancellationToken cancellationToken = default) =>
        CheckoutAsync(repository, gitRef, commit: null, cancellationToken);

    /// <summary>
    /// Fetches <paramref name="gitRef"/> (e.g. <c>refs/heads/main</c>) and checks out <paramref name="commit"/>, which
    /// must be in its history (a merge to apply, while the branch may have moved on since); a
    /// <see cref="CheckoutException"/> when it is not.
    /// </summary>
    public Task<WorkingTree> CheckoutCommitAsync(string repository, string gitRef, string commit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(commit);
        return CheckoutAsync(repository, gitRef, commit, cancellationToken);
    }

    private async Task<WorkingTree> CheckoutAsync(string repository, string gitRef, string? commit, CancellationToken cancellationToken)
    {
        if (!gitRef.StartsWith("refs/", StringComparison.Ordinal) || gitRef.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{gitRef}' is not a full ref name (refs/…)", nameof(gitRef));
        }

        var (owner, name) = RepositoryName.Split(repository);
        var clone = System.IO.Path.Combine(_workFolder, "repositories", owner, name + ".git");
        var remote = RemoteOf(repository);
        var password = _password is null ? null : await _password(cancellationToken).ConfigureAwait(false);

        // Two jobs of one repository must not fetch into its clone at once.
        var fetchLock = _fetchLocks.GetOrAdd(clone, _ => new SemaphoreSlim(1, 1));
        await fetchLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            commit = await Task.Run(() => Fetch(clone, remote, gitRef, commit, password), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            fetchLock.Release();
        }

        var tree = System.IO.Path.Combine(_workFolder, "jobs", Guid.NewGuid().ToString("N"));
        try
        {
            await Task.Run(() => CheckOut(clone, tree, commit), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            WorkingTree.DeleteFolder(tree);
            throw;
        }

        return new WorkingTree(tree, commit);
    }

    private static string Fetch(string clone, string remote, string gitRef, string? commit, string? password)
    {
        if (!Repository.IsValid(clone))
        {
            Directory.CreateDirectory(clone);
            Repository.Init(clone, isBare: true);
        }

        using var repository = new Repository(clone);

        // Kept under refs/konfig/ so that a ref gone from the remote is not mistaken for the one fetched before.
        var local = "refs/konfig/" + gitRef["refs/".Length..];
        if (repository.Refs[local] is not null)
        {
            repository.Refs.Remove(local);
        }

        // A named remote (LibGit2Sharp fetches from names only), its URL set anew in case the template changed.
        if (repository.Network.Remotes["origin"] is null)
        {
            repository.Network.Remotes.Add("origin", remote);
        }
        else
        {
            repository.Network.Remotes.Update("origin", update => update.Url = remote);
        }

        var options = new FetchOptions { TagFetchMode = TagFetchMode.None };
        if (password is not null)
        {
            options.CredentialsProvider = (_, _, _) => new UsernamePasswordCredentials { Username = "x-access-token", Password = password };
        }

        try
        {
            LibGit2Sharp.Commands.Fetch(repository, "origin", [$"+{gitRef}:{local}"], options, logMessage: null);
        }
        catch (LibGit2SharpException error)
        {
            throw new CheckoutException($"cannot fetch {gitRef} from {remote}: {error.Message}", error);
        }

        var tip = repository.Refs[local]?.ResolveToDirectReference()?.TargetIdentifier
            ?? throw new CheckoutException($"{remote} has no {gitRef}");
        if (commit is null)
        {
            return tip;
        }

        // Only a commit the branch holds: a sha from a webhook is not trusted to name anything else in the clone.
        var wanted = ObjectId.TryParse(commit, out var id) ? repository.Lookup<Commit>(id) : null;
        var head = repository.Lookup<Commit>(tip);
        if (wanted is null || head is null || repository.ObjectDatabase.FindMergeBase(head, wanted)?.Sha != wanted.Sha)
        {
            throw new CheckoutException($"commit {commit} is not in the history of {gitRef} of {remote}");
        }

        return wanted.Sha;
    }

    private static void CheckOut(string clone, string tree, string commit)
    {
        Directory.CreateDirectory(tree);
        Repository.Init(tree);
        var info = Directory.CreateDirectory(System.IO.Path.Combine(tree, ".git", "objects", "info")).FullName;
        File.WriteAllText(System.IO.Path.Combine(info, "alternates"), System.IO.Path.Combine(clone, "objects") + "\n");
        using var repository = new Repository(tree);
        var target = repository.Lookup<Commit>(commit) ?? throw new CheckoutException($"commit {commit} is not in {clone}");
        LibGit2Sharp.Commands.Checkout(repository, target, new CheckoutOptions { CheckoutModifiers = CheckoutModifiers.Force });
    }
}
