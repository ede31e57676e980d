using System.Text;

namespace Konfig.Workspace.Files;

/// <summary>
/// Writes a file so that readers see either the old content or the whole new content, never a half-written
/// file: the content goes to a temporary file in the same folder (<c>NAME.&lt;32 hex&gt;.tmp</c>, so the rename
/// stays on one file system), is flushed to disk (else a power cut can leave the renamed file empty), then
/// renamed over the target. On failure the temporary file is removed and the error rethrown; the target is
/// unchanged. Missing folders are created.
/// </summary>
public static class AtomicFile
{
    /// <summary>How temporary files end: <c>NAME.&lt;32 hex&gt;.tmp</c> beside the target.</summary>
    public const string TemporaryExtension = ".tmp";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="contents"/> as UTF-8 without a byte order mark.</summary>
    public static void WriteAllText(string path, string contents) => WriteAllBytes(path, Utf8NoBom.GetBytes(contents));

    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes));

    /// <summary>Writes what <paramref name="write"/> puts in the stream (for content produced piece by piece).</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var (target, temporary) = Prepare(path);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    public static Task WriteAllTextAsync(string path, string contents, CancellationToken cancellationToken = default) =>
        WriteAllBytesAsync(path, Utf8NoBom.GetBytes(contents), cancellationToken);

    public static async Task WriteAllBytesAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        var (target, temporary) = Prepare(path);
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static (string Target, string Temporary) Prepare(string path)
    {
        var target = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        return (target, $"{target}.{Guid.NewGuid():N}{TemporaryExtension}");
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // The original error matters more; a leftover temporary file is never read.
        }
    }
}
