using Konfig.Rewrite.Diffs;
using Konfig.Workspace;
using Konfig.Workspace.Discovery;
using Konfig.Workspace.Files;

namespace Konfig.Rewrite.Bulk;

/// <summary>What a file of the stack is: an entry file the rewrite changed, or the golden that follows it.</summary>
public enum FileChangeKind
{
    Source,
    Golden,
}

/// <summary>
/// One file a rewrite changes: its full path, the text it had (null when the file is new, as a first golden
/// is) and the text it gets; <see cref="ByteOrderMark"/> when the file starts with one, which it keeps.
/// </summary>
public sealed record FileChange(Stack Stack, FileChangeKind Kind, string FullPath, string? OldText, string NewText)
{
    public bool ByteOrderMark { get; init; }

    /// <summary>The bytes the file gets.</summary>
    public byte[] NewBytes() => Utf8TextFile.Encode(NewText, ByteOrderMark);

    /// <summary>The bytes the file had (null when it is new).</summary>
    public byte[]? OldBytes() => OldText is null ? null : Utf8TextFile.Encode(OldText, ByteOrderMark);

    /// <summary>The unified diff of the change, the file named relative to <paramref name="root"/> (e.g. the repository root).</summary>
    public string Diff(string root)
    {
        var path = WorkspacePaths.Display(FullPath, root);
        var diff = UnifiedDiff.Create(path, OldText ?? string.Empty, NewText);
        return OldText is null ? diff.Replace("--- a/" + path + "\n", "--- /dev/null\n", StringComparison.Ordinal) : diff;
    }

    public (int Added, int Removed) LineCounts() => UnifiedDiff.Count(OldText ?? string.Empty, NewText);
}
