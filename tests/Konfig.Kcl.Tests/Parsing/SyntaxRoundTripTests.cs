using FluentAssertions;
using Konfig.Kcl.Parsing;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Tests.Conformance;
using Konfig.Kcl.Text;
using Xunit.Abstractions;

namespace Konfig.Kcl.Tests.Parsing;

/// <summary>
/// The tree keeps every token and comment: printed back from the tree, each file is its source byte for
/// byte, and in every file that parses cleanly the nodes' spans nest with the tokens (what rewriting needs).
/// </summary>
public sealed class SyntaxRoundTripTests(ITestOutputHelper output)
{
    [RequiresSharedFact("kcl-conformance")]
    public void Every_conformance_file_prints_back_from_its_tree_byte_for_byte()
    {
        CheckAll(ConformanceCorpus.KclFiles()).Should().BeGreaterThan(1000);
    }

    [Fact]
    public void Every_file_of_our_konfig_prints_back_from_its_tree_byte_for_byte()
    {
        var files = Directory.EnumerateFiles(Path.Combine(SourceCheckout.Root, "konfig"), "*.k", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
        CheckAll(files).Should().BeGreaterThan(10);
    }

    [Theory]
    [InlineData("a = 1  # trailing\n\n# alone\nb = {\n    c: 1 # in a config\n    d = \"x${a}y\"\n}\n")]
    [InlineData("schema S:\n    \"\"\"doc\"\"\"\n    @deprecated\n    x?: int = 1\n\n    check:\n        x > 0, \"positive\"\n")]
    [InlineData("x = [i * 2 for i in range(3) if i]  \r\ny = lambda a: int -> int {\n    a + 1\n}\n")]
    [InlineData("a = (1 +\n     2)\nb = c \\\n    .d\n")]
    public void Small_files_with_comments_and_odd_layout_print_back(string source)
    {
        var parse = KclParser.Parse(new SourceFile("t.k", source));
        var printed = SyntaxSourceText.Print(parse);
        printed.Mismatches.Should().BeEmpty();
        printed.Text.Should().Be(source);
    }

    [Fact]
    public void A_node_that_ends_inside_a_token_is_reported()
    {
        var parse = KclParser.Parse(new SourceFile("t.k", "abc = 12345\n"));
        var statement = (AssignStatement)parse.Module.Body[0];
        var value = statement.Value;
        var broken = parse with
        {
            Module = parse.Module with { Body = [statement with { Value = value with { Span = value.Span with { End = value.Span.End - 2 } } }] },
        };

        var printed = SyntaxSourceText.Print(broken);

        printed.Text.Should().Be("abc = 12345\n");
        printed.Mismatches.Should().ContainSingle().Which.Should().Contain("NumberLiteral at t.k:1:7 ends inside the token");
    }

    [Fact]
    public void A_child_outside_its_parent_is_reported()
    {
        var parse = KclParser.Parse(new SourceFile("t.k", "abc = 12345\n"));
        var statement = parse.Module.Body[0];
        var broken = parse with
        {
            Module = parse.Module with { Body = [statement with { Span = statement.Span with { End = statement.Span.End - 2 } }] },
        };

        SyntaxSourceText.Print(broken).Mismatches.Should().Contain(m => m.Contains("NumberLiteral at t.k:1:7 ends after its parent AssignStatement"));
    }

    private int CheckAll(IEnumerable<string> paths)
    {
        var failures = new List<string>();
        var count = 0;
        foreach (var path in paths)
        {
            count++;
            var text = File.ReadAllText(path);
            var parse = KclParser.Parse(new SourceFile(path, text));
            var printed = SyntaxSourceText.Print(parse);
            if (!string.Equals(printed.Text, text, StringComparison.Ordinal))
            {
                failures.Add($"{path}: printed text differs");
            }
            else if (parse.Diagnostics.IsEmpty && printed.Mismatches.Count > 0)
            {
                failures.Add($"{path}: {string.Join("; ", printed.Mismatches.Take(3))}");
            }
        }

        output.WriteLine($"{count - failures.Count}/{count} files print back exactly");
        failures.Should().BeEmpty();
        return count;
    }
}
