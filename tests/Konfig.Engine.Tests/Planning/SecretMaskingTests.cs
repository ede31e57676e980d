using System.Text.Json.Nodes;
using FluentAssertions;
using Konfig.Engine.Planning;

namespace Konfig.Engine.Tests.Planning;

public class SecretMaskingTests
{
    private static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();

    // "hunter2" is aHVudGVyMg== in base64 (7 bytes); "correct-horse" is 13 bytes.
    private const string Before = """
        {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "db", "namespace": "demo",
          "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{\"data\":{\"password\":\"aHVudGVyMg==\"}}", "team": "x"}},
         "type": "Opaque", "data": {"password": "aHVudGVyMg==", "old": "b2xk"}, "stringData": {"token": "correct-horse"}}
        """;

    private const string After = """
        {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "db", "namespace": "demo",
          "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{\"data\":{\"password\":\"c3dvcmRmaXNo\"}}", "team": "y"}},
         "type": "Opaque", "data": {"password": "c3dvcmRmaXNo", "new": "bmV3LXZhbHVl"}, "stringData": {"token": "battery-staple"}}
        """;

    [Fact]
    public void Every_secret_value_is_masked_in_a_copy_of_the_object()
    {
        var original = Json(Before);
        var masked = SecretMasking.MaskObject(original, isSecret: true)!;
        var text = masked.ToJsonString();
        text.Should().NotContainAny("aHVudGVyMg==", "b2xk", "correct-horse", "hunter2");
        masked["data"]!["password"]!.GetValue<string>().Should().Be("(sensitive: 7 bytes)");
        masked["data"]!["old"]!.GetValue<string>().Should().Be("(sensitive: 3 bytes)");
        masked["stringData"]!["token"]!.GetValue<string>().Should().Be("(sensitive: 13 bytes)");
        masked["metadata"]!["annotations"]!["team"]!.GetValue<string>().Should().Be("x");
        masked["metadata"]!["name"]!.GetValue<string>().Should().Be("db");
        SecretMasking.IsMarker(masked["data"]!["password"]).Should().BeTrue();
        original["data"]!["password"]!.GetValue<string>().Should().Be("aHVudGVyMg==", "the original is left alone");
    }

    [Fact]
    public void Objects_that_are_not_secrets_are_copied_as_they_are()
    {
        var configMap = Json("""{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"k": "v"}}""");
        SecretMasking.IsSecret(configMap).Should().BeFalse();
        SecretMasking.MaskObject(configMap, isSecret: false)!.ToJsonString().Should().Be(configMap.ToJsonString());
        SecretMasking.IsSecret(Json("""{"apiVersion": "example.com/v1", "kind": "Secret", "metadata": {"name": "s"}}""")).Should().BeFalse();
    }

    [Fact]
    public void Changed_secret_fields_show_as_changed_without_either_value()
    {
        var changes = ObjectDiff.Compare(Json(Before), Json(After)).Select(d => SecretMasking.MaskChange(d, isSecret: true)).ToList();
        var text = string.Join("\n", changes.Select(c => $"{c.Path}: {c.Before?.ToJsonString() ?? "absent"} → {c.After?.ToJsonString() ?? "absent"}"));
        text.Should().Be("""
            data.new: absent → "(sensitive: 9 bytes)"
            data.old: "(sensitive: 3 bytes)" → absent
            data.password: "(sensitive: 7 bytes)" → "(sensitive: 9 bytes)"
            metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]: "(sensitive: 36 bytes)" → "(sensitive: 36 bytes)"
            metadata.annotations.team: "x" → "y"
            stringData.token: "(sensitive: 13 bytes)" → "(sensitive: 14 bytes)"
            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_whole_data_map_that_appears_is_masked_value_by_value()
    {
        var change = ObjectDiff.Compare(Json("""{"data": "oops!"}"""), Json("""{"data": {"a": "c2VjcmV0"}}"""))
            .Select(d => SecretMasking.MaskChange(d, isSecret: true)).Single();
        change.Path.Should().Be("data");
        change.Before!.GetValue<string>().Should().Be("(sensitive: 5 bytes)");
        change.After!.ToJsonString().Should().Be("""{"a":"(sensitive: 6 bytes)"}""");
    }

    [Fact]
    public void Values_that_are_not_base64_count_their_text()
    {
        var masked = SecretMasking.MaskObject(Json("""{"apiVersion": "v1", "kind": "Secret", "data": {"a": "not base64!", "n": 12}}"""), isSecret: true)!;
        masked["data"]!["a"]!.GetValue<string>().Should().Be("(sensitive: 11 bytes)");
        masked["data"]!["n"]!.GetValue<string>().Should().Be("(sensitive: 2 bytes)");
    }

    [Fact]
    public void Scrub_removes_encoded_and_decoded_values_from_messages()
    {
        var secrets = SecretMasking.SecretValues(Json(Before)).ToList();
        var message = "Secret \"db\" is invalid: data[password]: Invalid value: \"hunter2\" (was aHVudGVyMg==); token correct-horse; name db";
        SecretMasking.Scrub(message, secrets).Should().Be("Secret \"db\" is invalid: data[password]: Invalid value: \"***\" (was ***); token ***; name db");
    }

    [Fact]
    public void Scrub_leaves_very_short_values_so_messages_stay_readable()
    {
        SecretMasking.Scrub("a bc def", ["a", "bc", "def"]).Should().Be("a bc ***");
        SecretMasking.SecretValues(Json("""{"apiVersion": "v1", "kind": "ConfigMap", "data": {"a": "visible"}}""")).Should().BeEmpty();
    }
}
