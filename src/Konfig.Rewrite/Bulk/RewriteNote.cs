using Konfig.Workspace;

namespace Konfig.Rewrite.Bulk;

/// <summary>Something a rewrite left out in one stack's file, and why; unlike a <see cref="RewriteError"/>, it stops nothing.</summary>
public sealed record RewriteNote(string StackPath, string File, string Message)
{
    /// <summary><c>file: message</c>, the file relative to <paramref name="baseDirectory"/>.</summary>
    public string Format(string baseDirectory) => $"{WorkspacePaths.Display(File, baseDirectory)}: {Message}";
}
