using FluentAssertions;
using Konfig.Kcl.Formatting;
using Konfig.Kcl.Parsing;
using Konfig.Kcl.Tests.Conformance;
using Konfig.Kcl.Tests.Parsing;
using Konfig.Kcl.Text;
using Xunit.Abstractions;

namespace Konfig.Kcl.Tests.Formatting;

/// <summary>
/// Over real code (the conformance corpus and the repository's own <c>konfig/</c> tree): every file that parses
/// without errors formats to text that parses to the same tree (positions aside) and keeps every comment, and
/// formatting that text again changes nothing.
/// </summary>
public sealed class FormatInvariantTests(ITestOutputHelper output)
{
    [RequiresSharedFact("kcl-conformance")]
    public void Formatting_the_conformance_corpus_keeps_meaning_and_is_idempotent() =>
        CheckFiles(ConformanceCorpus.KclFiles().ToList());

    [Fact]
    public void Formatting_the_repository_konfig_tree_keeps_meaning_and_is_idempotent()
    {
        var root = Path.Combine(SharedPaths.RepositoryRoot!, "konfig");
        var files = Directory.EnumerateFiles(root, "*.k", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        files.Should().NotBeEmpty();
        CheckFiles(files);
    }

    /// <summary>Every comment's text, sorted (the formatter may move a comment, never drop or change one).</summary>
    private static IEnumerable<string> Comments(string text) =>
        Lexer.Tokenize(new SourceFile("c.k", text)).Tokens
            .SelectMany(token => token.LeadingTrivia.AddRange(token.TrailingTrivia))
            .Where(trivia => trivia.Kind == TriviaKind.Comment)
            .Select(trivia => trivia.Text)
            .Order(StringComparer.Ordinal);

    private void CheckFiles(IReadOnlyList<string> files)
    {
        var formatted = 0;
        var withErrors = 0;
        var problems = new List<string>();
        foreach (var path in files)
        {
            var text = File.ReadAllText(path);
            var first = KclFormatter.Format(path, text);
            if (first.Text is null)
            {
                withErrors++;
                continue;
            }

            formatted++;
            var second = KclFormatter.Format(path, first.Text);
            if (second.Text is null)
            {
                problems.Add($"{path}: the formatted text does not parse: {second.Diagnostics[0].Message}");
                continue;
            }

            if (!string.Equals(second.Text, first.Text, StringComparison.Ordinal))
            {
                problems.Add($"{path}: not idempotent");
            }

            if (!Comments(text).SequenceEqual(Comments(first.Text), StringComparer.Ordinal))
            {
                problems.Add($"{path}: comments were lost or changed");
            }

            var before = SyntaxDump.Of(KclParser.Parse(new SourceFile(path, text)).Module);
            var after = SyntaxDump.Of(KclParser.Parse(new SourceFile(path, first.Text)).Module);
            if (!string.Equals(before, after, StringComparison.Ordinal))
            {
                problems.Add($"{path}: the formatted text parses to a different tree");
            }
        }

        output.WriteLine($"{formatted} files formatted and checked; {withErrors} skipped for syntax errors (not formatted by design).");
        formatted.Should().BeGreaterThan(0);
        problems.Should().BeEmpty();
    }
}
