using System.Text.Json;
using System.Text.Json.Nodes;

namespace Konfig.Bot.Events;

/// <summary>Reads fields of a webhook payload by dotted path; a missing or mistyped field is a <see cref="PayloadException"/> naming it.</summary>
internal sealed class Payload(JsonObject root)
{
    public JsonObject Root { get; } = root;

    public JsonNode? Find(string path)
    {
        JsonNode? node = Root;
        foreach (var key in path.Split('.'))
        {
            node = node is JsonObject map ? map[key] : null;
        }

        return node;
    }

    public bool Has(string path) => Find(path) is not null;

    public string String(string path) =>
        Find(path) is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : throw Missing(path, "a string");

    public string? OptionalString(string path) => Find(path) switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw Missing(path, "a string"),
    };

    public bool Bool(string path, bool absent = false) => Find(path) switch
    {
        null => absent,
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
        _ => throw Missing(path, "true or false"),
    };

    public long Long(string path) =>
        Find(path) is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var number)
            ? number
            : throw Missing(path, "an integer");

    public int Int(string path)
    {
        var number = Long(path);
        return number is >= 1 and <= int.MaxValue ? (int)number : throw Missing(path, "a positive 32-bit integer");
    }

    private PayloadException Missing(string path, string expected) =>
        new(path, Find(path) is null ? $"is missing (expected {expected})" : $"must be {expected}");
}
