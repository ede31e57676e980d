namespace Konfig.Affected.Snapshot;

/// <summary>
/// The facts of every relevant file of one tree (a commit, or the working tree), by repository path.
/// Immutable: <see cref="With"/> makes the snapshot of a tree that differs by a few files, which is
/// how the snapshot of a commit is derived from a cached one without reading the whole tree again.
/// </summary>
public sealed class RepositorySnapshot
{
    private readonly Dictionary<string, FileFacts> _files;

    public RepositorySnapshot(Dictionary<string, FileFacts> files)
    {
        _files = files;
    }

    public static RepositorySnapshot Empty { get; } = new([]);

    public IReadOnlyDictionary<string, FileFacts> Files => _files;

    public int Count => _files.Count;

    public FileFacts? this[string path] => _files.GetValueOrDefault(path);

    /// <summary>This snapshot with some files replaced (facts given) or removed (facts null).</summary>
    public RepositorySnapshot With(IEnumerable<KeyValuePair<string, FileFacts?>> updates)
    {
        var files = new Dictionary<string, FileFacts>(_files, StringComparer.Ordinal);
        foreach (var (path, facts) in updates)
        {
            if (facts is null)
            {
                files.Remove(path);
            }
            else
            {
                files[path] = facts;
            }
        }

        return new RepositorySnapshot(files);
    }
}
