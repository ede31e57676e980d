using System.Collections.Frozen;
using System.Globalization;
using Xunit.Abstractions;

namespace Konfig.Kcl.Tests.Conformance;

/// <summary>
/// Runs KCL's own grammar suite and the byte-exact snapshots from <c>../shared</c> against the compiler,
/// in-process, and holds the results to <c>known-failures.txt</c>: a case that fails and is not listed is a
/// regression, and a listed case that passes must come off the list. <c>KONFIG_UPDATE_BASELINES=1</c>
/// rewrites the list instead; <c>KONFIG_CONFORMANCE_FILTER=schema/</c> runs only the cases whose path
/// starts with that text. See build/README.md.
/// </summary>
public sealed class ConformanceTests(ITestOutputHelper output)
{
    public const string UpdateVariable = "KONFIG_UPDATE_BASELINES";
    public const string FilterVariable = "KONFIG_CONFORMANCE_FILTER";

    private static bool UpdateBaselines => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    private static string Filter => Environment.GetEnvironmentVariable(FilterVariable) ?? string.Empty;

    [RequiresSharedFact("kcl-conformance")]
    public void Grammar_cases_pass_except_known_failures()
    {
        var suite = SharedPaths.SharedFolder("kcl-conformance")!;
        var allCases = ManifestReader.Read(Path.Combine(suite, "_manifest.tsv"));
        var cases = allCases.Where(c => c.Path.StartsWith(Filter, StringComparison.Ordinal)).ToList();

        IReadOnlyList<CaseResult> results;
        using (var scratch = ScratchCopy.Of(suite))
        {
            results = ParallelCases.Run(
                cases,
                c => CaseRunner.RunCase(c, scratch.Root),
                c => new CaseResult(c.Path, c.Category, c.Expect, FailureKind.Aborted, "not run: too many hangs", null, TimeSpan.Zero));
        }

        Conclude(
            suite: "grammar",
            title: "Grammar cases (shared/kcl-conformance)",
            results,
            allIds: allCases.Select(c => c.Path).ToFrozenSet(StringComparer.Ordinal),
            inScope: id => !id.StartsWith(KnownFailures.SnapshotPrefix, StringComparison.Ordinal),
            relativeDirectory: id => id);
    }

    [RequiresSharedFact("kcl-snapshots")]
    public void Snapshots_match_byte_for_byte()
    {
        var root = SharedPaths.SharedFolder("kcl-snapshots")!;
        var allNames = Directory.EnumerateDirectories(root)
            .Where(directory => File.Exists(Path.Combine(directory, "main.k")))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();
        var names = allNames.Where(name => (KnownFailures.SnapshotPrefix + name).StartsWith(Filter, StringComparison.Ordinal)
            || name.StartsWith(Filter, StringComparison.Ordinal)).ToList();

        IReadOnlyList<CaseResult> results;
        using (var scratch = ScratchCopy.Of(root))
        {
            results = ParallelCases.Run(
                names,
                name => CaseRunner.RunSnapshot(Path.Combine(scratch.Root, name), KnownFailures.SnapshotPrefix + name),
                name => new CaseResult(KnownFailures.SnapshotPrefix + name, "snapshots", Expectation.Stdout, FailureKind.Aborted, "not run: too many hangs", null, TimeSpan.Zero));
        }

        Conclude(
            suite: "snapshots",
            title: "Byte-exact snapshots (shared/kcl-snapshots)",
            results,
            allIds: allNames.Select(name => KnownFailures.SnapshotPrefix + name).ToFrozenSet(StringComparer.Ordinal),
            inScope: id => id.StartsWith(KnownFailures.SnapshotPrefix, StringComparison.Ordinal),
            relativeDirectory: id => id[KnownFailures.SnapshotPrefix.Length..]);
    }

    private void Conclude(
        string suite,
        string title,
        IReadOnlyList<CaseResult> results,
        IReadOnlySet<string> allIds,
        Func<string, bool> inScope,
        Func<string, string> relativeDirectory)
    {
        var knownFailuresPath = ConformanceOutput.KnownFailuresPath
            ?? throw new InvalidOperationException("Konfig.sln not found above the test assembly, so known-failures.txt cannot be found");
        var knownFailures = KnownFailures.Load(knownFailuresPath);
        var comparison = knownFailures.Compare(results, inScope, allIds);

        var passed = results.Count(r => r.Passed);
        var filterNote = Filter.Length > 0 ? $", filter '{Filter}'" : string.Empty;
        var heading = string.Create(
            CultureInfo.InvariantCulture,
            $"{title}: {passed}/{results.Count} pass ({ConformanceReport.Rate(passed, results.Count)}){filterNote}");
        ConformanceOutput.WriteActuals(suite, results, relativeDirectory);
        ConformanceOutput.WriteSection(suite, ConformanceReport.Section(heading, results, comparison));
        output.WriteLine(ConformanceReport.Summary(heading, results, comparison));
        output.WriteLine($"Report: {ConformanceOutput.ReportPath}");

        if (UpdateBaselines)
        {
            File.WriteAllText(knownFailuresPath, knownFailures.Update(results, inScope, allIds).Render());
            output.WriteLine($"{UpdateVariable}=1: rewrote {knownFailuresPath} ({comparison.Regressions.Count} added, "
                + $"{comparison.NowPassing.Count + comparison.Stale.Count} removed); review it with git diff.");
            return;
        }

        if (!comparison.Clean)
        {
            Assert.Fail(FailureMessage(comparison, knownFailuresPath));
        }
    }

    private static string FailureMessage(BaselineComparison comparison, string knownFailuresPath)
    {
        const int limit = 25;
        var lines = new List<string>();
        if (comparison.Regressions.Count > 0)
        {
            lines.Add($"{comparison.Regressions.Count} case(s) fail that are not in {knownFailuresPath}:");
            lines.AddRange(comparison.Regressions.Take(limit).Select(r => $"  {r.Id}: {CaseResult.KindName(r.Failure)}: {r.Detail}"));
        }

        if (comparison.NowPassing.Count > 0)
        {
            lines.Add($"{comparison.NowPassing.Count} listed case(s) now pass: shorten the list (delete them, or rerun with {UpdateVariable}=1):");
            lines.AddRange(comparison.NowPassing.Take(limit).Select(id => "  " + id));
        }

        lines.Add($"Full report: {ConformanceOutput.ReportPath}");
        return string.Join('\n', lines);
    }
}
