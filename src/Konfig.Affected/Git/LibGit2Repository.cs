using LibGit2Sharp;

namespace Konfig.Affected.Git;

/// <summary>
/// <see cref="IGitRepository"/> on LibGit2Sharp (and the libgit2 its native-binaries package ships).
/// Not thread-safe: use one instance per thread (libgit2 objects are not shared across threads).
/// </summary>
public sealed class LibGit2Repository : IGitRepository
{
    // git's own defaults for `git diff -M`: 50% similarity, diff.renameLimit 1000.
    private static readonly CompareOptions RenameDetection = new()
    {
        Similarity = new SimilarityOptions
        {
            RenameDetectionMode = RenameDetectionMode.Renames,
            RenameThreshold = 50,
            RenameLimit = 1000,
        },
    };

    private readonly Repository _repository;

    private LibGit2Repository(Repository repository, string workingDirectory)
    {
        _repository = repository;
        WorkingDirectory = workingDirectory;
    }

    /// <summary>
    /// Opens the repository whose working tree contains <paramref name="path"/> (its root or any folder
    /// or file inside it). Bad input (missing path, no repository, a bare repository) comes back as
    /// <see cref="GitOpenResult.Error"/>, never as an exception.
    /// </summary>
    public static GitOpenResult Open(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
            return GitOpenResult.Failure("no path given to look for a git repository in");

        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return GitOpenResult.Failure($"'{path}' is not a valid path: {e.Message}");
        }

        if (!Directory.Exists(fullPath) && !File.Exists(fullPath))
            return GitOpenResult.Failure($"'{fullPath}' does not exist");

        try
        {
            var gitDirectory = Repository.Discover(fullPath);
            if (gitDirectory is null)
                return GitOpenResult.Failure($"'{fullPath}' is not inside a git repository");

            var repository = new Repository(gitDirectory);
            if (repository.Info.IsBare || repository.Info.WorkingDirectory is null)
            {
                repository.Dispose();
                return GitOpenResult.Failure($"'{gitDirectory}' is a bare git repository: change detection needs a working tree");
            }

            var workingDirectory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(repository.Info.WorkingDirectory));
            return GitOpenResult.Success(new LibGit2Repository(repository, workingDirectory));
        }
        catch (LibGit2SharpException e)
        {
            return GitOpenResult.Failure($"cannot open the git repository at '{fullPath}': {e.Message}");
        }
    }

    public string WorkingDirectory { get; }

    public string GitDirectory => Path.TrimEndingDirectorySeparator(_repository.Info.Path);

    public bool IsShallow => _repository.Info.IsShallow;

    public GitCommit? Resolve(string revision)
    {
        if (string.IsNullOrWhiteSpace(revision))
            return null;

        GitObject? target;
        try
        {
            target = _repository.Lookup(revision);
        }
        catch (LibGit2SharpException)
        {
            // Ambiguous short ids and malformed revision syntax: no single commit is named.
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }

        // An annotated tag names the commit it points at (as `git rev-parse v1^{commit}`); trees and blobs name no commit.
        while (target is TagAnnotation tag)
            target = tag.Target;

        return target is Commit commit ? ToGitCommit(commit) : null;
    }

    public GitCommit? MergeBase(GitCommit first, GitCommit second)
    {
        var base_ = _repository.ObjectDatabase.FindMergeBase(LookupCommit(first.Sha), LookupCommit(second.Sha));
        return base_ is null ? null : ToGitCommit(base_);
    }

    public IReadOnlyList<GitChange> DiffTrees(string? fromTreeId, string toTreeId)
    {
        var from = fromTreeId is null ? null : LookupTree(fromTreeId);
        var to = LookupTree(toTreeId);
        if (GitTreeDiff.WithoutRenames(from, to) is { } fast)
        {
            return fast;
        }

        using var changes = _repository.Diff.Compare<TreeChanges>(from, to, RenameDetection);
        return ToGitChanges(changes, workingTree: false);
    }

    public IReadOnlyList<GitChange> WorkingTreeChanges()
    {
        // Against HEAD's tree through the index and the working tree (git_diff_tree_to_workdir_with_index),
        // so staged and unstaged edits of one file make one change; untracked files are included, ignored
        // ones are not. An unborn HEAD has no tree: everything is added.
        var head = _repository.Head.Tip?.Tree;
        using var changes = _repository.Diff.Compare<TreeChanges>(
            head, DiffTargets.Index | DiffTargets.WorkingDirectory, null, null, RenameDetection);
        return ToGitChanges(changes, workingTree: true);
    }

    public IEnumerable<GitTreeFile> ListFiles(string treeId) => GitTreeWalker.ListFiles(LookupTree(treeId));

    public byte[] ReadBlob(string blobId)
    {
        var blob = _repository.Lookup<Blob>(ParseId(blobId))
            ?? throw new ArgumentException($"'{blobId}' is not a blob of this repository", nameof(blobId));
        using var content = blob.GetContentStream();
        var bytes = new byte[blob.Size];
        content.ReadExactly(bytes);
        return bytes;
    }

    public void Dispose() => _repository.Dispose();

    private static GitCommit ToGitCommit(Commit commit) => new(commit.Sha, commit.Tree.Sha);

    private Commit LookupCommit(string sha) =>
        _repository.Lookup<Commit>(ParseId(sha)) ?? throw new ArgumentException($"'{sha}' is not a commit of this repository");

    private Tree LookupTree(string treeId) =>
        _repository.Lookup<Tree>(ParseId(treeId)) ?? throw new ArgumentException($"'{treeId}' is not a tree of this repository");

    private static ObjectId ParseId(string id) =>
        ObjectId.TryParse(id, out var parsed) ? parsed : throw new ArgumentException($"'{id}' is not a git object id");

    private static List<GitChange> ToGitChanges(TreeChanges changes, bool workingTree)
    {
        var result = new List<GitChange>(changes.Count);
        foreach (var change in changes)
        {
            if (ToGitChange(change, workingTree) is { } converted)
                result.Add(converted);
        }

        result.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
        return result;
    }

    private static GitChange? ToGitChange(TreeEntryChanges change, bool workingTree)
    {
        // Submodules are not files of the tree (ListFiles leaves them out too): a gitlink that
        // appears or disappears is only a file appearing or disappearing on its other side.
        var oldExists = change.OldExists && change.OldMode != Mode.GitLink;
        var newExists = change.Exists && change.Mode != Mode.GitLink;
        if (!oldExists && !newExists)
            return null;

        string? oldBlob = oldExists ? change.OldOid.Sha : null;
        string? newBlob = newExists && !workingTree ? change.Oid.Sha : null;

        if (!oldExists)
            return new GitChange(GitChangeKind.Added, change.Path, null, null, newBlob);
        if (!newExists)
            return new GitChange(GitChangeKind.Deleted, change.OldPath, change.OldPath, oldBlob, null);

        var kind = change.Status switch
        {
            ChangeKind.Renamed => GitChangeKind.Renamed,
            ChangeKind.Copied => GitChangeKind.Copied,
            ChangeKind.TypeChanged => GitChangeKind.TypeChanged,
            _ => GitChangeKind.Modified,
        };
        return new GitChange(kind, change.Path, change.OldPath, oldBlob, newBlob);
    }
}
