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
    private const int MinimumMatched = 170;

    private static readonly string[] CheckerKinds =
    [
        "TypeError", "CompileError", "IllegalInheritError", "IllegalAttributeError", "UniqueKeyError", "CannotFindModule",
        "ImmutableError", "NameError", "IndexSignatureError", "Cannot add member",
    ];

    [RequiresSharedFact("kcl-conformance")]
    public void FrontEndAnswersCheckerCases()
    {
        var corpus = SharedPaths.SharedFolder("kcl-conformance")!;
        var matched = new List<string>();
        var missed = new List<string>();
        var intruding = new List<string>();
        foreach (var testCase in ManifestReader.Read(Path.Combine(corpus, "_manifest.tsv")).Where(c => c.Expect == Expectation.Stderr))
        {
            var directory = Path.Combine(corpus, testCase.Path);
            var golden = File.ReadAllText(Path.Combine(directory, "stderr.golden"));
            var diagnostics = new List<Diagnostic>();
            foreach (var file in Directory.GetFiles(directory, "*.k").Order(StringComparer.Ordinal))
            {
                diagnostics.AddRange(KclParser.Parse(new SourceFile(file, File.ReadAllText(file))).Diagnostics);
            }

            var checker = CheckerHarness.CheckCase(directory, testCase.KclOptions);
            diagnostics.AddRange(checker);
            var actual = DiagnosticFormatter.FormatKcl(diagnostics);
            var isCheckerCase = CheckerKinds.Any(kind => golden.Contains(kind, StringComparison.Ordinal));
            if (isCheckerCase)
            {
                (StderrMatcher.Matches(golden, actual, directory) ? matched : missed).Add(testCase.Path);
            }
            else if (!checker.IsEmpty && diagnostics.Count == checker.Length && golden.Contains("error[E", StringComparison.Ordinal))
            {
                // A run-time failure the checker would pre-empt with a compile-time error of its own
                // (cases with syntax errors or loader messages are left out: those fail before either).
                intruding.Add(testCase.Path + "\n" + DiagnosticFormatter.FormatKcl(checker));
            }
        }

        output.WriteLine($"matched {matched.Count}:");
        output.WriteLine(string.Join("\n", matched));
        output.WriteLine($"missed {missed.Count}:");
        output.WriteLine(string.Join("\n", missed));
        output.WriteLine($"intruding {intruding.Count}:");
        output.WriteLine(string.Join("\n", intruding));
        matched.Count.Should().BeGreaterThanOrEqualTo(MinimumMatched);
        intruding.Should().BeEmpty();
    }
}
