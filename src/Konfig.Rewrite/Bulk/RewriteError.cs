using Konfig.Kcl.Diagnostics;
using Konfig.Workspace;

namespace Konfig.Rewrite.Bulk;

/// <summary>
/// Why a bulk rewrite stopped, as data: the stack, the file and 1-based line and column when known (0 when
/// not), and the message.
/// </summary>
public sealed record RewriteError(string? StackPath, string? File, int Line, int Column, string Message)
{
    public static RewriteError From(string? stackPath, Diagnostic diagnostic)
    {
        var location = diagnostic.Location;
        return new RewriteError(stackPath, location?.File.Path, location?.Line ?? 0, location?.Column ?? 0, $"{diagnostic.Kind}: {diagnostic.Message}");
    }

    public static RewriteError From(string? stackPath, WorkspaceDiagnostic diagnostic) =>
        new(stackPath, diagnostic.File, diagnostic.Line, diagnostic.Column, diagnostic.Message);

    /// <summary><c>file:line:column: message (stack S)</c>, the file relative to <paramref name="baseDirectory"/>.</summary>
    public string Format(string baseDirectory)
    {
        var stack = StackPath is null ? string.Empty : $" (stack {StackPath})";
        if (File is null)
        {
            return Message + stack;
        }

        var path = WorkspacePaths.Display(File, baseDirectory);
        return Line > 0 ? $"{path}:{Line}:{Math.Max(Column, 1)}: {Message}{stack}" : $"{path}: {Message}{stack}";
    }
}
