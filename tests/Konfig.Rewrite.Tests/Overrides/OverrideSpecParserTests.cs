using FluentAssertions;
using Konfig.Rewrite.Overrides;

namespace Konfig.Rewrite.Tests.Overrides;

public sealed class OverrideSpecParserTests
{
    [Theory]
    [InlineData("alice.age=18", OverrideOperation.Assign, "18", new[] { "alice", "age" })]
    [InlineData("config.x:{a:1}", OverrideOperation.Union, "{a:1}", new[] { "config", "x" })]
    [InlineData("config.z+=[1,2,3]", OverrideOperation.Append, "[1,2,3]", new[] { "config", "z" })]
    [InlineData("dict_delete.image-", OverrideOperation.Delete, "", new[] { "dict_delete", "image" })]
    [InlineData("_access6      =\"a6\"", OverrideOperation.Assign, "\"a6\"", new[] { "_access6" })]
    [InlineData("app.labels.key.str-key=\"v\"", OverrideOperation.Assign, "\"v\"", new[] { "app", "labels", "key", "str-key" })]
    [InlineData("app.labels.key['dot.key']=\"v\"", OverrideOperation.Assign, "\"v\"", new[] { "app", "labels", "key", "dot.key" })]
    [InlineData("app.labels[\"a:b\"].c=1", OverrideOperation.Assign, "1", new[] { "app", "labels", "a:b", "c" })]
    [InlineData("a.b=\"x=y:z\"", OverrideOperation.Assign, "\"x=y:z\"", new[] { "a", "b" })]
    [InlineData("a.b={c = 1, d: 2}", OverrideOperation.Assign, "{c = 1, d: 2}", new[] { "a", "b" })]
    [InlineData("count+1=2", OverrideOperation.Assign, "2", new[] { "count+1" })]
    public void Splits_path_operation_and_value(string text, OverrideOperation operation, string value, string[] path)
    {
        var result = OverrideSpecParser.Parse(text);

        result.Error.Should().BeNull();
        var spec = result.Spec!;
        spec.Operation.Should().Be(operation);
        spec.Value.Should().Be(value);
        spec.Path.Should().Equal(path);
        spec.Text.Should().Be(text);
    }

    [Fact]
    public void The_first_operator_outside_brackets_and_strings_splits_the_spec()
    {
        var spec = OverrideSpecParser.Parse("a['x=1'].b:c=d").Spec!;

        spec.Path.Should().Equal("a", "x=1", "b");
        spec.Operation.Should().Be(OverrideOperation.Union);
        spec.Value.Should().Be("c=d");
    }

    [Theory]
    [InlineData("....")]
    [InlineData(":a:")]
    [InlineData("=a=")]
    [InlineData(":a")]
    [InlineData("a-1")]
    [InlineData("a=")]
    [InlineData("a+=  ")]
    [InlineData("-")]
    [InlineData("..-")]
    public void Malformed_specs_get_the_reference_message(string text)
    {
        OverrideSpecParser.Parse(text).Error.Should().Be(
            $"Invalid spec format '{text}', expected <field_path>=<filed_value>, <field_path>:<filed_value>, <field_path>+=<filed_value> or <field_path>-");
    }

    [Theory]
    [InlineData("a[b]=1", "Invalid spec 'a[b]=1': Expected opening quote after '['")]
    [InlineData("a['b'x]=1", "Invalid spec 'a['b'x]=1': Expected closing bracket")]
    [InlineData("a]=1", "Invalid spec 'a]=1': Unmatched closing bracket")]
    public void Malformed_paths_name_the_spec_and_the_problem(string text, string message)
    {
        OverrideSpecParser.Parse(text).Error.Should().Be(message);
    }
}
