using Konfig.Kcl.Compilation;
using Konfig.Kcl.Diagnostics;
using YamlDotNet.Core;

namespace Konfig.Kcl.Tests.Conformance;

/// <summary>
/// Runs one case in-process through <see cref="KclRunner.Run"/> and judges it by the reference suite's rules
/// (see shared/kcl-conformance/README.md), or a snapshot by its exact bytes.
/// </summary>
internal static class CaseRunner
{
    public const string StdoutGolden = "stdout.golden";
    public const string StderrGolden = "stderr.golden";

    /// <summary>The deadline handed to the evaluator.</summary>
    public static readonly TimeSpan EvaluationTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The hard limit: past it the case is a hang, whatever the evaluator does.</summary>
    public static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(15);

    /// <summary>Runs a grammar case found at <c>{suiteRoot}/{case.Path}</c>.</summary>
    public static CaseResult RunCase(ConformanceCase conformanceCase, string suiteRoot)
    {
        var directory = Path.GetFullPath(Path.Combine(suiteRoot, conformanceCase.Path));
        CaseResult Result(FailureKind failure, string detail, string? actual, TimeSpan elapsed) =>
            new(conformanceCase.Path, conformanceCase.Category, conformanceCase.Expect, failure, detail, actual, elapsed);

        var goldenPath = Path.Combine(directory, conformanceCase.Expect == Expectation.Stdout ? StdoutGolden : StderrGolden);
        if (!File.Exists(goldenPath))
        {
            return Result(FailureKind.Harness, $"{goldenPath} is missing", null, TimeSpan.Zero);
        }

        var (options, optionsError) = CaseOptionsParser.Parse(conformanceCase.KclOptions, directory, EvaluationTimeout);
        if (options is null)
        {
            return Result(FailureKind.Harness, optionsError!, null, TimeSpan.Zero);
        }

        var outcome = Execute(options);
        if (Abnormal(outcome) is { } abnormal)
        {
            return Result(abnormal.Failure, abnormal.Detail, null, outcome.Elapsed);
        }

        var (result, diagnostics) = outcome.Value;
        var golden = File.ReadAllText(goldenPath);
        var (failure, detail, actual) = conformanceCase.Expect == Expectation.Stdout
            ? JudgeStdout(golden, result, diagnostics)
            : JudgeStderr(golden, result, diagnostics, directory);
        return Result(failure, detail, actual, outcome.Elapsed);
    }

    /// <summary>Runs <c>main.k</c> in a snapshot folder; passes when the YAML is the golden's bytes.</summary>
    public static CaseResult RunSnapshot(string snapshotDirectory, string id)
    {
        var directory = Path.GetFullPath(snapshotDirectory);
        CaseResult Result(FailureKind failure, string detail, string? actual, TimeSpan elapsed) =>
            new(id, "snapshots", Expectation.Stdout, failure, detail, actual, elapsed);

        var goldenPath = Path.Combine(directory, StdoutGolden);
        if (!File.Exists(goldenPath))
        {
            return Result(FailureKind.Harness, $"{goldenPath} is missing", null, TimeSpan.Zero);
        }

        var options = new KclRunOptions { Files = ["main.k"], WorkingDirectory = directory, Timeout = EvaluationTimeout };
        var outcome = Execute(options);
        if (Abnormal(outcome) is { } abnormal)
        {
            return Result(abnormal.Failure, abnormal.Detail, null, outcome.Elapsed);
        }

        var (result, diagnostics) = outcome.Value;
        if (!result.Success)
        {
            return Result(FailureKind.UnexpectedError, FirstLines(diagnostics), diagnostics, outcome.Elapsed);
        }

        var golden = File.ReadAllText(goldenPath);
        // The golden files were saved without their final newline in places: allow exactly that.
        var same = string.Equals(result.Yaml, golden, StringComparison.Ordinal)
            || string.Equals(result.Yaml, golden + "\n", StringComparison.Ordinal);
        return same
            ? Result(FailureKind.None, string.Empty, null, outcome.Elapsed)
            : Result(FailureKind.BytesDiffer, FirstDifferentLine(golden, result.Yaml), result.Yaml, outcome.Elapsed);
    }

    private static GuardedOutcome<(KclRunResult Result, string Diagnostics)> Execute(KclRunOptions options) =>
        GuardedExecution.Run(
            () =>
            {
                var result = KclRunner.Run(options);
                return (result, DiagnosticFormatter.FormatKcl(result.Diagnostics));
            },
            Watchdog);

    private static (FailureKind Failure, string Detail)? Abnormal<T>(GuardedOutcome<T> outcome)
    {
        if (outcome.Hung)
        {
            return (FailureKind.Hang, $"no result after {Watchdog.TotalSeconds:0} s");
        }

        if (outcome.Exception is { } exception)
        {
            var frame = exception.StackTrace?.Split('\n').FirstOrDefault()?.Trim() ?? string.Empty;
            return (FailureKind.Crash, $"{exception.GetType().Name}: {exception.Message} {frame}");
        }

        return null;
    }

    internal static (FailureKind Failure, string Detail, string? Actual) JudgeStdout(string golden, KclRunResult result, string diagnostics)
    {
        if (!result.Success)
        {
            return (FailureKind.UnexpectedError, FirstLines(diagnostics), diagnostics);
        }

        // The reference checks that the output ends with a newline before it parses it.
        if (result.Yaml.Length > 0 && !result.Yaml.EndsWith('\n'))
        {
            return (FailureKind.BadYaml, "output does not end with a newline", result.Yaml);
        }

        IReadOnlyList<object?> expected;
        try
        {
            expected = YamlPlainValues.LoadDocuments(golden);
        }
        catch (YamlException exception)
        {
            return (FailureKind.Harness, $"{StdoutGolden} is not YAML: {exception.Message}", result.Yaml);
        }

        IReadOnlyList<object?> actual;
        try
        {
            actual = YamlPlainValues.LoadDocuments(result.Yaml);
        }
        catch (YamlException exception)
        {
            return (FailureKind.BadYaml, $"output is not YAML: {exception.Message}", result.Yaml);
        }

        return YamlValueComparer.FindDifference(expected, actual) is { } difference
            ? (FailureKind.WrongOutput, difference, result.Yaml)
            : (FailureKind.None, string.Empty, null);
    }

    private static (FailureKind, string, string?) JudgeStderr(string golden, KclRunResult result, string diagnostics, string directory)
    {
        if (result.Success)
        {
            return (FailureKind.MissingError, "the run succeeded; expected: " + FirstLines(StderrMatcher.Normalize(golden)), result.Yaml);
        }

        if (StderrMatcher.Matches(golden, diagnostics, directory))
        {
            return (FailureKind.None, string.Empty, null);
        }

        // The golden as written (with ${CWD}) keeps the report free of scratch paths.
        var expected = StderrMatcher.Normalize(golden);
        return (FailureKind.WrongError, $"expected: {FirstLines(expected)} | got: {FirstLines(StderrMatcher.Normalize(diagnostics))}", diagnostics);
    }

    private static string FirstLines(string text, int count = 2) =>
        string.Join(" / ", text.Split('\n').Where(line => line.Trim().Length > 0).Take(count).Select(line => line.Trim()));

    private static string FirstDifferentLine(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "<end>";
            var a = i < actualLines.Length ? actualLines[i] : "<end>";
            if (!string.Equals(e, a, StringComparison.Ordinal))
            {
                return $"line {i + 1}: expected \"{e}\", got \"{a}\"";
            }
        }

        return "differs only in line endings";
    }
}
