using FluentAssertions;
using Konfig.Kcl.Compilation;
using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Tests.Compilation;

namespace Konfig.Kcl.Tests.Robustness;

/// <summary>
/// Runs one program the way <c>konfig kcl run main.k</c> does: through <see cref="KclRunner.Run(KclRunOptions)"/>
/// with the shared parse cache, from the test's own (small-stack) thread. The runner's deadline is the
/// watchdog: a run that does not end comes back as a timeout diagnostic, which the checks below reject.
/// </summary>
internal static class ProgramRun
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static KclRunResult Run(string source, long? memoryLimit = null)
    {
        using var folder = new TemporaryFolder();
        folder.Write("main.k", source);
        var result = KclRunner.Run(new KclRunOptions { Files = ["main.k"], WorkingDirectory = folder.Path, Timeout = Deadline, MemoryLimit = memoryLimit });
        result.Diagnostics.Should().NotContain(d => d.Code == CompilationDiagnostics.InternalErrorCode, "no exception may escape the compiler");
        result.Diagnostics.Should().NotContain(
            d => d.Message.StartsWith(CompilationDiagnostics.TimeoutMessageStart, StringComparison.Ordinal),
            "every program must end well before the deadline");
        return result;
    }

    /// <summary>Runs a program that must fail, and returns its first error.</summary>
    public static Diagnostic Error(string source)
    {
        var result = Run(source);
        result.Success.Should().BeFalse();
        return result.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error);
    }

    /// <summary>Runs a program that must succeed, and returns its YAML.</summary>
    public static string Output(string source)
    {
        var result = Run(source);
        result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Should().BeEmpty();
        return result.Yaml;
    }

    public static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));
}
