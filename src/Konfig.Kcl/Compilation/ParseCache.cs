using System.Collections.Concurrent;
using System.Text;
using Konfig.Kcl.Parsing;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Compilation;

/// <summary>
/// Parses each KCL file once per process. Entries are keyed by full path and remember the file's size,
/// write time and text: an unchanged file (same size and time) is not even re-read; a file that was
/// touched but has the same content is re-read but not re-parsed. Safe to share between threads.
/// The text itself is the content key (no hash): it is kept for diagnostics anyway, and comparing it
/// spares every run from loading a cryptography library at start-up.
/// </summary>
public sealed class ParseCache
{
    private readonly ISourceFileSystem _files;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, object> _locks = new(StringComparer.Ordinal);
    private int _parseCount;
    private int _readCount;

    public ParseCache()
        : this(PhysicalSourceFileSystem.Instance)
    {
    }

    public ParseCache(ISourceFileSystem files)
    {
        ArgumentNullException.ThrowIfNull(files);
        _files = files;
    }

    /// <summary>The cache every run shares unless given another.</summary>
    public static ParseCache Shared { get; } = new();

    /// <summary>How many times a file was parsed (for tests and diagnostics of the cache itself).</summary>
    public int ParseCount => Volatile.Read(ref _parseCount);

    /// <summary>How many times a file's content was read from disk.</summary>
    public int ReadCount => Volatile.Read(ref _readCount);

    /// <summary>Parses the file at <paramref name="path"/> (made absolute), or returns the cached result. I/O errors propagate.</summary>
    public ParseResult GetOrParse(string path)
    {
        var fullPath = Path.GetFullPath(path);
        var stamp = _files.GetStamp(fullPath)
            ?? throw new FileNotFoundException($"Cannot find the kcl file {fullPath}", fullPath);
        if (_entries.TryGetValue(fullPath, out var cached) && cached.Stamp == stamp)
        {
            return cached.Result;
        }

        // One reader per file at a time, so concurrent runs that share a package parse it once.
        lock (_locks.GetOrAdd(fullPath, _ => new object()))
        {
            if (_entries.TryGetValue(fullPath, out cached) && cached.Stamp == stamp)
            {
                return cached.Result;
            }

            var bytes = _files.ReadAllBytes(fullPath);
            Interlocked.Increment(ref _readCount);
            var text = Decode(bytes);
            if (cached is not null && string.Equals(cached.Result.Module.File.Text, text, StringComparison.Ordinal))
            {
                _entries[fullPath] = cached with { Stamp = stamp };
                return cached.Result;
            }

            var result = KclParser.Parse(new SourceFile(fullPath, text));
            Interlocked.Increment(ref _parseCount);
            _entries[fullPath] = new Entry(stamp, result);
            return result;
        }
    }

    /// <summary>UTF-8, without a byte order mark if the file has one.</summary>
    private static string Decode(byte[] bytes)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            span = span[3..];
        }

        return Encoding.UTF8.GetString(span);
    }

    private sealed record Entry(SourceFileStamp Stamp, ParseResult Result);
}
