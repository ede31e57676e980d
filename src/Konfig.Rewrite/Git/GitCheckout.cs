using LibGit2Sharp;

namespace Konfig.Rewrite.Git;

/// <summary>Facts about the git checkout a folder lies in, for callers that do not speak LibGit2Sharp.</summary>
public static class GitCheckout
{
    /// <summary>The working directory's root (no trailing separator), or null when the folder is in no repository with a working tree.</summary>
    public static string? Root(string directory)
    {
        if (Repository.Discover(directory) is not { } gitDirectory)
        {
            return null;
        }

        using var repository = new Repository(gitDirectory);
        return repository.Info.WorkingDirectory is { } root ? Path.TrimEndingDirectorySeparator(root) : null;
    }

    /// <summary>The push URL (else the fetch URL) of a remote, or null when there is no such remote.</summary>
    public static string? RemoteUrl(string directory, string remoteName)
    {
        if (Repository.Discover(directory) is not { } gitDirectory)
        {
            return null;
        }

        using var repository = new Repository(gitDirectory);
        return repository.Network.Remotes[remoteName] is { } remote ? remote.PushUrl ?? remote.Url : null;
    }
}
