using System.Diagnostics.CodeAnalysis;

namespace Konfig.Affected.Git;

/// <summary>An opened repository, or the error that prevented opening one (never both).</summary>
public sealed record GitOpenResult
{
    private GitOpenResult(IGitRepository? repository, GitError? error)
    {
        Repository = repository;
        Error = error;
    }

    public IGitRepository? Repository { get; }

    public GitError? Error { get; }

    [MemberNotNullWhen(true, nameof(Repository))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Repository is not null;

    public static GitOpenResult Success(IGitRepository repository) => new(repository, null);

    public static GitOpenResult Failure(string message) => new(null, new GitError(message));
}
