using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Konfig.Engine.State;

/// <summary>
/// The state format shared by every store: indented JSON with a format version, so a newer konfig can
/// read older states and an older one refuses newer ones instead of dropping what it does not know.
/// <code>
/// {
///   "version": 1,
///   "tenant": "acme",            // omitted when null
///   "project": "web",
///   "stack": "apps/web/dev",
///   "cluster": "kind-dev",
///   "serial": 3,
///   "createdAt": "2026-11-21T20:00:00.0000000+00:00",
///   "updatedAt": "2026-11-21T20:05:00.0000000+00:00",
///   "resources": [
///     { "id": "v1:Namespace:web", "type": "Kubernetes", "attributes": { ... }, "dependsOn": [] }
///   ]
/// }
/// </code>
/// Reading is strict: a missing or mistyped field is a <see cref="StateException"/> that names the
/// source (file or Secret) and the JSON path of the field, never a half-read state.
/// </summary>
public static class StateSerializer
{
    public const int CurrentVersion = 1;

    private const string NeverOverwritten =
        "konfig never overwrites a corrupt state: fix or restore it (e.g. from version control or a backup) and retry.";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        // States hold what was applied verbatim (including non-ASCII text); escaping it would only make it unreadable.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(StackState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", CurrentVersion);
            if (state.Tenant is not null)
            {
                writer.WriteString("tenant", state.Tenant);
            }

            writer.WriteString("project", state.Key.Project);
            writer.WriteString("stack", state.Key.Stack);
            writer.WriteString("cluster", state.Key.Cluster);
            writer.WriteNumber("serial", state.Serial);
            writer.WriteString("createdAt", FormatTime(state.CreatedAt));
            writer.WriteString("updatedAt", FormatTime(state.UpdatedAt));
            writer.WriteStartArray("resources");
            foreach (var resource in state.Resources)
            {
                writer.WriteStartObject();
                writer.WriteString("id", resource.Id);
                writer.WriteString("type", resource.Type);
                writer.WritePropertyName("attributes");
                resource.Attributes.WriteTo(writer);
                writer.WriteStartArray("dependsOn");
                foreach (var dependency in resource.DependsOn)
                {
                    writer.WriteStringValue(dependency);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>
    /// Reads a state; <paramref name="source"/> names where it came from in errors ("state file /x/y.json"). Invalid
    /// JSON is reported at one 1-based position, <c>&lt;source&gt;:line:column</c>.
    /// </summary>
    public static StackState Deserialize(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException error)
        {
            // One position, 1-based, as path:line:column; the reason without System.Text.Json's own (0-based) one.
            var where = error.LineNumber is { } line ? $"{source}:{line + 1}:{Column(json, line, error.BytePositionInLine ?? 0)}" : source;
            throw new StateException($"The {where} is corrupt: it is not valid JSON: {Reason(error.Message)}. {NeverOverwritten}", error);
        }

        if (root is not JsonObject state)
        {
            throw Corrupt(source, "$ must be a JSON object");
        }

        var version = ReadLong(state, "version", "$", source);
        if (version > CurrentVersion)
        {
            throw new StateException($"The {source} has format version {version}, written by a newer konfig; this one reads version {CurrentVersion}. Upgrade konfig.");
        }

        if (version < 1)
        {
            throw Corrupt(source, $"$.version is {version}; versions start at 1");
        }

        var key = new StateKey(
            ReadString(state, "project", "$", source),
            ReadString(state, "stack", "$", source),
            ReadString(state, "cluster", "$", source));

        return new StackState
        {
            Key = key,
            Tenant = ReadOptionalString(state, "tenant", "$", source),
            Serial = ReadLong(state, "serial", "$", source),
            CreatedAt = ReadTime(state, "createdAt", source),
            UpdatedAt = ReadTime(state, "updatedAt", source),
            Resources = ReadResources(state, source),
        };
    }

    private static List<StateResource> ReadResources(JsonObject state, string source)
    {
        if (Field(state, "resources", "$", source) is not JsonArray items)
        {
            throw Corrupt(source, "$.resources must be an array");
        }

        var resources = new List<StateResource>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"$.resources[{i}]";
            if (items[i] is not JsonObject item)
            {
                throw Corrupt(source, $"{path} must be an object");
            }

            if (Field(item, "attributes", path, source) is not JsonObject attributes)
            {
                throw Corrupt(source, $"{path}.attributes must be an object");
            }

            if (Field(item, "dependsOn", path, source) is not JsonArray dependsOnArray)
            {
                throw Corrupt(source, $"{path}.dependsOn must be an array");
            }

            var dependsOn = new List<string>(dependsOnArray.Count);
            for (var j = 0; j < dependsOnArray.Count; j++)
            {
                dependsOn.Add(AsString(dependsOnArray[j]) ?? throw Corrupt(source, $"{path}.dependsOn[{j}] must be a string"));
            }

            resources.Add(new StateResource(
                ReadString(item, "id", path, source),
                ReadString(item, "type", path, source),
                (JsonObject)attributes.DeepClone(),
                dependsOn));
        }

        return resources;
    }

    private static JsonNode? Field(JsonObject parent, string name, string path, string source) =>
        parent.TryGetPropertyValue(name, out var value) ? value : throw Corrupt(source, $"{path}.{name} is missing");

    private static string ReadString(JsonObject parent, string name, string path, string source) =>
        AsString(Field(parent, name, path, source)) ?? throw Corrupt(source, $"{path}.{name} must be a string");

    private static string? ReadOptionalString(JsonObject parent, string name, string path, string source)
    {
        if (!parent.TryGetPropertyValue(name, out var value) || value is null)
        {
            return null;
        }

        return AsString(value) ?? throw Corrupt(source, $"{path}.{name} must be a string");
    }

    private static long ReadLong(JsonObject parent, string name, string path, string source)
    {
        var value = Field(parent, name, path, source);
        return value is JsonValue number && number.GetValueKind() == JsonValueKind.Number && number.TryGetValue<long>(out var result)
            ? result
            : throw Corrupt(source, $"{path}.{name} must be a whole number");
    }

    private static DateTimeOffset ReadTime(JsonObject parent, string name, string source)
    {
        var text = ReadString(parent, name, "$", source);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
            ? time
            : throw Corrupt(source, $"$.{name} must be an ISO 8601 time, not \"{text}\"");
    }

    private static string? AsString(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static string FormatTime(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>The 1-based column, in characters, of a 0-based byte offset in a 0-based line (lines end at '\n', as for the JSON reader).</summary>
    private static long Column(string json, long line, long bytePosition)
    {
        var lines = json.Split('\n');
        if (line >= lines.Length)
        {
            return bytePosition + 1;
        }

        var bytes = Encoding.UTF8.GetBytes(lines[line]);
        return Encoding.UTF8.GetCharCount(bytes, 0, (int)Math.Min(bytePosition, bytes.Length)) + 1;
    }

    /// <summary>The reader's reason, without the "Path: $ | LineNumber: 2 | BytePositionInLine: 4." it appends.</summary>
    private static string Reason(string message)
    {
        foreach (var marker in new[] { " Path: ", " LineNumber: " })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }

        return message.TrimEnd().TrimEnd('.');
    }

    private static StateException Corrupt(string source, string problem) => new($"The {source} is corrupt: {problem}. {NeverOverwritten}");
}
