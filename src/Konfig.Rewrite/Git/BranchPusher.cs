using LibGit2Sharp;

namespace Konfig.Rewrite.Git;

/// <summary>
/// Pushes a rewrite branch to a remote of the repository, replacing what the remote's branch held (a re-run
/// puts a new commit on the base, so the remote branch is overwritten, not fast-forwarded). Over HTTPS the
/// token, when given, is sent as GitHub expects (<c>x-access-token</c>); local and file remotes need none.
/// Returns null on success, else the reason.
/// </summary>
public static class BranchPusher
{
    public static string? Push(string directory, string remoteName, string branch, string? token = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(remoteName);
        ArgumentNullException.ThrowIfNull(branch);
        if (Repository.Discover(directory) is not { } gitDirectory)
        {
            return $"{directory} is not inside a git repository";
        }

        using var repository = new Repository(gitDirectory);
        if (repository.Network.Remotes[remoteName] is not { } remote)
        {
            var known = string.Join(", ", repository.Network.Remotes.Select(r => r.Name).Order(StringComparer.Ordinal));
            return $"the repository has no remote '{remoteName}' (remotes: {(known.Length == 0 ? "none" : known)})";
        }

        string? rejected = null;
        var options = new PushOptions
        {
            OnPushStatusError = error => rejected = $"the remote refused {error.Reference}: {error.Message}",
        };
        if (token is not null)
        {
            options.CredentialsProvider = (_, _, _) => new UsernamePasswordCredentials { Username = "x-access-token", Password = token };
        }

        try
        {
            repository.Network.Push(remote, $"+refs/heads/{branch}:refs/heads/{branch}", options);
        }
        catch (LibGit2SharpException exception)
        {
            return $"cannot push {branch} to {remoteName} ({remote.PushUrl ?? remote.Url}): {exception.Message}";
        }

        return rejected;
    }
}
