using Konfig.Kcl.Compilation;

namespace Konfig.Cli;

/// <summary>What a command may touch: the two output streams, the working directory and the KCL runner.</summary>
internal sealed record CliEnvironment(
    TextWriter Out,
    TextWriter Error,
    string WorkingDirectory,
    Func<KclRunOptions, KclRunResult> RunKcl)
{
    /// <summary>Reads a line of standard input (confirmations); null at its end. Lazy, so runs that never ask pay nothing.</summary>
    public Func<string?> ReadLine { get; init; } = () => null;

    /// <summary>Whether standard input is a terminal: only then may a command ask a question.</summary>
    public Func<bool> InputIsTerminal { get; init; } = () => false;

    /// <summary>Whether standard error is a terminal that can redraw: only then is progress shown live, in place.</summary>
    public Func<bool> ErrorIsTerminal { get; init; } = () => false;

    /// <summary>Reads an environment variable (GitHub Actions' GITHUB_* for `konfig bot action`); tests give their own.</summary>
    public Func<string, string?> GetVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Cancels a run from outside (tests); Ctrl-C is handled on top of it by the commands that need it.</summary>
    public CancellationToken Cancellation { get; init; }
}
