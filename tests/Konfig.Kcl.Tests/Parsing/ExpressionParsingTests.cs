using FluentAssertions;
using Konfig.Kcl.Syntax;
using static Konfig.Kcl.Tests.Parsing.ParseHelper;

namespace Konfig.Kcl.Tests.Parsing;

public sealed class ExpressionParsingTests
{
    [Fact]
    public void Multiplication_binds_tighter_than_addition()
    {
        var add = Value("1 + 2 * 3").Should().BeOfType<BinaryExpression>().Subject;
        add.Operator.Should().Be(BinaryOperator.Add);
        add.Right.Should().BeOfType<BinaryExpression>().Which.Operator.Should().Be(BinaryOperator.Mul);
    }

    [Fact]
    public void Subtraction_is_left_associative_and_power_right_associative()
    {
        var sub = Value("5 - 2 - 1").Should().BeOfType<BinaryExpression>().Subject;
        sub.Left.Should().BeOfType<BinaryExpression>();
        var pow = Value("2 ** 3 ** 2").Should().BeOfType<BinaryExpression>().Subject;
        pow.Left.Should().BeOfType<NumberLiteral>();
        pow.Right.Should().BeOfType<BinaryExpression>().Which.Operator.Should().Be(BinaryOperator.Pow);
    }

    [Fact]
    public void Unary_minus_applies_to_a_power_and_an_exponent_may_be_negative()
    {
        var negation = Value("-x ** 2").Should().BeOfType<UnaryExpression>().Subject;
        negation.Operator.Should().Be(UnaryOperator.Minus);
        negation.Operand.Should().BeOfType<BinaryExpression>();
        Value("2 ** -1").Should().BeOfType<BinaryExpression>().Which.Right.Should().BeOfType<UnaryExpression>();
    }

    [Fact]
    public void Comparisons_chain()
    {
        var compare = Value("a < b <= c").Should().BeOfType<CompareExpression>().Subject;
        compare.Operators.Should().Equal(CompareOperator.Lt, CompareOperator.LtE);
        compare.Comparators.Should().HaveCount(2);
    }

    [Theory]
    [InlineData("a in b", CompareOperator.In)]
    [InlineData("a not in b", CompareOperator.NotIn)]
    [InlineData("a is b", CompareOperator.Is)]
    [InlineData("a is not None", CompareOperator.IsNot)]
    [InlineData("a != b", CompareOperator.NotEq)]
    public void Membership_and_identity_operators(string source, CompareOperator op)
    {
        Value(source).Should().BeOfType<CompareExpression>().Which.Operators.Should().Equal(op);
    }

    [Fact]
    public void Not_takes_a_whole_comparison_and_and_binds_tighter_than_or()
    {
        var not = Value("not a in b").Should().BeOfType<UnaryExpression>().Subject;
        not.Operator.Should().Be(UnaryOperator.Not);
        not.Operand.Should().BeOfType<CompareExpression>();
        var or = Value("a or b and c").Should().BeOfType<BinaryExpression>().Subject;
        or.Operator.Should().Be(BinaryOperator.Or);
        or.Right.Should().BeOfType<BinaryExpression>().Which.Operator.Should().Be(BinaryOperator.And);
    }

    [Fact]
    public void Union_operator_and_as()
    {
        Value("a | b").Should().BeOfType<BinaryExpression>().Which.Operator.Should().Be(BinaryOperator.BitOr);
        var cast = Value("foo as pkg.Foo").Should().BeOfType<AsExpression>().Subject;
        cast.Type.Should().BeOfType<NamedType>().Which.Names.Should().Equal("pkg", "Foo");
    }

    [Fact]
    public void Conditional_expression()
    {
        var conditional = Value("1 if ok else 2").Should().BeOfType<IfExpression>().Subject;
        conditional.Condition.Should().BeOfType<NameExpression>().Which.Name.Should().Be("ok");
    }

