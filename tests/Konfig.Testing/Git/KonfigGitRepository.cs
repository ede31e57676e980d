namespace Konfig.Testing.Git;

/// <summary>
/// A throw-away git repository (made with the real git command line) holding a copy of part of our own
/// Konfig monorepo under <c>konfig/</c>: kcl.mod, the base packages and the projects asked for, all of
/// which compile and match their goldens. Nothing is committed until a test commits. Removed on dispose.
/// </summary>
public sealed class KonfigGitRepository : IDisposable
{
    private readonly TempGitRepository _repository = TempGitRepository.Init();

    /// <param name="projects">Folders of <c>konfig/apps/</c> to copy, e.g. <c>status-page</c>.</param>
    public KonfigGitRepository(params string[] projects)
    {
        var source = Path.Combine(SourceCheckout.Root, "konfig");
        Directory.CreateDirectory(PathOf("konfig"));
        File.Copy(Path.Combine(source, "kcl.mod"), PathOf("konfig/kcl.mod"));
        CopyFolder(Path.Combine(source, "base"), PathOf("konfig/base"));
        foreach (var project in projects)
        {
            CopyFolder(Path.Combine(source, "apps", project), PathOf($"konfig/apps/{project}"));
        }
    }

    public string Root => _repository.Root;

    public string PathOf(string relative) => _repository.PathOf(relative);

    public void Write(string relative, string contents) => _repository.Write(relative, contents);

    public void Append(string relative, string contents) => File.AppendAllText(PathOf(relative), contents);

    /// <summary>A copy of a folder of the repository under another name (e.g. a second stack).</summary>
    public void CopyWithin(string from, string to) => CopyFolder(PathOf(from), PathOf(to));

    /// <summary>Stages everything, commits, and returns the commit's sha.</summary>
    public string CommitAll(string message) => _repository.CommitAll(message);

    /// <summary>Runs git in the repository and returns its standard output, trimmed.</summary>
    public string Git(params string[] arguments) => _repository.Git(arguments);

    public void Dispose() => _repository.Dispose();

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
