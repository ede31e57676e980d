namespace Konfig.Kcl.Tests.Conformance;

/// <summary>
/// Finds the repository root (the folder holding Konfig.sln) and the <c>shared</c> folder beside it, which
/// holds the KCL conformance material. A fresh clone has no <c>shared</c>; tests that need it are skipped.
/// </summary>
internal static class SharedPaths
{
    public const string SharedDirectoryVariable = "KONFIG_SHARED_DIR";

    private static readonly Lazy<string?> RepositoryRootValue = new(FindRepositoryRoot);

    public static string? RepositoryRoot => RepositoryRootValue.Value;

    /// <summary><c>$KONFIG_SHARED_DIR</c> when set, else the repository root's sibling <c>shared</c>; null when absent.</summary>
    public static string? SharedDirectory
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable(SharedDirectoryVariable);
            if (!string.IsNullOrWhiteSpace(fromEnvironment))
            {
                return Directory.Exists(fromEnvironment) ? Path.GetFullPath(fromEnvironment) : null;
            }

            if (RepositoryRoot is not { } root)
            {
                return null;
            }

            var shared = Path.GetFullPath(Path.Combine(root, "..", "shared"));
            return Directory.Exists(shared) ? shared : null;
        }
    }

    /// <summary>The path of <c>shared/{name}</c>, or null when that folder is absent.</summary>
    public static string? SharedFolder(string name) =>
        SharedDirectory is { } shared && Directory.Exists(Path.Combine(shared, name)) ? Path.Combine(shared, name) : null;

    /// <summary>Why a test needing <c>shared/{name}</c> cannot run, or null when it can.</summary>
    public static string? WhyMissing(string name)
    {
        if (SharedFolder(name) is not null)
        {
            return null;
        }

        var looked = Environment.GetEnvironmentVariable(SharedDirectoryVariable) is { Length: > 0 } variable
            ? $"${SharedDirectoryVariable}={variable}"
            : RepositoryRoot is { } root ? Path.GetFullPath(Path.Combine(root, "..", "shared")) : "../shared (repository root not found)";
        return $"shared/{name} is absent (looked in {looked}); set {SharedDirectoryVariable} to run it.";
    }

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
