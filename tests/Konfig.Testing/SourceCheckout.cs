namespace Konfig.Testing;

/// <summary>The checkout the tests were built from: the folder above the test binaries that holds Konfig.sln and konfig/.</summary>
public static class SourceCheckout
{
    private static readonly Lazy<string> Found = new(Find);

    public static string Root => Found.Value;

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Konfig.sln")) && File.Exists(Path.Combine(folder.FullName, "konfig", "kcl.mod")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no Konfig checkout above {AppContext.BaseDirectory}");
    }
}
