using System.Text.RegularExpressions;
using System.Runtime.ExceptionServices;
using Konfig.Kcl.Compilation;
using Konfig.Kcl.Diagnostics;

namespace Konfig.Kcl.Fuzz;

/// <summary>How one run ended, from the fuzzer's point of view.</summary>
internal enum OutcomeKind
{
    /// <summary>The program ran and printed its YAML.</summary>
    Ok,

    /// <summary>The program was rejected with KCL diagnostics: the expected end for most mutants.</summary>
    Diagnostics,

    /// <summary>An exception escaped <see cref="KclRunner.Run(KclRunOptions)"/>, or an internal-error diagnostic stands for one.</summary>
    Crash,

    /// <summary>The run passed its short deadline but finished within the long one: heavy but bounded work, not a failure.</summary>
    Slow,

    /// <summary>The run stopped itself even at the long deadline: the compiler looped or worked far too long on a small input.</summary>
    Timeout,

    /// <summary>The run did not come back at all before the watchdog fired.</summary>
    Hang,
}

/// <summary>The end of one run; <see cref="Detail"/> holds the stack or the diagnostics that explain a failure.</summary>
internal sealed record FuzzOutcome(OutcomeKind Kind, string Detail, TimeSpan Elapsed)
{
    public bool IsFailure => Kind is OutcomeKind.Crash or OutcomeKind.Timeout or OutcomeKind.Hang;
}

/// <summary>
/// Runs the compiler the way the CLI does (run, then format the diagnostics) on a dedicated thread with a
/// large stack and a wall-clock watchdog. A run that never ends cannot be stopped in .NET: its thread is
/// a background thread and is left behind.
/// </summary>
internal static partial class FuzzHarness
{
    private const int StackSize = 256 * 1024 * 1024;

    public static FuzzOutcome Run(KclRunOptions options, TimeSpan watchdog)
    {
        KclRunResult? result = null;
        ExceptionDispatchInfo? failure = null;
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var thread = new Thread(
            () =>
            {
                try
                {
                    // A fresh cache per run: mutants rewrite the same paths faster than file times change.
                    result = KclRunner.Run(options, new ParseCache());
                    _ = DiagnosticFormatter.FormatKcl(result.Diagnostics);
                    _ = DiagnosticFormatter.FormatGitHub(result.Diagnostics);
                }
                catch (Exception exception)
                {
                    failure = ExceptionDispatchInfo.Capture(exception);
                }
            },
            StackSize)
        {
            IsBackground = true,
            Name = "kcl-fuzz",
        };
        thread.Start();
        if (!thread.Join(watchdog))
        {
            return new FuzzOutcome(OutcomeKind.Hang, $"no result after {watchdog.TotalSeconds:0.#} s", stopwatch.Elapsed);
        }

        if (failure is not null)
        {
            return new FuzzOutcome(OutcomeKind.Crash, failure.SourceException.ToString(), stopwatch.Elapsed);
        }

        var diagnostics = result!.Diagnostics;
        if (diagnostics.FirstOrDefault(d => d.Code == CompilationDiagnostics.InternalErrorCode) is { } internalError)
        {
            return new FuzzOutcome(OutcomeKind.Crash, string.Join('\n', internalError.Labels.Select(l => l.Message)), stopwatch.Elapsed);
        }

        // Running out of memory is a limit the compiler failed to enforce itself: a crash for our purposes.
        if (diagnostics.FirstOrDefault(d => d.Message == CompilationDiagnostics.OutOfMemory().Message) is { } outOfMemory)
        {
            return new FuzzOutcome(OutcomeKind.Crash, "System.OutOfMemoryException: " + outOfMemory.Message, stopwatch.Elapsed);
        }

        if (diagnostics.FirstOrDefault(d => d.Message.StartsWith(CompilationDiagnostics.TimeoutMessageStart, StringComparison.Ordinal)) is { } timeout)
        {
            return new FuzzOutcome(OutcomeKind.Timeout, timeout.Message, stopwatch.Elapsed);
        }

        return result.Success
            ? new FuzzOutcome(OutcomeKind.Ok, string.Empty, stopwatch.Elapsed)
            : new FuzzOutcome(OutcomeKind.Diagnostics, string.Empty, stopwatch.Elapsed);
    }

    /// <summary>
    /// Groups failures by cause: a crash by its exception type and the first frames in our code, a timeout or
    /// hang by its case (they have no stack to go by).
    /// </summary>
    public static string Signature(FuzzOutcome outcome, string casePath)
    {
        if (outcome.Kind != OutcomeKind.Crash)
        {
            return $"{outcome.Kind} in {casePath}";
        }

        var lines = outcome.Detail.Split('\n').Select(l => l.Trim()).ToArray();
        var type = lines.Select(l => ExceptionType().Match(l)).FirstOrDefault(m => m.Success)?.Value ?? lines[0];
        var frames = lines.Where(l => l.StartsWith("at Konfig.Kcl.", StringComparison.Ordinal) && !l.StartsWith("at Konfig.Kcl.Fuzz", StringComparison.Ordinal))
            .Select(l => l.Split(" in ")[0])
            .Take(2);
        return type + " " + string.Join(" <- ", frames);
    }

    [GeneratedRegex(@"^[\w.]+Exception(?=:|$)")]
    private static partial Regex ExceptionType();
}
