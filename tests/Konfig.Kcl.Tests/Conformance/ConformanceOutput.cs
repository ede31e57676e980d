using System.Text;

namespace Konfig.Kcl.Tests.Conformance;

/// <summary>
/// Where the conformance tests write for people to read: <c>TestResults/conformance-report.md</c> and the
/// actual output of every failing case under <c>TestResults/conformance-actual/</c>, both at the repository root.
/// </summary>
internal static class ConformanceOutput
{
    private static readonly SortedDictionary<string, string> Sections = new(StringComparer.Ordinal);
    private static readonly Lock SectionsLock = new();

    public static string ResultsDirectory => Path.Combine(SharedPaths.RepositoryRoot ?? AppContext.BaseDirectory, "TestResults");

    public static string ReportPath => Path.Combine(ResultsDirectory, "conformance-report.md");

    public static string ActualDirectory(string suite) => Path.Combine(ResultsDirectory, "conformance-actual", suite);

    /// <summary>The checked-in list, in the source tree (not the build output) so that updates land in git.</summary>
    public static string? KnownFailuresPath => SharedPaths.RepositoryRoot is { } root
        ? Path.Combine(root, "tests", "Konfig.Kcl.Tests", "Conformance", KnownFailures.FileName)
        : null;

    /// <summary>Replaces one suite's section and rewrites the report with the sections run in this process.</summary>
    public static void WriteSection(string suite, string markdown)
    {
        lock (SectionsLock)
        {
            Sections[suite] = markdown;
            var builder = new StringBuilder("# KCL conformance report\n\n");
            builder.Append("Written by `ConformanceTests` (tests/Konfig.Kcl.Tests/Conformance). Suites not run in the same ")
                .Append("test run are left out. A failing case's output is under `TestResults/conformance-actual/`; ")
                .Append("compare it with `diff -u ../shared/kcl-conformance/CASE/stdout.golden ")
                .Append("TestResults/conformance-actual/grammar/CASE/stdout.actual`.\n\n");
            foreach (var section in Sections.Values)
            {
                builder.Append(section);
            }

            Directory.CreateDirectory(ResultsDirectory);
            File.WriteAllText(ReportPath, builder.ToString());
        }
    }

    /// <summary>Writes <c>stdout.actual</c> or <c>stderr.actual</c> for each failing case that produced output.</summary>
    public static void WriteActuals(string suite, IEnumerable<CaseResult> results, Func<string, string> relativeDirectory)
    {
        var root = ActualDirectory(suite);
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        foreach (var result in results.Where(r => !r.Passed && r.Actual is not null))
        {
            var directory = Path.Combine(root, relativeDirectory(result.Id));
            Directory.CreateDirectory(directory);
            // What the run printed: the YAML when it succeeded, else the formatted diagnostics.
            var name = result.Failure is FailureKind.UnexpectedError or FailureKind.WrongError ? "stderr.actual" : "stdout.actual";
            File.WriteAllText(Path.Combine(directory, name), result.Actual);
        }
    }
}
