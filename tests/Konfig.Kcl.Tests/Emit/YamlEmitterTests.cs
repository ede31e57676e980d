using FluentAssertions;
using Konfig.Kcl.Emit;
using Konfig.Kcl.Values;
using Xunit;
using static Konfig.Kcl.Tests.Emit.V;

namespace Konfig.Kcl.Tests.Emit;

public class YamlEmitterTests
{
    private static string Yaml(KclValue value, YamlEmitOptions? options = null) => YamlEmitter.EmitValue(value, options ?? YamlEmitOptions.Default);

    [Fact]
    public void Scalars()
    {
        Yaml(I(1)).Should().Be("1\n");
        Yaml(F(2.0)).Should().Be("2.0\n");
        Yaml(B(true)).Should().Be("true\n");
        Yaml(None).Should().Be("null\n");
        Yaml(S("v")).Should().Be("v\n");
    }

    [Theory]
    [InlineData(0.12000000000000455, "0.12000000000000456\n")]
    [InlineData(-0.9999813562576685, "-0.9999813562576684\n")]
    [InlineData(1.436506529759401e-10, "1.4365065297594008e-10\n")]
    [InlineData(78962960182679.69, "78962960182679.69\n")]
    [InlineData(0.1, "0.1\n")]
    [InlineData(1e300, "1e300\n")]
    public void Floats_carry_the_digits_of_kcls_json_round_trip(double value, string expected)
    {
        Yaml(F(value)).Should().Be(expected);
    }

    [Fact]
    public void Nested_layout_matches_kcl()
    {
        var value = D(
            ("a", D(("k1", S("v1")), ("k2", L(I(1), I(2))))),
            ("b", L(D(("key", I(1)), ("x", I(2))), D(("key", I(0))))),
            ("c", L(L(I(0), I(3)), L())),
            ("d", D()),
            ("e", L()));
        Yaml(value).Should().Be(
            "a:\n  k1: v1\n  k2:\n  - 1\n  - 2\n" +
            "b:\n- key: 1\n  x: 2\n- key: 0\n" +
            "c:\n- - 0\n  - 3\n- []\n" +
            "d: {}\ne: []\n");
    }

    [Theory]
    [InlineData("on", "'on'")]
    [InlineData("y", "'y'")]
    [InlineData("1", "'1'")]
    [InlineData("1.1", "'1.1'")]
    [InlineData("12e1", "'12e1'")]
    [InlineData("001", "'001'")]
    [InlineData("0xff", "'0xff'")]
    [InlineData("-0x2a", "'-0x2a'")]
    [InlineData("0b1010", "'0b1010'")]
    [InlineData("null", "'null'")]
    [InlineData("~", "'~'")]
    [InlineData("True", "'True'")]
    [InlineData("", "''")]
    [InlineData(" ", "' '")]
    [InlineData(".inf", "'.inf'")]
    [InlineData("inf", "inf")]
    [InlineData("1e400", "1e400")]
    [InlineData("1.6.0", "1.6.0")]
    [InlineData("key: value", "'key: value'")]
    [InlineData("{\"k\": 1024.0}", "'{\"k\": 1024.0}'")]
    [InlineData("%H:%M:%S", "'%H:%M:%S'")]
    [InlineData("$${a * 1}$$ 1.0 $$$$$ $$ ", "'$${a * 1}$$ 1.0 $$$$$ $$ '")]
    [InlineData("a'b", "a'b")]
    [InlineData("'a", "'''a'")]
    [InlineData("a\tb", "\"a\\tb\"")]
    [InlineData("- a", "'- a'")]
    [InlineData("-a", "-a")]
    [InlineData("a #b", "'a #b'")]
    [InlineData("a#b", "a#b")]
    [InlineData("你好", "你好")]
    [InlineData("😀", "\"\\U0001F600\"")]
    [InlineData("---", "'---'")]
    [InlineData("2001:db8::19", "2001:db8::19")]
    [InlineData("a:", "'a:'")]
    public void String_quoting(string text, string expected)
    {
        Yaml(D(("k", S(text)))).Should().Be("k: " + expected + "\n");
    }

