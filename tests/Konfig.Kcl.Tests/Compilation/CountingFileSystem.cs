using System.Collections.Concurrent;
using Konfig.Kcl.Compilation;

namespace Konfig.Kcl.Tests.Compilation;

/// <summary>The real file system, counting how often each file's content is read.</summary>
internal sealed class CountingFileSystem : ISourceFileSystem
{
    private readonly ConcurrentDictionary<string, int> _reads = new(StringComparer.Ordinal);

    public int ReadsOf(string path) => _reads.GetValueOrDefault(Path.GetFullPath(path));

    public int TotalReads => _reads.Values.Sum();

    public SourceFileStamp? GetStamp(string fullPath) => PhysicalSourceFileSystem.Instance.GetStamp(fullPath);

    public byte[] ReadAllBytes(string fullPath)
    {
        _reads.AddOrUpdate(fullPath, 1, (_, count) => count + 1);
        return PhysicalSourceFileSystem.Instance.ReadAllBytes(fullPath);
    }
}
