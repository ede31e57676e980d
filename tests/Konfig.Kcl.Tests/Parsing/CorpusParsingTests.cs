using System.Text;
using FluentAssertions;
using Konfig.Kcl.Parsing;
using Konfig.Kcl.Tests.Conformance;
using Konfig.Kcl.Text;
using Xunit.Abstractions;

namespace Konfig.Kcl.Tests.Parsing;

/// <summary>Invariants over every .k file of the conformance corpus.</summary>
public sealed class CorpusParsingTests(ITestOutputHelper output)
{
    [RequiresSharedFact("kcl-conformance")]
    public void Tokens_round_trip_every_corpus_file_byte_for_byte()
    {
        var failures = new List<string>();
        foreach (var path in ConformanceCorpus.KclFiles())
        {
            var text = File.ReadAllText(path);
            var (tokens, _) = Lexer.Tokenize(new SourceFile(path, text));
            var builder = new StringBuilder(text.Length);
            foreach (var token in tokens)
            {
                foreach (var trivia in token.LeadingTrivia)
                {
                    builder.Append(trivia.Text);
                }

                builder.Append(token.Text);
                foreach (var trivia in token.TrailingTrivia)
                {
                    builder.Append(trivia.Text);
                }
            }

            if (!string.Equals(builder.ToString(), text, StringComparison.Ordinal))
            {
                failures.Add(path);
            }
        }

        failures.Should().BeEmpty();
    }

    [RequiresSharedFact("kcl-conformance")]
    public void Every_corpus_file_parses_without_throwing_within_a_time_bound()
    {
        var count = 0;
        foreach (var path in ConformanceCorpus.KclFiles())
        {
            var file = new SourceFile(path, File.ReadAllText(path));
            var result = KclParser.Parse(file);
            result.Module.Should().NotBeNull();
            count++;
        }

        output.WriteLine($"{count} files parsed");
        count.Should().BeGreaterThan(0);
    }

    [RequiresSharedFact("kcl-conformance")]
    public void Every_stdout_case_parses_without_diagnostics()
    {
        var failures = new List<string>();
        var total = 0;
        foreach (var path in ConformanceCorpus.StdoutCaseFiles())
        {
            total++;
            var result = KclParser.Parse(new SourceFile(path, File.ReadAllText(path)));
            if (!result.Diagnostics.IsEmpty)
            {
                failures.Add($"{Path.GetRelativePath(ConformanceCorpus.Directory!, path)}: {result.Diagnostics[0].Location?.Line}:{result.Diagnostics[0].Location?.Column} {result.Diagnostics[0].Message}");
            }
        }

        output.WriteLine($"{total - failures.Count}/{total} stdout cases parse clean");
        foreach (var failure in failures)
        {
            output.WriteLine(failure);
        }

        failures.Should().BeEmpty();
    }
}
