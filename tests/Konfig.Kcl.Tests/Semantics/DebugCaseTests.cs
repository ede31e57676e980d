using Konfig.Kcl.Tests.Conformance;
using Xunit.Abstractions;

namespace Konfig.Kcl.Tests.Semantics;

/// <summary>Prints the checker's output for the cases named in KONFIG_CHECK_CASES (comma-separated); a debugging aid.</summary>
public sealed class DebugCaseTests(ITestOutputHelper output)
{
    [RequiresSharedFact("kcl-conformance")]
    public void PrintCheckerOutput()
    {
        var corpus = SharedPaths.SharedFolder("kcl-conformance")!;
        var names = Environment.GetEnvironmentVariable("KONFIG_CHECK_CASES") ?? string.Empty;
        foreach (var name in names.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var testCase = ManifestReader.Read(Path.Combine(corpus, "_manifest.tsv")).FirstOrDefault(c => c.Path == name);
            output.WriteLine("### " + name);
            output.WriteLine(CheckerHarness.Format(CheckerHarness.CheckCase(Path.Combine(corpus, name), testCase?.KclOptions ?? string.Empty)));
        }
    }
}
