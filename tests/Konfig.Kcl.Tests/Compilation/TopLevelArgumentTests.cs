using FluentAssertions;
using Konfig.Kcl.Compilation;
using Konfig.Kcl.Values;
using Xunit;

namespace Konfig.Kcl.Tests.Compilation;

public class TopLevelArgumentTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("42", 42L)]
    [InlineData("-7", -7L)]
    public void Integers(string text, long expected) =>
        TopLevelArgument.ParseValue(text).Should().BeOfType<IntValue>().Which.Value.Should().Be(expected);

    [Theory]
    [InlineData("0.0", 0.0)]
    [InlineData("1.5", 1.5)]
    public void Floats(string text, double expected) =>
        TopLevelArgument.ParseValue(text).Should().BeOfType<FloatValue>().Which.Value.Should().Be(expected);

    [Theory]
    [InlineData("True", true)]
    [InlineData("False", false)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Booleans(string text, bool expected) =>
        TopLevelArgument.ParseValue(text).Should().BeOfType<BoolValue>().Which.Value.Should().Be(expected);

    [Theory]
    [InlineData("None")]
    [InlineData("null")]
    public void None(string text) => TopLevelArgument.ParseValue(text).Should().BeSameAs(NoneValue.Instance);

    [Theory]
    [InlineData("value", "value")]
    [InlineData("000000123456", "000000123456")]
    [InlineData("\"000000123456\"", "000000123456")]
    [InlineData(".0", ".0")]
    [InlineData("12e1", "12e1")]
    [InlineData("1.5e-3", "1.5e-3")]
    [InlineData("2E10", "2E10")]
    [InlineData("{not json", "{not json")]
    [InlineData("", "")]
    public void Strings(string text, string expected) =>
        TopLevelArgument.ParseValue(text).Should().BeOfType<StringValue>().Which.Value.Should().Be(expected);

    [Fact]
    public void Json_lists_and_dicts()
    {
        var value = TopLevelArgument.ParseValue("""{"nameservers":["172.17.255.252","172.17.255.253"],"n":1,"nested":{"b":true}}""");
        var dict = value.Should().BeOfType<DictValue>().Subject;
        dict.Keys.Should().Equal("nameservers", "n", "nested");
        dict["nameservers"].Should().BeOfType<ListValue>().Which.Items.Cast<StringValue>().Select(s => s.Value)
            .Should().Equal("172.17.255.252", "172.17.255.253");
        dict["nested"].Should().BeOfType<DictValue>().Which["b"].Should().BeSameAs(BoolValue.True);
        TopLevelArgument.ParseValue("[1,2,3]").Should().BeOfType<ListValue>().Which.Items.Should().HaveCount(3);
    }

    [Theory]
    [InlineData("key", "value", true)]
    [InlineData("", "1", false)]
    [InlineData("key", "value=", false)]
    public void Validity(string name, string value, bool valid) => TopLevelArgument.IsValid(name, value).Should().Be(valid);
}
