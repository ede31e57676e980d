using System.Text;
using FluentAssertions;
using Konfig.Kcl.Syntax;
using static Konfig.Kcl.Tests.Parsing.ParseHelper;

namespace Konfig.Kcl.Tests.Parsing;

public sealed class ErrorRecoveryTests
{
    private static List<string> Errors(string source) =>
        [.. ParseWithDiagnostics(source).Diagnostics.Select(d => $"{d.Location?.Line}:{d.Location?.Column} {d.Message}")];

    [Fact]
    public void Missing_operand_reports_at_the_end_of_the_line()
    {
        Errors("a==").Should().Equal("1:3 expected one of [\"identifier\", \"literal\", \"(\", \"[\", \"{\"] got newline");
        ParseWithDiagnostics("a==").Module.Body[0].Should().BeOfType<ExpressionStatement>()
            .Which.Expressions[0].Should().BeOfType<CompareExpression>().Which.Comparators[0].Should().BeOfType<BadExpression>();
    }

    [Fact]
    public void Unexpected_tokens_are_skipped_with_a_diagnostic()
    {
        Errors("a = 1, 2\n").Should().Equal("1:6 unexpected token ','");
    }

    [Fact]
    public void Positional_after_keyword_argument()
    {
        Errors("f(a=1, 2)\n").Should().Equal("1:8 positional argument follows keyword argument");
    }

    [Fact]
    public void Else_if_is_reported_and_read_as_elif()
    {
        var result = ParseWithDiagnostics("if a:\n    b = 1\nelse if c:\n    b = 2\n");
        result.Diagnostics.Select(d => d.Message).Should().Equal("'else if' here is invalid in KCL, consider using the 'elif' keyword");
        result.Module.Body[0].Should().BeOfType<IfStatement>().Which.Else.Should().ContainSingle().Which.Should().BeOfType<IfStatement>();
    }

    [Fact]
    public void Bad_indentation_is_reported()
    {
        Errors("a = 1\nif a == 1:\n   b = 2\n  c = 3\n").Should().Equal("4:3 invalid indentation with 2 spaces, try to align indents by adding or removing spaces");
    }

    [Theory]
    [InlineData("_a[1:2] = 1", "'SubscriptExpression' is an illegal expression for assignment, because the left-hand side of an assignment expression may not be a slice access")]
    [InlineData("_a?.b = 1", "'SelectorExpression' is an illegal expression for assignment, because the left-hand side of an assignment expression may not be an optional attribute access.")]
    [InlineData("_a + 1 = 2", "'BinaryExpression' is an illegal expression for assignment")]
    [InlineData("[1] = 2", "'ListExpression' is an illegal expression for assignment")]
    [InlineData("_f() = 2", "'CallExpression' is an illegal expression for assignment")]
    public void Illegal_assignment_targets(string source, string message)
    {
        ParseWithDiagnostics(source).Diagnostics.Select(d => d.Message).Should().Equal(message);
    }

    [Fact]
    public void Loop_variables_must_be_plain_and_at_most_two()
    {
        ParseWithDiagnostics("x = [i for i.j in d]").Diagnostics.Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new { Code = "E2L23", Message = "loop variables can only be ordinary identifiers" });
        ParseWithDiagnostics("x = [i for i, j, k in d]").Diagnostics.Select(d => d.Message).Should().Equal("the number of loop variables is 3, which can only be 1 or 2");
    }

    [Fact]
    public void Non_default_parameter_after_default()
    {
        var diagnostics = ParseWithDiagnostics("schema A[a1 = 100, a2 = 200, a3]:\n    x: int\n").Diagnostics;
        diagnostics.Select(d => (d.Kind, d.Location!.Column)).Should().Equal(("IllegalParameterError", 25), ("IllegalParameterError", 15));
    }

    [Fact]
    public void Deep_nesting_is_reported_not_a_stack_overflow()
    {
        var source = "a = " + new string('[', 10_000) + new string(']', 10_000) + "\nb = 1\n";
        var result = ParseWithDiagnostics(source);
        result.Diagnostics.Should().ContainSingle().Which.Message.Should().Be("expression is nested too deeply");
        result.Module.Body.Should().HaveCount(2);

        var power = "a = " + string.Join(" ** ", Enumerable.Repeat("2", 10_000)) + "\n";
        ParseWithDiagnostics(power).Diagnostics.Should().NotBeEmpty();
        var unary = "a = " + new string('-', 10_000) + "1\n";
        ParseWithDiagnostics(unary).Diagnostics.Should().NotBeEmpty();
        var blocks = new StringBuilder();
        for (var i = 0; i < 2_000; i++)
        {
            blocks.Append(' ', i).Append("if a:\n");
        }

        blocks.Append(' ', 2_000).Append("b = 1\n");
        ParseWithDiagnostics(blocks.ToString()).Diagnostics.Should().NotBeEmpty();
    }

    [Fact]
    public void Garbage_never_throws_and_always_terminates()
    {
        var random = new Random(1234);
        const string Alphabet = "ab1 \n\t()[]{}:=,.+-*/\"'#@?$\\|&^~<>!%if else for in schema lambda check:";
        for (var round = 0; round < 300; round++)
        {
            var builder = new StringBuilder();
            var length = random.Next(1, 200);
            for (var i = 0; i < length; i++)
            {
                builder.Append(Alphabet[random.Next(Alphabet.Length)]);
            }

            var result = ParseWithDiagnostics(builder.ToString());
            result.Module.Should().NotBeNull();
        }
    }

    [Fact]
    public void Truncated_real_programs_never_throw()
    {
        const string Source = "schema A[x: int = 1](B):\n    '''doc'''\n    a?: [int] = [i for i in range(3) if i]\n    check:\n        a, \"m\"\nb = A(1) {a = [1, *c, if d: 2]}\nc = lambda x -> int { x + 1 }\nd = \"${b.a: #json}\"\ne = {k: v for k, v in {a: 1}}\n";
        for (var cut = 0; cut <= Source.Length; cut++)
        {
            ParseWithDiagnostics(Source[..cut]).Module.Should().NotBeNull();
        }
    }

    [Fact]
    public void Ten_thousand_entries_parse_cleanly()
    {
        // Speed is measured in build/ benchmarks, not here; this checks that a large config parses whole.
        var builder = new StringBuilder("config = {\n");
        for (var i = 0; i < 10_000; i++)
        {
            builder.Append("    key").Append(i).Append(": {name = \"value").Append(i).Append("\", replicas = ").Append(i).Append(", labels.app: \"a${i}\"}\n");
        }

        builder.Append("}\n");
        var result = ParseWithDiagnostics(builder.ToString());
        result.Diagnostics.Should().BeEmpty();
        var config = result.Module.Body.Should().ContainSingle().Which.Should().BeOfType<AssignStatement>().Which.Value;
        config.Should().BeOfType<ConfigExpression>().Which.Items.Should().HaveCount(10_000);
    }
}
