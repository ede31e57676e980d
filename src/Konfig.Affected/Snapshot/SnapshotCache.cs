using System.Text;
using Konfig.Workspace.Files;

namespace Konfig.Affected.Snapshot;

/// <summary>
/// Snapshots of commit trees kept on disk by tree id (by default under <c>.git/konfig/snapshots</c>), so a
/// run reads only the files that differ from a tree it has seen before. A tree id names its content
/// exactly, so an entry never goes stale; entries written by another version of the fact reader are
/// ignored. A cache that cannot be read or written is only slower, never wrong: errors are swallowed.
/// </summary>
public sealed class SnapshotCache
{
    private const string Magic = "konfig-snapshot-2";
    private const string Extension = ".snapshot";
    private const int KeepEntries = 8;

    private readonly string _directory;

    public SnapshotCache(string directory)
    {
        _directory = directory;
    }

    public RepositorySnapshot? TryLoad(string treeId)
    {
        var path = PathOf(treeId);
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            using var reader = new BinaryReader(new BufferedStream(File.OpenRead(path), 1 << 16), Encoding.UTF8);
            if (reader.ReadString() != Magic || reader.ReadInt32() != FactExtractor.Version || reader.ReadString() != treeId)
            {
                return null;
            }

            var table = new FileFacts[reader.ReadInt32()];
            for (var i = 0; i < table.Length; i++)
            {
                table[i] = ReadFacts(reader);
            }

            var count = reader.ReadInt32();
            var files = new Dictionary<string, FileFacts>(count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var filePath = reader.ReadString();
                files[filePath] = table[reader.ReadInt32()];
            }

            return new RepositorySnapshot(files);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or EndOfStreamException or FormatException or InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>Tree ids of the cached snapshots, most recently written first.</summary>
    public IReadOnlyList<string> RecentTrees()
    {
        try
        {
            return Directory.Exists(_directory)
                ? [.. new DirectoryInfo(_directory).EnumerateFiles("*" + Extension).OrderByDescending(f => f.LastWriteTimeUtc).Select(f => Path.GetFileNameWithoutExtension(f.Name))]
                : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Writes atomically (a temporary file renamed into place) and keeps only the newest entries.</summary>
    public void Save(string treeId, RepositorySnapshot snapshot)
    {
        try
        {
            Directory.CreateDirectory(_directory);
            var path = PathOf(treeId);
            AtomicFile.Write(path, stream =>
            {
                using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
                writer.Write(Magic);
                writer.Write(FactExtractor.Version);
                writer.Write(treeId);
                // Facts are written once each and referred to by index: thousands of stacks share the
                // same kcl.yaml, and every stack.yaml has the same facts.
                var table = new Dictionary<FileFacts, int>();
                var indexes = new List<(string Path, int Index)>(snapshot.Count);
                foreach (var (filePath, facts) in snapshot.Files)
                {
                    var stored = Stored(facts);
                    if (!table.TryGetValue(stored, out var index))
                    {
                        index = table.Count;
                        table[stored] = index;
                    }

                    indexes.Add((filePath, index));
                }

                writer.Write(table.Count);
                foreach (var facts in table.Keys)
                {
                    WriteFacts(writer, facts);
                }

                writer.Write(indexes.Count);
                foreach (var (filePath, index) in indexes)
                {
                    writer.Write(filePath);
                    writer.Write(index);
                }
            });

            foreach (var old in RecentTrees().Skip(KeepEntries))
            {
                File.Delete(PathOf(old));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only a slower next run.
        }
    }

    private string PathOf(string treeId) => Path.Combine(_directory, treeId + Extension);

    /// <summary>
    /// Facts as stored: blob ids are kept only where they are used (the .NET graph's cache key), which
    /// also lets the facts of files with the same content share one entry.
    /// </summary>
    private static FileFacts Stored(FileFacts facts) =>
        facts is MarkerFileFacts { Kind: MarkerKind.MsBuild } || facts.BlobId is null ? facts : facts with { BlobId = null };

    private static void WriteFacts(BinaryWriter writer, FileFacts facts)
    {
        writer.Write(facts.BlobId ?? "");
        switch (facts)
        {
            case KclFileFacts kcl:
                writer.Write((byte)1);
                WriteStrings(writer, kcl.Imports);
                WriteStrings(writer, kcl.FileReads);
                writer.Write(kcl.HasDynamicFileAccess);
                break;
            case SettingsFileFacts settings:
                writer.Write((byte)2);
                WriteStrings(writer, settings.EntranceFiles);
                writer.Write(settings.IsReadable);
                break;
            case KclModFacts mod:
                writer.Write((byte)4);
                writer.Write(mod.LocalDependencies.Count);
                foreach (var (name, path) in mod.LocalDependencies)
                {
                    writer.Write(name);
                    writer.Write(path);
                }

                writer.Write(mod.IsReadable);
                break;
            case MarkerFileFacts marker:
                writer.Write((byte)3);
                writer.Write((byte)marker.Kind);
                break;
            default:
                throw new InvalidOperationException($"no cache encoding for {facts.GetType().Name}");
        }
    }

    private static FileFacts ReadFacts(BinaryReader reader)
    {
        var blobId = reader.ReadString();
        FileFacts facts = reader.ReadByte() switch
        {
            1 => new KclFileFacts(ReadStrings(reader), ReadStrings(reader), reader.ReadBoolean()),
            2 => new SettingsFileFacts(ReadStrings(reader), reader.ReadBoolean()),
            3 => new MarkerFileFacts((MarkerKind)reader.ReadByte()),
            4 => new KclModFacts(ReadPairs(reader), reader.ReadBoolean()),
            var tag => throw new InvalidDataException($"unknown facts tag {tag}"),
        };
        return facts with { BlobId = blobId.Length == 0 ? null : blobId };
    }

    private static void WriteStrings(BinaryWriter writer, IReadOnlyList<string> values)
    {
        writer.Write(values.Count);
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    private static KeyValuePair<string, string>[] ReadPairs(BinaryReader reader)
    {
        var pairs = new KeyValuePair<string, string>[reader.ReadInt32()];
        for (var i = 0; i < pairs.Length; i++)
        {
            pairs[i] = new(reader.ReadString(), reader.ReadString());
        }

        return pairs;
    }

    private static string[] ReadStrings(BinaryReader reader)
    {
        var values = new string[reader.ReadInt32()];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadString();
        }

        return values;
    }
}
