namespace Konfig.Affected.Git;

/// <summary>
/// The few git operations change detection needs, behind our own interface so that the rest of the
/// code never sees LibGit2Sharp (and tests or another git library can stand in for it).
/// Paths are relative to the repository root, with '/' separators, as git stores them.
/// Opening one is the adapter's job (<see cref="LibGit2Repository.Open"/>: errors come back as data).
/// Object ids passed in must come from this repository (a <see cref="GitCommit"/>, a
/// <see cref="GitTreeFile"/>, a <see cref="GitChange"/>); an unknown id is a bug and throws <see cref="ArgumentException"/>.
/// </summary>
public interface IGitRepository : IDisposable
{
    /// <summary>Full path of the working tree's root folder.</summary>
    string WorkingDirectory { get; }

    /// <summary>Full path of the repository's git folder (<c>.git</c>, or a linked worktree's own folder): where caches go.</summary>
    string GitDirectory { get; }

    /// <summary>True for a shallow clone: history stops at a graft, so merge bases cannot be trusted.</summary>
    bool IsShallow { get; }

    /// <summary>The commit a revision (branch, tag, sha, <c>HEAD~2</c>, <c>origin/main</c>) names; null when there is none.</summary>
    GitCommit? Resolve(string revision);

    /// <summary>The best common ancestor of two commits; null when they share no history.</summary>
    GitCommit? MergeBase(GitCommit first, GitCommit second);

    /// <summary>
    /// What changed between two trees, with renames detected as `git diff -M` does (50% similarity; a
    /// rename keeps both paths). A null <paramref name="fromTreeId"/> means the empty tree: every file is
    /// added. Blob/symlink swaps are <see cref="GitChangeKind.TypeChanged"/>, mode-only changes Modified;
    /// submodules (gitlinks) are left out, as in <see cref="ListFiles"/>. Sorted by path (ordinal).
    /// </summary>
    IReadOnlyList<GitChange> DiffTrees(string? fromTreeId, string toTreeId);

    /// <summary>
    /// Uncommitted changes against HEAD's tree: staged, unstaged and untracked files (ignored ones left out).
    /// Their new content is in the working tree, so <see cref="GitChange.NewBlobId"/> is null. On an unborn
    /// HEAD (no commit yet) every file is added.
    /// </summary>
    IReadOnlyList<GitChange> WorkingTreeChanges();

    /// <summary>Every file of a tree, recursively (submodules left out), in git's order.</summary>
    IEnumerable<GitTreeFile> ListFiles(string treeId);

    /// <summary>The content of a blob.</summary>
    byte[] ReadBlob(string blobId);
}

/// <summary>A commit and its root tree.</summary>
public sealed record GitCommit(string Sha, string TreeId);

/// <summary>A file of a tree and the id of its content.</summary>
public readonly record struct GitTreeFile(string Path, string BlobId);

public enum GitChangeKind
{
    Added,
    Modified,
    Deleted,
    Renamed,
    Copied,
    TypeChanged,
}

/// <summary>
/// One changed file. <see cref="OldPath"/> is set for renames and copies (and equals <see cref="Path"/>
/// otherwise, except for additions where it is null). Blob ids are null on the side where the file
/// does not exist, and for working-tree content.
/// </summary>
public sealed record GitChange(GitChangeKind Kind, string Path, string? OldPath, string? OldBlobId, string? NewBlobId)
{
    /// <summary>The paths this change touches: both sides of a rename count.</summary>
    public IEnumerable<string> Paths => OldPath is null || OldPath == Path ? [Path] : [OldPath, Path];
}
