using System.Text.Json.Nodes;
using FluentAssertions;
using Konfig.Engine.State;

namespace Konfig.Engine.Tests.State;

public sealed class StateSerializerTests
{
    [Fact]
    public void Round_trips_every_field()
    {
        var state = StateSamples.State(7);

        var json = StateSerializer.Serialize(state);
        var read = StateSerializer.Deserialize(json, "test state");

        read.Key.Should().Be(state.Key);
        read.Tenant.Should().Be("acme");
        read.Serial.Should().Be(7);
        read.CreatedAt.Should().Be(state.CreatedAt);
        read.UpdatedAt.Should().Be(state.UpdatedAt);
        read.Resources.Should().HaveCount(2);
        read.Resources[1].Id.Should().Be("apps/v1:Deployment:web:app1");
        read.Resources[1].DependsOn.Should().Equal("v1:Namespace:web");
        read.Resources[1].Attributes.ToJsonString().Should().Be(state.Resources[1].Attributes.ToJsonString());
        StateSerializer.Serialize(read).Should().Be(json);
    }

    [Fact]
    public void Writes_indented_json_with_a_version_and_the_documented_field_names()
    {
        var json = StateSerializer.Serialize(StateSamples.State(1) with { Tenant = null });

        json.Should().Contain("\n  \"version\": 1,");
        var root = JsonNode.Parse(json)!.AsObject();
        root.Select(p => p.Key).Should().Equal("version", "project", "stack", "cluster", "serial", "createdAt", "updatedAt", "resources");
        root["resources"]![0]!.AsObject().Select(p => p.Key).Should().Equal("id", "type", "attributes", "dependsOn");
        root["createdAt"]!.GetValue<string>().Should().Be("2026-11-21T20:00:00.0000000+00:00");
        json.Should().Contain("ünïcode <&>", "state files stay readable");
    }

    [Fact]
    public void Invalid_json_names_the_source_at_one_position_from_one()
    {
        var json = "{\n  \"version\": 1,\n  \"project\": oops\n}";

        var act = () => StateSerializer.Deserialize(json, "state file /tmp/x.json");

        var message = act.Should().Throw<StateException>().Which.Message;
        message.Should().StartWith("The state file /tmp/x.json:3:14 is corrupt: it is not valid JSON: 'o' is an invalid start of a value. konfig never overwrites");
        message.Should().NotContainAny(["LineNumber", "BytePositionInLine", "line ", "position"], "the only position is /tmp/x.json:3:14");
    }

    [Fact]
    public void Invalid_json_at_the_end_is_reported_on_the_last_line()
    {
        var act = () => StateSerializer.Deserialize("{\n  \"version\": 1,\n", "state file /tmp/x.json");

        act.Should().Throw<StateException>().WithMessage("The state file /tmp/x.json:3:1 is corrupt: it is not valid JSON: *");
    }

    [Theory]
    [InlineData("""{"version":1,"stack":"s","cluster":"c","serial":1,"createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z","resources":[]}""", "$.project is missing")]
    [InlineData("""{"version":1,"project":"p","stack":"s","cluster":"c","serial":"1","createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z","resources":[]}""", "$.serial must be a whole number")]
    [InlineData("""{"version":1,"project":"p","stack":"s","cluster":"c","serial":1,"createdAt":"yesterday","updatedAt":"2026-01-01T00:00:00Z","resources":[]}""", "$.createdAt must be an ISO 8601 time*")]
    [InlineData("""{"version":1,"project":"p","stack":"s","cluster":"c","serial":1,"createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z","resources":{}}""", "$.resources must be an array")]
    [InlineData("""{"version":1,"project":"p","stack":"s","cluster":"c","serial":1,"createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z","resources":[{"id":"a","type":"t","attributes":{},"dependsOn":[3]}]}""", "$.resources[0].dependsOn[0] must be a string")]
    [InlineData("""{"version":1,"project":"p","stack":"s","cluster":"c","serial":1,"createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z","resources":[{"id":"a","type":"t","dependsOn":[]}]}""", "$.resources[0].attributes is missing")]
    [InlineData("""[1, 2]""", "$ must be a JSON object")]
    [InlineData("""{"project":"p"}""", "$.version is missing")]
    public void A_wrong_shape_names_the_json_path(string json, string problem)
    {
        var act = () => StateSerializer.Deserialize(json, "Secret konfig/konfig-state.x");

        act.Should().Throw<StateException>().WithMessage($"The Secret konfig/konfig-state.x is corrupt: {problem}*");
    }

    [Fact]
    public void A_newer_format_version_asks_for_a_newer_konfig()
    {
        var json = StateSerializer.Serialize(StateSamples.State(1)).Replace("\"version\": 1", "\"version\": 2", StringComparison.Ordinal);

        var act = () => StateSerializer.Deserialize(json, "state file a.json");

        act.Should().Throw<StateException>().WithMessage("*format version 2*newer konfig*Upgrade konfig*");
    }
}
