using Konfig.Affected.Git;

namespace Konfig.Affected.Snapshot;

/// <summary>
/// Builds snapshots: of a whole tree (every relevant blob read once), or of a tree that differs from
/// a known snapshot by a list of changes (only the changed files read). Parsing runs in parallel;
/// blobs are read on one thread, since one repository handle is not meant to be shared across threads.
/// </summary>
public static class SnapshotBuilder
{
    /// <summary>Every relevant file of a git tree.</summary>
    public static RepositorySnapshot FromTree(IGitRepository repository, string treeId)
    {
        var pending = new List<(string Path, FileKind Kind, string BlobId, byte[] Content)>();
        foreach (var file in repository.ListFiles(treeId))
        {
            var kind = FileClassifier.Classify(file.Path);
            if (kind != FileKind.Other)
            {
                pending.Add((file.Path, kind, file.BlobId, repository.ReadBlob(file.BlobId)));
            }
        }

        var facts = new FileFacts?[pending.Count];
        Parallel.For(0, pending.Count, i => facts[i] = FactExtractor.Extract(pending[i].Path, pending[i].Kind, pending[i].Content, pending[i].BlobId));

        var files = new Dictionary<string, FileFacts>(pending.Count, StringComparer.Ordinal);
        for (var i = 0; i < pending.Count; i++)
        {
            if (facts[i] is { } fileFacts)
            {
                files[pending[i].Path] = fileFacts;
            }
        }

        return new RepositorySnapshot(files);
    }

    /// <summary>
    /// The snapshot of the tree on the new side of <paramref name="changes"/>, given the snapshot of the
    /// old side. New content comes from blobs, or from the working tree when a change has no new blob id.
    /// </summary>
    public static RepositorySnapshot ApplyForward(RepositorySnapshot old, IGitRepository repository, IReadOnlyList<GitChange> changes)
    {
        var updates = new List<KeyValuePair<string, FileFacts?>>();
        foreach (var change in changes)
        {
            if (change.OldPath is { } oldPath && oldPath != change.Path)
            {
                updates.Add(new(oldPath, null));
            }
        }

        foreach (var change in changes)
        {
            var facts = change.Kind == GitChangeKind.Deleted
                ? null
                : Extract(repository, change.Path, change.NewBlobId);
            updates.Add(new(change.Path, facts));
        }

        return old.With(updates);
    }

    /// <summary>The snapshot of the old side of <paramref name="changes"/>, given the snapshot of the new side.</summary>
    public static RepositorySnapshot ApplyBackward(RepositorySnapshot current, IGitRepository repository, IReadOnlyList<GitChange> changes)
    {
        var updates = new List<KeyValuePair<string, FileFacts?>>();
        foreach (var change in changes)
        {
            if (change.Kind != GitChangeKind.Deleted)
            {
                updates.Add(new(change.Path, null));
            }
        }

        foreach (var change in changes)
        {
            if (change.Kind != GitChangeKind.Added && change.OldPath is { } oldPath)
            {
                updates.Add(new(oldPath, change.OldBlobId is { } blobId ? Extract(repository, oldPath, blobId) : null));
            }
        }

        return current.With(updates);
    }

    /// <summary>Every relevant file under a folder that is not a git repository (the folder is the root).</summary>
    public static RepositorySnapshot FromFolder(string root)
    {
        var full = Path.GetFullPath(root);
        var files = new Dictionary<string, FileFacts>(StringComparer.Ordinal);
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var file in Directory.EnumerateFiles(full, "*", options))
        {
            var relative = Path.GetRelativePath(full, file).Replace('\\', '/');
            if (relative.StartsWith(".git/", StringComparison.Ordinal))
            {
                continue;
            }

            var kind = FileClassifier.Classify(relative);
            if (kind != FileKind.Other && FactExtractor.Extract(relative, kind, File.ReadAllBytes(file), blobId: null) is { } facts)
            {
                files[relative] = facts;
            }
        }

        return new RepositorySnapshot(files);
    }

    private static FileFacts? Extract(IGitRepository repository, string path, string? blobId)
    {
        var kind = FileClassifier.Classify(path);
        if (kind == FileKind.Other)
        {
            return null;
        }

        if (blobId is not null)
        {
            return FactExtractor.Extract(path, kind, repository.ReadBlob(blobId), blobId);
        }

        var full = Path.Combine(repository.WorkingDirectory, path);
        return File.Exists(full) ? FactExtractor.Extract(path, kind, File.ReadAllBytes(full), blobId: null) : null;
    }
}
