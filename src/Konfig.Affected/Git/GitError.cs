namespace Konfig.Affected.Git;

/// <summary>Why a repository could not be opened, e.g. "'/x' is not inside a git repository".</summary>
public sealed record GitError(string Message);
