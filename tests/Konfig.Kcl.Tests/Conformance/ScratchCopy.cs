namespace Konfig.Kcl.Tests.Conformance;

/// <summary>
/// A throw-away copy of a shared folder. Cases write files into their folders and some import from folders
/// above them, so the whole tree is copied, once per test run, and deleted afterwards.
/// </summary>
internal sealed class ScratchCopy : IDisposable
{
    private ScratchCopy(string root) => Root = root;

    /// <summary>The copy's root: the same layout as the source folder.</summary>
    public string Root { get; }

    public static ScratchCopy Of(string sourceDirectory)
    {
        var parent = Path.Combine(Path.GetTempPath(), "konfig-conformance-" + Guid.NewGuid().ToString("N")[..12]);
        var root = Path.Combine(parent, Path.GetFileName(Path.TrimEndingDirectorySeparator(sourceDirectory)));
        CopyDirectory(sourceDirectory, root);
        return new ScratchCopy(root);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path.GetDirectoryName(Root)!, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A case left something locked or read-only behind; the temp folder is cleaned up by the OS.
        }
    }

    private static void CopyDirectory(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(source))
        {
            CopyDirectory(directory, Path.Combine(destination, Path.GetFileName(directory)));
        }
    }
}
