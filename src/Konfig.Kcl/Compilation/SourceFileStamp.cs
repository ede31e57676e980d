namespace Konfig.Kcl.Compilation;

/// <summary>What identifies a version of a file without reading it: its size and last write time.</summary>
public readonly record struct SourceFileStamp(long Length, DateTime LastWriteTimeUtc);
