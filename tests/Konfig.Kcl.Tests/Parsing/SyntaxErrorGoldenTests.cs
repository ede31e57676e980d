using FluentAssertions;
using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Parsing;
using Konfig.Kcl.Tests.Conformance;
using Konfig.Kcl.Text;
using Xunit.Abstractions;

namespace Konfig.Kcl.Tests.Parsing;

/// <summary>
/// For every expected-stderr case of the corpus whose errors come from the parser (syntax errors and the
/// purely syntactic checks), the parser's own diagnostics, rendered the KCL way, must contain the
/// expected parser-error blocks in order.
/// </summary>
public sealed class SyntaxErrorGoldenTests(ITestOutputHelper output)
{
    private static readonly string[] ParserKinds = ["InvalidSyntax", "IllegalParameterError"];

    [RequiresSharedFact("kcl-conformance")]
    public void Parser_errors_match_the_reference_wording_and_positions()
    {
        var failures = new List<string>();
        var checkedCases = 0;
        foreach (var golden in Directory.EnumerateFiles(ConformanceCorpus.Directory!, "stderr.golden", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var expected = ExpectedParserBlocks(File.ReadAllText(golden));
            if (expected is null)
            {
                continue;
            }

            var mainPath = Path.Combine(Path.GetDirectoryName(golden)!, "main.k");
            var result = KclParser.Parse(new SourceFile("${CWD}/main.k", File.ReadAllText(mainPath)));
            var actual = expected.StartsWith("error[", StringComparison.Ordinal)
                ? Normalize(DiagnosticFormatter.FormatKcl(result.Diagnostics))
                : string.Join('\n', result.Diagnostics.Select(d => d.Message));
            checkedCases++;
            if (!actual.Contains(expected, StringComparison.Ordinal))
            {
                failures.Add($"{Path.GetRelativePath(ConformanceCorpus.Directory!, golden)}\n--- expected\n{expected}\n--- actual\n{actual}");
            }
        }

        output.WriteLine($"{checkedCases - failures.Count}/{checkedCases} parser-error cases match");
        foreach (var failure in failures)
        {
            output.WriteLine(failure);
        }

        failures.Should().BeEmpty();
    }

    /// <summary>
    /// The leading run of parser-made error blocks of a golden file, blank lines removed; null when it has none.
    /// Some goldens hold only a message (no header): those count when the message is one the parser makes.
    /// </summary>
    private static string? ExpectedParserBlocks(string golden)
    {
        var normalized = Normalize(golden);
        if (!normalized.StartsWith("error[", StringComparison.Ordinal))
        {
            return ParserMessages.Any(message => normalized.Contains(message, StringComparison.Ordinal)) ? normalized.Trim() : null;
        }

        var lines = normalized.Split('\n');
        var kept = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("error[", StringComparison.Ordinal) && !IsParserBlock(lines, i))
            {
                break;
            }

            kept.Add(line);
        }

        return kept.Count == 0 ? null : string.Join('\n', kept).TrimEnd();
    }

    private static readonly string[] ParserMessages = ["illegal expression for assignment", "loop variables"];

    private static bool IsParserBlock(string[] lines, int header)
    {
        if (ParserKinds.Any(kind => lines[header].EndsWith(": " + kind, StringComparison.Ordinal)))
        {
            return true;
        }

        for (var i = header + 1; i < lines.Length && !lines[i].StartsWith("error[", StringComparison.Ordinal); i++)
        {
            if (ParserMessages.Any(message => lines[i].Contains(message, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    private static string Normalize(string text) =>
        string.Join('\n', text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Where(line => line.Trim().Length > 0));
}
