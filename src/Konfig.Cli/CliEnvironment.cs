using Konfig.Kcl.Compilation;

namespace Konfig.Cli;

/// <summary>What a command may touch: the two output streams, the working directory and the KCL runner.</summary>
internal sealed record CliEnvironment(
    TextWriter Out,
    TextWriter Error,
    string WorkingDirectory,
    Func<KclRunOptions, KclRunResult> RunKcl);
