using Konfig.Affected.Git;

namespace Konfig.Affected.Snapshot;

/// <summary>
/// Builds snapshots: of a whole tree (every relevant blob read once), or of a tree that differs from
/// a known snapshot by a list of changes (only the changed files read). Parsing runs in parallel;
/// blobs are read on one thread, since one repository handle is not meant to be shared across threads.
/// </summary>
public static class SnapshotBuilder
{
    /// <summary>
    /// Every relevant file of a git tree. Facts depend on content alone, so each distinct blob is read
    /// and parsed once (stacks often share identical kcl.yaml and settings files); files that matter by
    /// name alone (stack.yaml, project.yaml, MSBuild files) are not read at all.
    /// </summary>
    public static RepositorySnapshot FromTree(IGitRepository repository, string treeId)
    {
        var files = new List<(string Path, FileKind Kind, string BlobId)>();
        var contents = new Dictionary<(string BlobId, FileKind Kind), (string Path, byte[] Content)>();
        foreach (var file in repository.ListFiles(treeId))
        {
            var kind = FileClassifier.Classify(file.Path);
            if (kind == FileKind.Other)
            {
                continue;
            }

            files.Add((file.Path, kind, file.BlobId));
            if (NeedsContent(kind) && !contents.ContainsKey((file.BlobId, kind)))
            {
                contents[(file.BlobId, kind)] = (file.Path, repository.ReadBlob(file.BlobId));
            }
        }

        var blobs = contents.ToArray();
        var blobFacts = new FileFacts?[blobs.Length];
        Parallel.For(0, blobs.Length, i => blobFacts[i] = FactExtractor.Extract(blobs[i].Value.Path, blobs[i].Key.Kind, blobs[i].Value.Content, blobs[i].Key.BlobId));
        var factsByBlob = new Dictionary<(string BlobId, FileKind Kind), FileFacts?>(blobs.Length);
        for (var i = 0; i < blobs.Length; i++)
        {
            factsByBlob[blobs[i].Key] = blobFacts[i];
        }

        var snapshot = new Dictionary<string, FileFacts>(files.Count, StringComparer.Ordinal);
        foreach (var (path, kind, blobId) in files)
        {
            var facts = NeedsContent(kind) ? factsByBlob[(blobId, kind)] : FactExtractor.Extract(path, kind, [], blobId);
            if (facts is not null)
            {
                snapshot[path] = facts.BlobId == blobId ? facts : facts with { BlobId = blobId };
            }
        }

        return new RepositorySnapshot(snapshot);
    }

    /// <summary>Whether a kind of file has facts in its content, or only in its name.</summary>
    private static bool NeedsContent(FileKind kind) => kind is FileKind.Kcl or FileKind.Settings or FileKind.KclMod;

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

        if (!NeedsContent(kind))
        {
            return FactExtractor.Extract(path, kind, [], blobId);
        }

        if (blobId is not null)
        {
            return FactExtractor.Extract(path, kind, repository.ReadBlob(blobId), blobId);
        }

        var full = Path.Combine(repository.WorkingDirectory, path);
        return File.Exists(full) ? FactExtractor.Extract(path, kind, File.ReadAllBytes(full), blobId: null) : null;
    }
}
