using System.Text;
using Konfig.Kcl.Compilation;

namespace Konfig.Affected.Snapshot;

/// <summary>Turns a relevant file's content into its facts; files that matter only by path give null.</summary>
public static class FactExtractor
{
    /// <summary>Bump when what is extracted changes, so cached snapshots of older versions are not reused.</summary>
    /// <remarks>2: kcl.mod is read with Tomlyn and fields of the wrong type make it unreadable.</remarks>
    public const int Version = 2;

    public static FileFacts? Extract(string path, ReadOnlySpan<byte> content, string? blobId) =>
        Extract(path, FileClassifier.Classify(path), content, blobId);

    public static FileFacts? Extract(string path, FileKind kind, ReadOnlySpan<byte> content, string? blobId)
    {
        FileFacts? facts = kind switch
        {
            FileKind.Kcl => KclFactReader.Read(path, Decode(content)),
            FileKind.Settings => SettingsFactReader.Read(Decode(content)),
            FileKind.KclMod => ReadKclMod(path, Decode(content)),
            FileKind.Stack => new MarkerFileFacts(MarkerKind.Stack),
            FileKind.Project => new MarkerFileFacts(MarkerKind.Project),
            FileKind.MsBuild => new MarkerFileFacts(MarkerKind.MsBuild),
            _ => null,
        };
        return facts is null ? null : facts with { BlobId = blobId };
    }

    private static KclModFacts ReadKclMod(string path, string text)
    {
        var (file, error) = KclModReader.Parse(path, text);
        if (file is null || error is not null)
        {
            return new KclModFacts([], IsReadable: false);
        }

        return new KclModFacts([.. file.Dependencies.Where(d => d.Path is not null).Select(d => new KeyValuePair<string, string>(d.Name, d.Path!))], IsReadable: true);
    }

    private static string Decode(ReadOnlySpan<byte> content)
    {
        // A UTF-8 byte-order mark is not part of the text the parser sees.
        if (content.StartsWith("\uFEFF"u8))
        {
            content = content[3..];
        }

        return Encoding.UTF8.GetString(content);
    }
}
