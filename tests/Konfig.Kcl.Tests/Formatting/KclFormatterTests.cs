using FluentAssertions;
using Konfig.Kcl.Formatting;

namespace Konfig.Kcl.Tests.Formatting;

public sealed class KclFormatterTests
{
    private static string Format(string source, FormatOptions? options = null)
    {
        var result = KclFormatter.Format("main.k", source, options);
        result.Diagnostics.Should().BeEmpty();
        return result.Text!;
    }

    [Fact]
    public void A_file_with_syntax_errors_is_not_formatted_and_reports_where()
    {
        var result = KclFormatter.Format("main.k", "a = {\nb = 1 +\n");

        result.Succeeded.Should().BeFalse();
        result.Text.Should().BeNull();
        result.Diagnostics.Should().NotBeEmpty();
        result.Diagnostics[0].Location!.Line.Should().BeGreaterThan(0);
        result.Changed("a = {\nb = 1 +\n").Should().BeFalse();
    }

    [Fact]
    public void Indentation_follows_the_options()
    {
        const string source = "x = {\n    a: {\n        b: 1\n    }\n}\n";

        Format(source, new FormatOptions { IndentSize = 2 }).Should().Be("x = {\n  a: {\n    b: 1\n  }\n}\n");
        Format(source, new FormatOptions { UseTabs = true }).Should().Be("x = {\n\ta: {\n\t\tb: 1\n\t}\n}\n");
        Format(source).Should().Be(source);
    }

    [Fact]
    public void Floats_keep_their_decimal_point_and_ints_print_in_decimal()
    {
        Format("a = 1.0\nb = 0x11\nc = 1e3\nd = 2.5e-7\ne = 1Gi\n")
            .Should().Be("a = 1.0\nb = 17\nc = 1000.0\nd = 0.00000025\ne = 1Gi\n");
    }

    [Fact]
    public void Strings_keep_their_quotes_and_escapes()
    {
        Format("a = 'x'\nb = r\"\\d\"\nc = \"${a} \\\"q\\\"\"\n").Should().Be("a = 'x'\nb = r\"\\d\"\nc = \"${a} \\\"q\\\"\"\n");
    }

    [Fact]
    public void Keyword_escaped_names_keep_their_dollar()
    {
        Format("schema Data:\n    $all: int = 1\n\nd = Data {$if = 1}\n").Should().Be("schema Data:\n    $all: int = 1\n\nd = Data {$if = 1}\n");
    }

    [Fact]
    public void Collections_stay_on_one_line_only_when_written_on_one_line()
    {
        Format("a = {x: 1, y: 2}\nb = {x: 1,\n y: 2}\nc = [\n    1]\n")
            .Should().Be("a = {x: 1, y: 2}\nb = {\n    x: 1\n    y: 2\n}\nc = [\n    1\n]\n");
    }

    [Fact]
    public void A_one_line_list_whose_items_break_is_laid_out_one_item_per_line()
    {
        // The reference would print `[{`…`}, {`…`}]`, which its next run rearranges; this layout is stable.
        Format("g = [{aa = {bb = 1}}, {aa = {bb = 2}}]\n")
            .Should().Be("g = [\n    {\n        aa = {bb = 1}\n    }\n    {\n        aa = {bb = 2}\n    }\n]\n");
    }

    [Fact]
    public void A_comment_that_ends_a_line_moves_above_its_statement()
    {
        Format("a = 1  # one\nb = 2\n").Should().Be("# one\na = 1\nb = 2\n");
    }

    [Fact]
    public void Module_docstring_is_kept_as_written_with_a_blank_line_after_it()
    {
        Format("\"\"\"\nDoc.\n\"\"\"\na = 1\n").Should().Be("\"\"\"\nDoc.\n\"\"\"\n\na = 1\n");
    }

    [Fact]
    public void Rules_and_decorators_print()
    {
        Format("@deprecated\nschema A:\n    x: int\n\nrule R:\n    True\n")
            .Should().Be("@deprecated()\nschema A:\n    x: int\n\nrule R:\n    True\n");
    }

    [Fact]
    public void Long_lambda_signatures_break_one_parameter_per_line_and_parse_back()
    {
        var formatted = Format("f = lambda a_rather_long_parameter_name: str, another_rather_long_parameter: int -> str {\n    a_rather_long_parameter_name\n}\n");

        formatted.Should().Be("f = lambda {\n    a_rather_long_parameter_name: str,\n    another_rather_long_parameter: int,\n} -> str {\n    a_rather_long_parameter_name\n}\n");
        Format(formatted).Should().Be(formatted);
    }

    [Fact]
    public void A_docstring_after_blank_lines_is_laid_out_as_the_docstring_it_becomes()
    {
        var formatted = Format("\n\n\"\"\"\nDoc.\n\"\"\"\nimport a\n");

        formatted.Should().Be("\"\"\"\nDoc.\n\"\"\"\n\nimport a\n");
        Format(formatted).Should().Be(formatted);
    }

    [Fact]
    public void A_comment_after_parameters_on_the_lambda_line_moves_into_the_body_and_keeps_the_signature_on_one_line()
    {
        var formatted = Format("y = f(\n    lambda x, y {  # note\n        x + y\n    }\n)\n");

        formatted.Should().Be("y = f(lambda x, y {\n    # note\n    x + y\n})\n");
        Format(formatted).Should().Be(formatted);
    }

    [Fact]
    public void A_trailing_comment_after_a_comment_line_keeps_a_blank_line_so_a_second_run_agrees()
    {
        var formatted = Format("a = 1\n# one\nb = 2  # two\n");

        formatted.Should().Be("a = 1\n\n# one\n# two\nb = 2\n");
        Format(formatted).Should().Be(formatted);
    }

    [Fact]
    public void An_empty_file_stays_empty()
    {
        Format(string.Empty).Should().BeEmpty();
        Format("\n\n").Should().BeEmpty();
    }
}
