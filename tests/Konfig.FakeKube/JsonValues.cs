using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Konfig.FakeKube;

/// <summary>
/// Lenient reads of JSON values: a number may be held as int, long or a parsed element, and client
/// input may hold anything where a string is expected; these never throw.
/// </summary>
internal static class JsonValues
{
    public static long? AsLong(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        if (value.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }

        return long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;
    }

    public static string? AsString(this JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
