using System.Collections.Immutable;
using FluentAssertions;
using Konfig.Kcl.Formatting;
using Konfig.Kcl.Parsing;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Tests.Formatting;

public sealed class KclPrinterTests
{
    private static Expression ParseValue(string text)
    {
        var result = KclParser.Parse(new SourceFile("value.k", "_ = " + text + "\n"));
        result.Diagnostics.Should().BeEmpty();
        return ((AssignStatement)result.Module.Body[0]).Value;
    }

    [Fact]
    public void An_expression_prints_at_the_given_indent_level()
    {
        var value = ParseValue("{\n  name: \"web\"\n  ports: [80, 443]\n}");

        KclPrinter.PrintExpression(value, indentLevel: 0).Should().Be("{\n    name: \"web\"\n    ports: [80, 443]\n}");
        KclPrinter.PrintExpression(value, indentLevel: 2).Should().Be("{\n            name: \"web\"\n            ports: [80, 443]\n        }");
        KclPrinter.PrintExpression(value, 1, new FormatOptions { UseTabs = true }).Should().Be("{\n\t\tname: \"web\"\n\t\tports: [80, 443]\n\t}");
    }

    [Fact]
    public void A_one_line_value_stays_on_one_line()
    {
        KclPrinter.PrintExpression(ParseValue("{a   =1, b: 'x'}"), 3).Should().Be("{a = 1, b: 'x'}");
    }

    [Fact]
    public void A_config_entry_prints_with_its_operator()
    {
        var config = (ConfigExpression)ParseValue("{\n    replicas += [\n        1\n    ]\n}");

        KclPrinter.PrintConfigItem(config.Items[0], indentLevel: 1).Should().Be("replicas += [\n        1\n    ]");
    }

    [Fact]
    public void Nodes_built_without_source_print_on_one_line_with_double_quoted_strings()
    {
        var entries = ImmutableArray.Create<ConfigItem>(
            new ConfigEntry(default, new NameExpression(default, "name"), ConfigOperation.Union, new StringLiteral(default, "say \"hi\"\n", false, false)),
            new ConfigEntry(default, new NameExpression(default, "count"), ConfigOperation.Override, new NumberLiteral(default, false, 3, 3, null)));

        KclPrinter.PrintExpression(new ConfigExpression(default, entries)).Should().Be("{name: \"say \\\"hi\\\"\\n\", count = 3}");
    }

    [Fact]
    public void A_statement_prints_without_its_final_line_break()
    {
        var module = KclParser.Parse(new SourceFile("s.k", "if True:\n  a   = [1,\n 2]\n")).Module;

        KclPrinter.PrintStatement(module.Body[0], indentLevel: 1).Should().Be("if True:\n        a = [\n            1\n            2\n        ]");
    }

    [Fact]
    public void A_negative_indent_level_is_rejected()
    {
        var act = () => KclPrinter.PrintExpression(ParseValue("1"), -1);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
