using FluentAssertions;
using Konfig.Kcl.Values;
using Xunit;
using static Konfig.Kcl.Tests.Emit.V;

namespace Konfig.Kcl.Tests.Values;

public class ValueFormatterTests
{
    [Fact]
    public void Str_matches_kcl_display()
    {
        ValueFormatter.ToStr(I(1)).Should().Be("1");
        ValueFormatter.ToStr(F(1.2)).Should().Be("1.2");
        ValueFormatter.ToStr(F(1.0)).Should().Be("1.0");
        ValueFormatter.ToStr(F(1e-9)).Should().Be("0.000000001");
        ValueFormatter.ToStr(F(1e20)).Should().Be("100000000000000000000.0");
        ValueFormatter.ToStr(B(true)).Should().Be("True");
        ValueFormatter.ToStr(None).Should().Be("None");
        ValueFormatter.ToStr(L(I(1), S("a"), None)).Should().Be("[1, a, None]");
        ValueFormatter.ToStr(D(("key", S("value")), ("n", I(1)), ("l", L(S("x"))))).Should().Be("{'key': 'value', 'n': 1, 'l': [x]}");
        ValueFormatter.ToStr(D(("q", S("say \"hi\"")), ("r", S("it's \"x\"")))).Should().Be("{'q': \"say \"hi\"\", 'r': \"it's \\\"x\\\"\"}");
        ValueFormatter.ToStr(new NumberMultiplierValue(1e6, 1, "M")).Should().Be("1M");
    }

    [Fact]
    public void Interpolation_specs()
    {
        ValueFormatter.Interpolate(D(("k", S("v"))), " #json").Should().Be("{\"k\": \"v\"}");
        ValueFormatter.Interpolate(D(("key1", S("value1"))), "#YAML").Should().Be("key1: value1\n");
        ValueFormatter.Interpolate(F(4.6), null).Should().Be("4.6");
        FluentActions.Invoking(() => ValueFormatter.Interpolate(I(1), "05d")).Should().Throw<KclRuntimeException>();
    }

    [Theory]
    [InlineData(5L, "05d", "00005")]
    [InlineData(-5L, "05d", "-0005")]
    [InlineData(255L, "x", "ff")]
    [InlineData(255L, "#X", "0xFF")]
    [InlineData(1234567L, ",", "1,234,567")]
    [InlineData(42L, "+", "+42")]
    [InlineData(42L, "*^6", "**42**")]
    [InlineData(42L, "<5", "42   ")]
    [InlineData(10L, "b", "1010")]
    public void Int_specs(long value, string spec, string expected)
    {
        ValueFormatter.FormatWithSpec(I(value), spec).Should().Be(expected);
    }

    [Theory]
    [InlineData(1.0, ".0f", "1")]
    [InlineData(2.5, ".0f", "2")]
    [InlineData(3.14159, ".2f", "3.14")]
    [InlineData(1.5, "", "1.5")]
    [InlineData(1e-9, "", "1e-09")]
    [InlineData(1e16, "", "1e+16")]
    [InlineData(100.0, "", "100.0")]
    [InlineData(1234.5, ".2e", "1.23e+03")]
    [InlineData(0.00001234, "g", "1.234e-05")]
    [InlineData(1234.5, "g", "1234.5")]
    [InlineData(0.25, "%", "25.000000%")]
    [InlineData(-1.5, "08.2f", "-0001.50")]
    [InlineData(1234567.891, ",.2f", "1,234,567.89")]
    public void Float_specs(double value, string spec, string expected)
    {
        ValueFormatter.FormatWithSpec(F(value), spec).Should().Be(expected);
    }

    [Fact]
    public void Str_format()
    {
        ValueFormatter.Format("{} {}", [S("Hello"), S("World")], []).Should().Be("Hello World");
        ValueFormatter.Format("{:.1f} {:.0f}", [F(1.0), F(2.0)], []).Should().Be("1.0 2");
        ValueFormatter.Format("0{0[0]}, 1{0[1]}, Hello{1[Hello]}", [L(S("0"), S("1")), D(("Hello", S("World")))], []).Should().Be("00, 11, HelloWorld");
        ValueFormatter.Format("{name}={v:03d} {{x}}", [], [new("name", S("a")), new("v", I(7))]).Should().Be("a=007 {x}");
        FluentActions.Invoking(() => ValueFormatter.Format("{} {0}", [I(1)], [])).Should().Throw<KclRuntimeException>()
            .WithMessage("cannot switch from automatic field numbering to manual field specification");
    }
}
