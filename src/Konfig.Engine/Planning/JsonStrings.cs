using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Konfig.Engine.Planning;

/// <summary>Field names written and read as JSON strings (quoted keys in field paths), without reflection.</summary>
internal static class JsonStrings
{
    // Readable: non-ASCII letters stay as they are instead of \uXXXX escapes.
    private static readonly JsonStringContext Readable =
        new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public static string Quote(string value) => JsonSerializer.Serialize(value, Readable.String);

    /// <summary>The string a JSON string literal stands for; throws <see cref="JsonException"/> when it is not one.</summary>
    public static string? Unquote(string literal) => JsonSerializer.Deserialize(literal, JsonStringContext.Default.String);
}

[JsonSerializable(typeof(string))]
internal sealed partial class JsonStringContext : JsonSerializerContext;
