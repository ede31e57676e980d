namespace Konfig.Kcl.Compilation;

/// <summary>The real file system behind <see cref="ISourceFileSystem"/>.</summary>
public sealed class PhysicalSourceFileSystem : ISourceFileSystem
{
    public static PhysicalSourceFileSystem Instance { get; } = new();

    private PhysicalSourceFileSystem()
    {
    }

    public SourceFileStamp? GetStamp(string fullPath)
    {
        var info = new FileInfo(fullPath);
        return info.Exists ? new SourceFileStamp(info.Length, info.LastWriteTimeUtc) : null;
    }

    public byte[] ReadAllBytes(string fullPath) => File.ReadAllBytes(fullPath);
}
