using FluentAssertions;
using static Konfig.Kcl.Tests.Robustness.ProgramRun;

namespace Konfig.Kcl.Tests.Robustness;

/// <summary>
/// Deep nesting ends with a KCL error or a result, never a stack overflow: the parser refuses nesting past
/// its limit (200 levels, like CPython's) with a syntax error; values nested deeper than that (one
/// statement wrapping another) are evaluated and printed on the runner's large stack.
/// </summary>
[Collection(RobustnessCollection.Name)]
public sealed class NestingLimitTests
{
    private const int Deep = 10_000;

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    [InlineData("(", ")")]
    [InlineData("A {a = ", "}")]
    [InlineData("f(", ")")]
    [InlineData("[x for x in ", "]")]
    [InlineData("all x in [1] { ", " }")]
    [InlineData("lambda { ", " }()")]
    [InlineData("\"${", "}\"")]
    public void Ten_thousand_nested_brackets_are_a_syntax_error(string open, string close)
    {
        var source = "schema A:\n    a?: any\nf = lambda x { x }\nv = " + Repeat(open, Deep) + "1" + Repeat(close, Deep) + "\n";
        var error = Error(source);
        error.Kind.Should().Be("InvalidSyntax");
        error.Code.Should().Be("E1001");
    }

    [Theory]
    [InlineData("-")]
    [InlineData("not ")]
    [InlineData("~")]
    public void Ten_thousand_unary_operators_are_a_syntax_error(string op)
    {
        Error("a = " + Repeat(op, Deep) + "1\n").Code.Should().Be("E1001");
    }

    [Fact]
    public void Nesting_within_the_limit_evaluates()
    {
        Output("a = " + Repeat("{a: ", 150) + "1" + Repeat("}", 150) + "\n").Should().StartWith("a:\n  a:\n    a:\n");
    }

    [Fact]
    public void A_hundred_thousand_term_sum_evaluates()
    {
        Output("a = " + string.Join(" + ", Enumerable.Repeat("1", 100_000)) + "\n").Should().Be("a: 100000\n");
    }

    [Fact]
    public void A_hundred_thousand_term_comparison_and_boolean_chains_evaluate()
    {
        Output("a = " + string.Join(" and ", Enumerable.Repeat("True", 100_000)) + "\nb = " + string.Join(" or ", Enumerable.Repeat("False", 100_000)) + "\n")
            .Should().Be("a: true\nb: false\n");
    }

    [Fact]
    public void A_hundred_thousand_long_attribute_chain_ends_with_a_kcl_error()
    {
        var error = Error("a = {b: 1}\nc = a" + Repeat(".b", 100_000) + "\n");
        error.Code.Should().Be("E3M38");
        error.Message.Should().Contain("has no attribute 'b'");
    }

    [Fact]
    public void A_long_optional_attribute_chain_evaluates()
    {
        Output("a = {b: None}\nc = a" + Repeat("?.b", 100_000) + "\n").Should().Be("a:\n  b: null\nc: null\n");
    }

    [Fact]
    public void Schema_instances_nested_through_thousands_of_names_evaluate()
    {
        // Each instance holds the next one: the value is 2,000 levels deep although no expression is.
        var names = Enumerable.Range(0, 2_000).Select(i => $"_a{i} = A {{a = _a{i + 1}}}\n");
        var yaml = Output("schema A:\n    a?: A\n" + string.Concat(names) + "_a2000 = A {}\nx = _a0\n");
        yaml.Split('\n').Count(line => line.TrimStart().StartsWith("a:", StringComparison.Ordinal)).Should().Be(2_000);
    }

    [Fact]
    public void A_value_nested_far_deeper_than_any_expression_is_printed()
    {
        // 900 calls each wrap the previous result in 150 lists: 135,000 levels of YAML.
        var yaml = Output("f = lambda n { [] if n == 0 else " + Repeat("[", 150) + "f(n - 1)" + Repeat("]", 150) + " }\na = f(900)\n");
        yaml.Should().StartWith("a:\n- - - - ");
        yaml.Count(c => c == '-').Should().Be(135_000);
    }

    [Fact]
    public void A_hundred_thousand_names_each_reading_the_next_evaluate()
    {
        var names = Enumerable.Range(0, 100_000).Select(i => $"_a{i} = _a{i + 1}\n");
        Output(string.Concat(names) + "_a100000 = 1\nx = _a0\n").Should().Be("x: 1\n");
    }

    [Fact]
    public void Deeply_nested_yaml_is_refused_at_serde_yamls_recursion_limit()
    {
        Output("import yaml\na = yaml.decode(\"[\" * 128 + \"]\" * 128)\n").Should().StartWith("a:\n- - ");
        Error("import yaml\na = yaml.decode(\"[\" * 100000 + \"]\" * 100000)\n").Message.Should().StartWith("recursion limit exceeded");
    }

    [Fact]
    public void Deeply_nested_json_is_refused()
    {
        Error("import json\na = json.decode(\"[\" * 100000 + \"]\" * 100000)\n").Code.Should().Be("E3M38");
    }
}
