namespace Konfig.Workspace.Tests.Monorepo;

/// <summary>The repository's own monorepo, konfig/, found from the test assembly (the folder holding Konfig.sln).</summary>
internal static class KonfigFolder
{
    private static readonly Lazy<string> PathValue = new(Find);

    public static string Path => PathValue.Value;

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Konfig.sln")))
            {
                return System.IO.Path.Combine(directory.FullName, "konfig");
            }
        }

        throw new InvalidOperationException("Konfig.sln not found above the test assembly, so konfig/ cannot be found");
    }
}
