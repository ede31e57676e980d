using Konfig.Kcl.Compilation;

namespace Konfig.Cli.Tests;

/// <summary>Runs the CLI in-process with captured output and a chosen runner.</summary>
internal static class CliHarness
{
    public static (int ExitCode, string Out, string Error) Run(string workingDirectory, Func<KclRunOptions, KclRunResult> runner, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = CliApplication.Run(args, new CliEnvironment(stdout, stderr, workingDirectory, runner));
        return (exitCode, stdout.ToString(), stderr.ToString());
    }
}
