using Konfig.Affected.Analysis;
using Konfig.Affected.DotNet;
using Konfig.Affected.Git;

namespace Konfig.Affected;

/// <summary>A compared commit: the revision as the user named it and the commit it resolved to.</summary>
public sealed record ComparedRevision(string Revision, string? Commit);

/// <summary>
/// Everything <c>konfig affected</c> reports. <see cref="MergeBase"/> is the commit the change is read
/// from (null when comparing the working tree with HEAD alone, or when it could not be found).
/// <see cref="DotNetProjects"/> is null unless .NET projects were asked for.
/// </summary>
public sealed record ChangeDetectionReport(
    string RepositoryRoot,
    ComparedRevision? Base,
    string? MergeBase,
    ComparedRevision Head,
    bool IncludesWorkingTree,
    AffectedResult Result,
    IReadOnlyList<AffectedProject>? DotNetProjects,
    IReadOnlyList<string> Notes)
{
    public IReadOnlyList<GitChange> Changes => Result.Changes;
}

/// <summary>Why a request could not be answered.</summary>
public enum ChangeDetectionErrorKind
{
    /// <summary>The repository could not be opened.</summary>
    Repository,

    /// <summary>The head revision was not found.</summary>
    HeadNotFound,

    /// <summary>Uncommitted changes were asked for with a head other than HEAD (they only make sense on top of HEAD).</summary>
    WorkingTreeNotAtHead,
}

/// <summary>
/// A request that cannot be answered at all (as opposed to one answered with "everything"). The message names no
/// command-line option; <see cref="Kind"/> lets a front end word it in its own terms.
/// </summary>
public sealed record ChangeDetectionError(string Message, ChangeDetectionErrorKind Kind = ChangeDetectionErrorKind.Repository);
