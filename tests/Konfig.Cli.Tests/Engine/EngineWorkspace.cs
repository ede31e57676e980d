using Konfig.FakeKube;
using Konfig.Kcl.Compilation;

namespace Konfig.Cli.Tests.Engine;

/// <summary>
/// A copy of this repository's status-page project (with kcl.mod and the shared base models) in a temporary
/// folder, a fake API server on 127.0.0.1, and its kubeconfig: the CLI runs in-process against the server over
/// real HTTP with the real compiler.
/// </summary>
internal sealed class EngineWorkspace : IAsyncDisposable
{
    public const string Stack = "apps/status-page/dev";

    private readonly TemporaryFolder _directory = new();

    private EngineWorkspace(FakeKubeServer server)
    {
        Server = server;
        var source = RepositoryKonfigFolder();
        File.Copy(Path.Combine(source, "kcl.mod"), Path.Combine(Root, "kcl.mod"));
        CopyFolder(Path.Combine(source, "base"), Path.Combine(Root, "base"));
        CopyFolder(Path.Combine(source, "apps", "status-page"), Path.Combine(Root, "apps", "status-page"));
        Kubeconfig = Path.Combine(_directory.Path, "kubeconfig");
        server.WriteKubeconfig(Kubeconfig, context: "fake");
    }

    public FakeKubeServer Server { get; }

    /// <summary>The workspace root (the folder with kcl.mod); also the working directory of every run.</summary>
    public string Root => _directory.Path;

    public string Kubeconfig { get; }

    public string StateFolder => Path.Combine(Root, ".konfig", "state");

    public static async Task<EngineWorkspace> StartAsync(TimeSpan? readyDelay = null) =>
        new(await FakeKubeServer.StartAsync(new FakeKubeOptions { ReadyDelay = readyDelay ?? TimeSpan.FromMilliseconds(200) }));

    /// <summary>Runs konfig with <c>--kubeconfig</c> added; standard input is not a terminal unless an answer is given.</summary>
    public (int ExitCode, string Out, string Error) Run(params string[] args) => RunWith(answer: null, default, args);

    public (int ExitCode, string Out, string Error) RunWith(string? answer, CancellationToken cancellation, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = new CliEnvironment(stdout, stderr, Root, KclRunner.Run)
        {
            InputIsTerminal = () => answer is not null,
            ReadLine = () => answer,
            Cancellation = cancellation,
        };
        var exitCode = CliApplication.Run([.. args, "--kubeconfig", Kubeconfig], environment);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Rewrites the stack's main.k, replacing <paramref name="old"/> (which must be there) by <paramref name="replacement"/>.</summary>
    public void EditStack(string old, string replacement)
    {
        var main = Path.Combine(Root, Stack, "main.k");
        var text = File.ReadAllText(main);
        if (!text.Contains(old, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"main.k does not contain '{old}'");
        }

        File.WriteAllText(main, text.Replace(old, replacement, StringComparison.Ordinal));
    }

    public string[] StateFiles() => Directory.Exists(StateFolder)
        ? Directory.GetFiles(StateFolder, "*.json", SearchOption.AllDirectories)
        : [];

    public string[] LockFiles() => Directory.Exists(StateFolder)
        ? Directory.GetFiles(StateFolder, "*.lock", SearchOption.AllDirectories)
        : [];

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _directory.Dispose();
    }

    private static string RepositoryKonfigFolder() => Path.Combine(SourceCheckout.Root, "konfig");

    private static void CopyFolder(string source, string target)
    {
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
