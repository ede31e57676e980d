using System.Diagnostics;

namespace Konfig.Testing.Git;

/// <summary>
/// A throw-away repository in a temporary folder, whose history is made by the real `git` command line
/// (a tool we did not write), so that our reading of it can be checked against git's own answers.
/// </summary>
public sealed class TempGitRepository : IDisposable
{
    private TempGitRepository(string root) => Root = root;

    public string Root { get; }

    /// <summary>A new folder with `git init` done (branch main) and an author configured.</summary>
    public static TempGitRepository Init(params string[] initArguments)
    {
        var repository = CreateEmptyFolder();
        repository.Git(["init", "-q", "-b", "main", .. initArguments]);
        repository.Configure();
        return repository;
    }

    /// <summary>An empty temporary folder (no repository), removed on dispose.</summary>
    public static TempGitRepository CreateEmptyFolder()
    {
        var root = Path.Combine(Path.GetTempPath(), "konfig-git-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        return new TempGitRepository(root);
    }

    /// <summary>`git clone ARGS... file://source this-folder`.</summary>
    public static TempGitRepository Clone(TempGitRepository source, params string[] cloneArguments)
    {
        var repository = CreateEmptyFolder();
        RunGit(Path.GetTempPath(), ["clone", "-q", .. cloneArguments, "file://" + source.Root, repository.Root]);
        repository.Configure();
        return repository;
    }

    public string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    public TempGitRepository Write(string relativePath, string content)
    {
        var path = PathOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return this;
    }

    public TempGitRepository WriteBytes(string relativePath, byte[] content)
    {
        var path = PathOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return this;
    }

    public TempGitRepository Symlink(string relativePath, string target)
    {
        var path = PathOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, target);
        return this;
    }

    /// <summary>`git mv`, creating the destination's folder first (git does not).</summary>
    public TempGitRepository Move(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(to))!);
        Git("mv", from, to);
        return this;
    }

    public TempGitRepository Delete(string relativePath)
    {
        File.Delete(PathOf(relativePath));
        return this;
    }

    /// <summary>Stages everything (`git add -A`), commits, and returns the new commit's sha.</summary>
    public string CommitAll(string message)
    {
        Git("add", "-A");
        Git("commit", "-q", "--allow-empty", "-m", message);
        return Git("rev-parse", "HEAD");
    }

    /// <summary>Runs git in the repository and returns its standard output, trimmed; fails the test on a non-zero exit.</summary>
    public string Git(params string[] arguments) => RunGit(Root, arguments);

    /// <summary>Output lines of a git command, empty lines dropped.</summary>
    public IReadOnlyList<string> GitLines(params string[] arguments) =>
        Git(arguments).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public void Dispose() => TemporaryFolder.DeleteQuietly(Root);

    private void Configure()
    {
        Git("config", "user.name", "Konfig Tests");
        Git("config", "user.email", "tests@konfig.invalid");
        Git("config", "commit.gpgsign", "false");
        Git("config", "core.autocrlf", "false");
    }

    private static string RunGit(string workingDirectory, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        // The machine's own git configuration must not change what the tests see.
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed ({process.ExitCode}): {error}");
        return output.Result.Trim();
    }
}