    [Fact]
    public void Numbers_carry_values_and_suffixes()
    {
        Value("1Ki").Should().BeEquivalentTo(new { IsFloat = false, IntValue = 1L, Suffix = "Ki" });
        Value("0x1F").Should().BeOfType<NumberLiteral>().Which.IntValue.Should().Be(31);
        Value("0o17").Should().BeOfType<NumberLiteral>().Which.IntValue.Should().Be(15);
        Value("0b101").Should().BeOfType<NumberLiteral>().Which.IntValue.Should().Be(5);
        Value("1_000").Should().BeOfType<NumberLiteral>().Which.IntValue.Should().Be(1000);
        Value("0777").Should().BeOfType<NumberLiteral>().Which.IntValue.Should().Be(511);
        Value("000").Should().BeOfType<NumberLiteral>().Which.IntValue.Should().Be(0);
        Value("2.5e-3").Should().BeOfType<NumberLiteral>().Which.FloatValue.Should().Be(0.0025);
    }

    [Fact]
    public void Strings_decode_escapes()
    {
        Value("'a\\tb\\n'").Should().BeOfType<StringLiteral>().Which.Value.Should().Be("a\tb\n");
        Value("\"\\x41\\u00e9\\101\"").Should().BeOfType<StringLiteral>().Which.Value.Should().Be("Aé\x41");
        Value("r'\\d+'").Should().BeEquivalentTo(new { Value = "\\d+", IsRaw = true });
        Value("'''\nline\n'''").Should().BeEquivalentTo(new { Value = "line\n", IsLong = true });
        Value("'\\$x'").Should().BeOfType<StringLiteral>().Which.Value.Should().Be("$x");
    }

    [Fact]
    public void Interpolation_parses_the_expression_in_place()
    {
        const string Source = "x = \"a${b + 1}c${d: #json}\"\n";
        var joined = Statement(Source).Should().BeOfType<AssignStatement>().Which.Value.Should().BeOfType<JoinedString>().Subject;
        joined.Parts.Should().HaveCount(4);
        joined.Parts[0].Should().BeOfType<StringLiteral>().Which.Value.Should().Be("a");
        var first = joined.Parts[1].Should().BeOfType<FormattedValue>().Subject;
        first.Span.Text.Should().Be("${b + 1}");
        first.Value.Should().BeOfType<BinaryExpression>().Which.Span.Text.Should().Be("b + 1");
        var second = joined.Parts[3].Should().BeOfType<FormattedValue>().Subject;
        second.FormatSpec.Should().Be("#json");
        second.Value.Span.Text.Should().Be("d");
    }

    [Fact]
    public void Escaped_dollar_does_not_interpolate_and_raw_strings_never_do()
    {
        Value("\"\\${a}\"").Should().BeOfType<StringLiteral>().Which.Value.Should().Be("${a}");
        Value("r\"${a}\"").Should().BeOfType<StringLiteral>();
    }

    [Fact]
    public void Selectors_subscripts_and_slices()
    {
        var selector = Value("a?.b").Should().BeOfType<SelectorExpression>().Subject;
        selector.IsOptional.Should().BeTrue();
        Value("a.b.c").Should().BeOfType<SelectorExpression>().Which.Value.Should().BeOfType<SelectorExpression>();
        Value("a?[0]").Should().BeOfType<IndexExpression>().Which.IsOptional.Should().BeTrue();
        var slice = Value("a[1:2:3]").Should().BeOfType<SliceExpression>().Subject;
        slice.Lower.Should().NotBeNull();
        slice.Step.Should().NotBeNull();
        Value("a[::2]").Should().BeOfType<SliceExpression>().Which.Lower.Should().BeNull();
    }

    [Fact]
    public void Calls_with_positional_and_keyword_arguments()
    {
        var call = Value("f(1, b = 2)").Should().BeOfType<CallExpression>().Subject;
        call.Arguments.Should().ContainSingle();
        call.Keywords.Should().ContainSingle().Which.Name.Name.Should().Be("b");
        Value("a.b(1)(2)").Should().BeOfType<CallExpression>().Which.Function.Should().BeOfType<CallExpression>();
    }

    [Fact]
    public void Calls_may_span_lines()
    {
        Value("f(\n    1,\n    2,\n)").Should().BeOfType<CallExpression>().Which.Arguments.Should().HaveCount(2);
    }

    [Fact]
    public void Schema_instantiation_forms()
    {
        Value("S {a = 1}").Should().BeOfType<SchemaExpression>().Which.Name.Should().BeOfType<NameExpression>();
        Value("pkg.S {}").Should().BeOfType<SchemaExpression>().Which.Name.Should().BeOfType<SelectorExpression>();
        var withArgs = Value("S(1, n = 2) {a: 1}").Should().BeOfType<SchemaExpression>().Subject;
        withArgs.Arguments.Should().ContainSingle();
        withArgs.Keywords.Should().ContainSingle();
        withArgs.Config.Items.Should().ContainSingle();
    }