    [Fact]
    public void Quoted_keys()
    {
        Yaml(D(("on", S("on")), ("y", I(1)), ("1", I(2)))).Should().Be("'on': 'on'\n'y': 1\n'1': 2\n");
    }

    [Fact]
    public void Multiline_strings_are_literal_blocks()
    {
        Yaml(D(("a", S("x\ny")))).Should().Be("a: |-\n  x\n  y\n");
        Yaml(D(("a", S("x\ny\n")))).Should().Be("a: |\n  x\n  y\n");
        Yaml(D(("a", S("x\n\ny\n\n")))).Should().Be("a: |+\n  x\n\n  y\n\n...\n");
        Yaml(D(("a", S("  x\ny")))).Should().Be("a: |2-\n    x\n  y\n");
        Yaml(L(S("- 1\n- 2"))).Should().Be("- |-\n  - 1\n  - 2\n");
        Yaml(D(("a", D(("b", S("x\ny")))))).Should().Be("a:\n  b: |-\n    x\n    y\n");
        Yaml(D(("a", S("x \ny")))).Should().Be("a: \"x \\ny\"\n");
        Yaml(D(("a", S("x\ny ")))).Should().Be("a: \"x\\ny \"\n");
        Yaml(S("x\ny")).Should().Be("|-\n  x\n  y\n");
    }

    [Fact]
    public void Encode_all_joins_documents_like_kcl()
    {
        YamlEmitter.EmitAll([D(("key", S("value"))), L(I(1), I(2), I(3))], YamlEmitOptions.Default)
            .Should().Be("key: value\n\n---\n- 1\n- 2\n- 3\n");
    }

    [Fact]
    public void Stream_drops_final_newlines()
    {
        YamlEmitter.EmitStream([I(1), None, F(3.0)], YamlEmitOptions.Default).Should().Be("1\n---\nnull\n---\n3.0");
    }

    [Fact]
    public void Floats_use_ryu_layout()
    {
        Yaml(F(1e-9)).Should().Be("1e-9\n");
        Yaml(F(0.001)).Should().Be("0.001\n");
        Yaml(F(1048576.0)).Should().Be("1048576.0\n");
        Yaml(F(1e16)).Should().Be("1e16\n");
        Yaml(F(1e15)).Should().Be("1000000000000000.0\n");
        Yaml(F(1.5e20)).Should().Be("1.5e20\n");
        Yaml(F(-35.59)).Should().Be("-35.59\n");
        Yaml(F(0.0001)).Should().Be("0.0001\n");
        Yaml(F(0.00001)).Should().Be("0.00001\n");
        Yaml(F(0.000001)).Should().Be("1e-6\n");
        Yaml(F(34028234660.0)).Should().Be("34028234660.0\n");
        Yaml(F(double.NaN)).Should().Be("null\n");
        Yaml(new NumberMultiplierValue(1048576, 1, "Mi")).Should().Be("1048576.0\n");
    }

    [Fact]
    public void Options_filter_and_sort()
    {
        var value = D(("b", None), ("_a", I(1)), ("a", L(I(1), None)), ("u", UndefinedValue.Instance));
        Yaml(value).Should().Be("b: null\n_a: 1\na:\n- 1\n- null\n");
        Yaml(value, new YamlEmitOptions { IgnoreNone = true, IgnorePrivate = true }).Should().Be("a:\n- 1\n");
        Yaml(value, new YamlEmitOptions { SortKeys = true }).Should().Be("_a: 1\na:\n- 1\n- null\nb: null\n");
    }

    [Fact]
    public void Top_level_entries()
    {
        YamlEmitter.Emit([new("a", I(1)), new("b", L())], YamlEmitOptions.Default).Should().Be("a: 1\nb: []\n");
        YamlEmitter.Emit([], YamlEmitOptions.Default).Should().Be("{}\n");
    }

    [Fact]
    public void Long_keys_are_complex()
    {
        var key = new string('k', 129);
        Yaml(D((key, I(1)))).Should().Be("? " + key + "\n: 1\n");
    }
}
