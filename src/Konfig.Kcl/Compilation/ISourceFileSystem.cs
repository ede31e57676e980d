namespace Konfig.Kcl.Compilation;

/// <summary>
/// What <see cref="ParseCache"/> needs from the file system: a file's stamp and its bytes. A seam, so tests
/// can count reads and hosts can serve sources from elsewhere; <see cref="PhysicalSourceFileSystem"/> is the disk.
/// </summary>
public interface ISourceFileSystem
{
    /// <summary>Size and last write time of the file at <paramref name="fullPath"/>, or null when there is no such file.</summary>
    SourceFileStamp? GetStamp(string fullPath);

    /// <summary>The file's content. I/O errors propagate.</summary>
    byte[] ReadAllBytes(string fullPath);
}