    [Fact]
    public void Config_entries_with_every_operator_dotted_keys_and_unpacking()
    {
        var config = Value("{\n    a: 1\n    b = 2, c += [3]\n    d.e.f: 4\n    **x\n}").Should().BeOfType<ConfigExpression>().Subject;
        config.Items.Should().HaveCount(5);
        config.Items.Cast<ConfigEntry>().Select(e => e.Operation).Should().Equal(
            ConfigOperation.Union, ConfigOperation.Override, ConfigOperation.Insert, ConfigOperation.Union, ConfigOperation.Union);
        ((ConfigEntry)config.Items[3]).Key.Should().BeOfType<SelectorExpression>();
        ((ConfigEntry)config.Items[4]).Key.Should().BeNull();
    }

    [Fact]
    public void Config_if_entries_with_elif_and_else()
    {
        var config = Value("{\n    if a:\n        b: 1\n        c: 2\n    elif d: e: 3\n    else:\n        f: 4\n    g: 5\n}").Should().BeOfType<ConfigExpression>().Subject;
        config.Items.Should().HaveCount(2);
        var entry = config.Items[0].Should().BeOfType<ConfigIfEntry>().Subject;
        entry.Items.Should().HaveCount(2);
        entry.ElseIf.Should().NotBeNull();
        entry.ElseIf!.Items.Should().ContainSingle();
        entry.ElseIf.Else.Should().ContainSingle();
    }

    [Fact]
    public void List_literals_with_star_and_if_items()
    {
        var list = Value("[1, *xs, if a: 2 elif b: 3 else: 4]").Should().BeOfType<ListExpression>().Subject;
        list.Items.Should().HaveCount(3);
        list.Items[1].Should().BeOfType<StarredExpression>();
        var item = list.Items[2].Should().BeOfType<ListIfItem>().Subject;
        item.ElseIf.Should().NotBeNull();
        item.ElseIf!.Else.Should().ContainSingle();
    }

    [Fact]
    public void Comprehensions_with_several_clauses()
    {
        var list = Value("[x * y for x in xs if x > 0 for y in ys]").Should().BeOfType<ListComprehension>().Subject;
        list.Clauses.Should().HaveCount(2);
        list.Clauses[0].Conditions.Should().ContainSingle();
        var dict = Value("{k: v for k, v in d}").Should().BeOfType<DictComprehension>().Subject;
        dict.Clauses[0].Targets.Select(t => t.Name).Should().Equal("k", "v");
    }

    [Fact]
    public void Quantifiers()
    {
        var all = Value("all x in xs { x > 0 }").Should().BeOfType<QuantifierExpression>().Subject;
        all.Kind.Should().Be(QuantifierKind.All);
        var filter = Value("filter k, v in d {\n    v if k\n}").Should().BeOfType<QuantifierExpression>().Subject;
        filter.Targets.Should().HaveCount(2);
        Value("map x in [1, 2] { x * 2 }").Should().BeOfType<QuantifierExpression>().Which.Kind.Should().Be(QuantifierKind.Map);
    }

    [Fact]
    public void Lambdas_with_typed_parameters_defaults_and_a_return_type()
    {
        var lambda = Value("lambda x: int, y = 1 -> int {\n    z = x + y\n    z\n}").Should().BeOfType<LambdaExpression>().Subject;
        lambda.Parameters.Select(p => p.Name.Name).Should().Equal("x", "y");
        lambda.Parameters[0].Type.Should().BeOfType<NamedType>();
        lambda.Parameters[1].Default.Should().NotBeNull();
        lambda.ReturnType.Should().NotBeNull();
        lambda.Body.Should().HaveCount(2);
        Value("lambda {1}").Should().BeOfType<LambdaExpression>().Which.Body.Should().ContainSingle();
    }

    [Fact]
    public void Nested_lambdas_inside_brackets_keep_their_statements()
    {
        var list = Value("[lambda x {\n    if x:\n        y = 1\n    else:\n        y = 2\n    y\n}]").Should().BeOfType<ListExpression>().Subject;
        list.Items.Should().ContainSingle().Which.Should().BeOfType<LambdaExpression>().Which.Body.Should().HaveCount(2);
    }
}
