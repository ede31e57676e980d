using FluentAssertions;
using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Parsing;
using Konfig.Kcl.Tests.Conformance;
using Konfig.Kcl.Text;
using Xunit.Abstractions;

namespace Konfig.Kcl.Tests.Semantics;

/// <summary>
/// How many failing conformance cases the front end alone (parser and checker, no evaluation) answers
/// with the expected stderr. Guards against losing checks; the list of cases is printed.
/// </summary>
public sealed class StderrCasesTests(ITestOutputHelper output)
{
    /// <summary>Measured when the checker last changed; raise it as checks are added.</summary>
    private const int MinimumMatched = 0;

    [RequiresSharedFact("kcl-conformance")]
    public void FrontEndAnswersCheckerCases()
    {
        var corpus = SharedPaths.SharedFolder("kcl-conformance")!;
        var matched = new List<string>();
        var missed = new List<string>();
        foreach (var testCase in ManifestReader.Read(Path.Combine(corpus, "_manifest.tsv")).Where(c => c.Expect == Expectation.Stderr))
        {
            var directory = Path.Combine(corpus, testCase.Path);
            var golden = File.ReadAllText(Path.Combine(directory, "stderr.golden"));
            var diagnostics = new List<Diagnostic>();
            foreach (var file in Directory.GetFiles(directory, "*.k").Order(StringComparer.Ordinal))
            {
                diagnostics.AddRange(KclParser.Parse(new SourceFile(file, File.ReadAllText(file))).Diagnostics);
            }

            diagnostics.AddRange(CheckerHarness.CheckCase(directory, testCase.KclOptions));
            var actual = DiagnosticFormatter.FormatKcl(diagnostics);
            (StderrMatcher.Matches(golden, actual, directory) ? matched : missed).Add(testCase.Path);
        }

        output.WriteLine($"matched {matched.Count}:");
        output.WriteLine(string.Join("\n", matched));
        output.WriteLine($"missed {missed.Count}:");
        output.WriteLine(string.Join("\n", missed));
        matched.Count.Should().BeGreaterThanOrEqualTo(MinimumMatched);
    }
}
