using System.Diagnostics;

namespace Konfig.Cli.Tests;

/// <summary>
/// A throw-away git repository (made with the real git command line) holding a copy of part of our own
/// Konfig monorepo under <c>konfig/</c>: kcl.mod, the base packages and the projects asked for, all of
/// which compile and match their goldens. Removed on dispose.
/// </summary>
internal sealed class KonfigGitRepository : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public KonfigGitRepository(params string[] projects)
    {
        var source = Path.Combine(SourceRoot(), "konfig");
        Directory.CreateDirectory(PathOf("konfig"));
        File.Copy(Path.Combine(source, "kcl.mod"), PathOf("konfig/kcl.mod"));
        CopyFolder(Path.Combine(source, "base"), PathOf("konfig/base"));
        foreach (var project in projects)
        {
            CopyFolder(Path.Combine(source, "apps", project), PathOf($"konfig/apps/{project}"));
        }

        Git("init", "-q", "-b", "main");
        Git("config", "user.name", "Konfig Tests");
        Git("config", "user.email", "tests@konfig.invalid");
        Git("config", "commit.gpgsign", "false");
    }

    public string Root => _directory.Path;

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public void Write(string relative, string contents) => _directory.Write(relative, contents);

    public void Append(string relative, string contents) => File.AppendAllText(PathOf(relative), contents);

    /// <summary>A copy of a folder of the repository under another name (e.g. a second stack).</summary>
    public void CopyWithin(string from, string to) => CopyFolder(PathOf(from), PathOf(to));

    public void CommitAll(string message)
    {
        Git("add", "-A");
        Git("commit", "-q", "-m", message);
    }

    public void Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {error.Result}");
        }
    }

    public void Dispose() => _directory.Dispose();

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>The checkout these tests were built from: the folder above the test binaries holding Konfig.sln.</summary>
    private static string SourceRoot()
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
