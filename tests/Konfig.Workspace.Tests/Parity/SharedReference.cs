namespace Konfig.Workspace.Tests.Parity;

/// <summary>
/// Finds the repository root (the folder with Konfig.sln) and <c>../shared/konfig-reference</c> beside it
/// (or under <c>$KONFIG_SHARED_DIR</c>). A fresh clone has no shared folder: tests that need it are skipped.
/// </summary>
internal static class SharedReference
{
    public const string SharedDirectoryVariable = "KONFIG_SHARED_DIR";
    public const string FolderName = "konfig-reference";

    public static string? RepositoryRoot { get; } = FindRepositoryRoot();

    public static string? Folder
    {
        get
        {
            var shared = Environment.GetEnvironmentVariable(SharedDirectoryVariable) is { Length: > 0 } variable
                ? variable
                : RepositoryRoot is { } root ? Path.Combine(root, "..", "shared") : null;
            var folder = shared is null ? null : Path.GetFullPath(Path.Combine(shared, FolderName));
            return folder is not null && Directory.Exists(folder) ? folder : null;
        }
    }

    public static string? WhyMissing => Folder is not null
        ? null
        : $"shared/{FolderName} is absent (looked beside the repository root, or in ${SharedDirectoryVariable}); set {SharedDirectoryVariable} to run it.";

    private static string? FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Konfig.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
