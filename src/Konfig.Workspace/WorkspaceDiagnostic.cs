namespace Konfig.Workspace;

/// <summary>
/// A problem with the workspace's metadata or a stack's output, as data: the file (full path, or null when
/// the problem is not in a file, such as a compiled spec), a 1-based line and column (0 when unknown) and
/// a message that names the field. Bad input never throws; it yields these.
/// </summary>
public sealed record WorkspaceDiagnostic(string? File, int Line, int Column, string Message)
{
    public static WorkspaceDiagnostic InFile(string file, string message) => new(file, 0, 0, message);

    public static WorkspaceDiagnostic General(string message) => new(null, 0, 0, message);

    /// <summary><c>file:line:column: message</c>, the file relative to <paramref name="baseDirectory"/> when it lies below it.</summary>
    public string Format(string baseDirectory)
    {
        if (File is null)
        {
            return Message;
        }

        var path = WorkspacePaths.Display(File, baseDirectory);
        return Line > 0 ? $"{path}:{Line}:{Math.Max(Column, 1)}: {Message}" : $"{path}: {Message}";
    }

    public override string ToString() => File is null ? Message : Format(Path.GetDirectoryName(File) ?? "/");
}
