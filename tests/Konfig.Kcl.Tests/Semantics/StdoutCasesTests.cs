using FluentAssertions;
using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Tests.Conformance;
using Xunit.Abstractions;

namespace Konfig.Kcl.Tests.Semantics;

/// <summary>
/// The checker must never reject a valid program: over every conformance case that is expected to run
/// (stdout.golden), it reports no error.
/// </summary>
public sealed class StdoutCasesTests(ITestOutputHelper output)
{
    [RequiresSharedFact("kcl-conformance")]
    public void CheckerReportsNoErrorOnValidPrograms()
    {
        var corpus = SharedPaths.SharedFolder("kcl-conformance")!;
        var failures = new List<string>();
        foreach (var testCase in ManifestReader.Read(Path.Combine(corpus, "_manifest.tsv")).Where(c => c.Expect == Expectation.Stdout))
        {
            var directory = Path.Combine(corpus, testCase.Path);
            var diagnostics = CheckerHarness.CheckCase(directory, testCase.KclOptions);
            if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                failures.Add(testCase.Path + "\n" + CheckerHarness.Format(diagnostics));
            }
        }

        output.WriteLine(string.Join("\n", failures));
        failures.Should().BeEmpty();
    }
}
