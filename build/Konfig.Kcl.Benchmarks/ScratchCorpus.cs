namespace Konfig.Kcl.Benchmarks;

/// <summary>A throw-away copy of the corpus folders (cases write files into their folders), deleted afterwards.</summary>
internal sealed class ScratchCorpus : IDisposable
{
    private ScratchCorpus(string root) => Root = root;

    public string Root { get; }

    public static ScratchCorpus Of(IEnumerable<string> folders)
    {
        var root = Path.Combine(Path.GetTempPath(), "konfig-benchmarks-" + Guid.NewGuid().ToString("N")[..12]);
        foreach (var folder in folders)
        {
            Copy(folder, Path.Combine(root, Path.GetFileName(Path.TrimEndingDirectorySeparator(folder))));
        }

        return new ScratchCorpus(root);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Something a case wrote is locked or read-only; the temp folder is the OS's to clean.
        }
    }

    private static void Copy(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(source))
        {
            Copy(directory, Path.Combine(destination, Path.GetFileName(directory)));
        }
    }
}
