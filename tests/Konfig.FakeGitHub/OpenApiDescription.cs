using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Konfig.FakeGitHub;

/// <summary>
/// GitHub's REST description (OpenAPI 3, <c>$ref</c>s kept), used to hold every request the fake receives
/// to the real API: the route and method must exist, path parameters must have their schema's type, and a
/// JSON body must carry the schema's required properties with the right JSON types.
/// </summary>
public sealed class OpenApiDescription
{
    private static readonly ConcurrentDictionary<string, Lazy<OpenApiDescription>> Loaded = new(StringComparer.Ordinal);

    private readonly JsonObject root;
    private readonly List<Route> routes;

    private OpenApiDescription(JsonObject root)
    {
        this.root = root;
        routes = root["paths"]!.AsObject()
            .Select(p => new Route(p.Key, p.Key.Trim('/').Split('/'), p.Value!.AsObject()))
            // The most literal template wins: /issues/comments before /issues/{issue_number}.
            .OrderByDescending(r => r.Segments.Count(s => !IsParameter(s)))
            .ToList();
    }

    /// <summary>The description at <paramref name="path"/>, read once per process (the file is 13 MB).</summary>
    public static OpenApiDescription Load(string path) =>
        Loaded.GetOrAdd(Path.GetFullPath(path), p => new Lazy<OpenApiDescription>(() =>
            new OpenApiDescription(JsonNode.Parse(File.ReadAllText(p))!.AsObject()))).Value;

    /// <summary>
    /// Matches a request to its route and checks it. <paramref name="body"/> is null when the request has none.
    /// The result names the template (null when no route matches) and lists what does not conform.
    /// </summary>
    public OpenApiCheck Check(string method, string path, JsonNode? body, bool hasBody)
    {
        var segments = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        var verb = method.ToLowerInvariant();
        Route? pathOnly = null;
        foreach (var route in routes)
        {
            if (!route.Matches(segments, out var values))
            {
                continue;
            }

            if (route.Item[verb] is not JsonObject operation)
            {
                pathOnly ??= route;
                continue;
            }

            var errors = new List<string>();
            CheckPathParameters(route, operation, values, errors);
            CheckBody(operation, body, hasBody, errors);
            return new OpenApiCheck(route.Template, values, errors);
        }

        var why = pathOnly is null
            ? $"{method} {path}: no route of the REST description matches this path"
            : $"{method} {path}: {pathOnly.Template} has no {method.ToUpperInvariant()} operation";
        return new OpenApiCheck(null, new Dictionary<string, string>(), [why]);
    }

    private void CheckPathParameters(Route route, JsonObject operation, Dictionary<string, string> values, List<string> errors)
    {
        var declared = (route.Item["parameters"]?.AsArray() ?? [])
            .Concat(operation["parameters"]?.AsArray() ?? [])
            .Select(p => Resolve(p!))
            .Where(p => p["in"]?.GetValue<string>() == "path")
            .ToDictionary(p => p["name"]!.GetValue<string>(), p => p);
        foreach (var (name, value) in values)
        {
            if (!declared.TryGetValue(name, out var parameter))
            {
                errors.Add($"path parameter '{name}' is not declared for {route.Template}");
                continue;
            }

            var type = parameter["schema"] is JsonNode schema ? Resolve(schema)["type"]?.GetValue<string>() : null;
            var ok = type switch
            {
                "integer" => long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _),
                "number" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
                "boolean" => value is "true" or "false",
                _ => value.Length > 0,
            };
            if (!ok)
            {
                errors.Add($"path parameter '{name}' is '{value}', not of type {type ?? "string"}");
            }
        }
    }

    private void CheckBody(JsonObject operation, JsonNode? body, bool hasBody, List<string> errors)
    {
        if (operation["requestBody"] is not JsonNode requestBodyNode)
        {
            return;
        }

        var requestBody = Resolve(requestBodyNode);
        var required = requestBody["required"]?.GetValue<bool>() == true;
        if (!hasBody)
        {
            if (required)
            {
                errors.Add("the request has no body, but the operation requires one");
            }

            return;
        }

        if (requestBody["content"]?["application/json"]?["schema"] is not JsonNode schema)
        {
            return;
        }

        CheckValue(Resolve(schema), body, "body", errors);
    }

    /// <summary>Checks a value against a schema: its type, required properties, array sizes; recursing into what is present.</summary>
    private void CheckValue(JsonObject schema, JsonNode? value, string where, List<string> errors)
    {
        if (schema["allOf"] is JsonArray allOf)
        {
            foreach (var part in allOf)
            {
                CheckValue(Resolve(part!), value, where, errors);
            }
        }

        var alternatives = (schema["oneOf"] ?? schema["anyOf"])?.AsArray();
        if (alternatives is not null)
        {
            var attempts = alternatives.Select(a =>
            {
                var found = new List<string>();
                CheckValue(Resolve(a!), value, where, found);
                return found;
            }).ToList();
            if (attempts.All(a => a.Count > 0))
            {
                errors.AddRange(attempts.OrderBy(a => a.Count).First());
            }
        }

        if (value is null)
        {
            if (schema["nullable"]?.GetValue<bool>() != true && !TypeNames(schema).Contains("null") && TypeNames(schema).Count > 0)
            {
                errors.Add($"{where} is null, but must be {string.Join(" or ", TypeNames(schema))}");
            }

            return;
        }

        var types = TypeNames(schema);
        var actual = JsonTypeOf(value);
        if (types.Count > 0 && !types.Contains(actual) && !(actual == "integer" && types.Contains("number")))
        {
            errors.Add($"{where} is {actual}, but must be {string.Join(" or ", types)}");
            return;
        }

        if (value is JsonObject obj)
        {
            foreach (var name in schema["required"]?.AsArray().Select(n => n!.GetValue<string>()) ?? [])
            {
                if (!obj.ContainsKey(name))
                {
                    errors.Add($"{where}.{name} is required but missing");
                }
            }

            if (schema["properties"] is JsonObject properties)
            {
                foreach (var (name, child) in obj)
                {
                    if (properties[name] is JsonNode childSchema)
                    {
                        CheckValue(Resolve(childSchema), child, $"{where}.{name}", errors);
                    }
                }
            }
        }
        else if (value is JsonArray array)
        {
            if (schema["maxItems"] is JsonNode max && array.Count > max.GetValue<int>())
            {
                errors.Add($"{where} has {array.Count} items, more than the {max.GetValue<int>()} allowed");
            }

            if (schema["items"] is JsonNode items)
            {
                var itemSchema = Resolve(items);
                for (var i = 0; i < array.Count; i++)
                {
                    CheckValue(itemSchema, array[i], $"{where}[{i}]", errors);
                }
            }
        }
    }

    private static List<string> TypeNames(JsonObject schema) => schema["type"] switch
    {
        JsonArray many => many.Select(t => t!.GetValue<string>()).ToList(),
        JsonValue one => [one.GetValue<string>()],
        _ => [],
    };

    private static string JsonTypeOf(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number => value.AsValue().TryGetValue<long>(out _) || IsWhole(value) ? "integer" : "number",
        _ => "null",
    };

    private static bool IsWhole(JsonNode value) =>
        double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && Math.Floor(d) == d;

    /// <summary>Follows <c>$ref</c> ("#/components/…") until a plain object.</summary>
    private JsonObject Resolve(JsonNode node)
    {
        var current = node.AsObject();
        for (var hops = 0; current["$ref"] is JsonNode reference; hops++)
        {
            if (hops > 32)
            {
                throw new InvalidOperationException($"$ref cycle at {reference}");
            }

            JsonNode? target = root;
            foreach (var part in reference.GetValue<string>().TrimStart('#', '/').Split('/'))
            {
                target = target?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
            }

            current = target?.AsObject() ?? throw new InvalidOperationException($"unresolved $ref {reference}");
        }

        return current;
    }

    private static bool IsParameter(string segment) => segment.StartsWith('{') && segment.EndsWith('}');

    private sealed record Route(string Template, string[] Segments, JsonObject Item)
    {
        public bool Matches(string[] path, out Dictionary<string, string> values)
        {
            values = new Dictionary<string, string>(StringComparer.Ordinal);
            // A trailing parameter marked x-multi-segment (statuses/{sha}, contents/{path}) may span several segments.
            var last = Segments[^1];
            var multi = IsParameter(last) && LastIsMultiSegment();
            if (path.Length != Segments.Length && !(multi && path.Length > Segments.Length))
            {
                return false;
            }

            for (var i = 0; i < Segments.Length; i++)
            {
                var segment = Segments[i];
                if (IsParameter(segment))
                {
                    var value = i == Segments.Length - 1 && multi ? string.Join('/', path[i..]) : path[i];
                    values[segment[1..^1]] = value;
                }
                else if (!string.Equals(segment, path[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        private bool LastIsMultiSegment()
        {
            var name = Segments[^1][1..^1];
            return Item.Where(o => o.Value is JsonObject).SelectMany(o => o.Value!["parameters"]?.AsArray() ?? [])
                .Any(p => p?["name"]?.GetValue<string>() == name && p["x-multi-segment"]?.GetValue<bool>() == true);
        }
    }
}

/// <summary>The outcome of checking one request: the matched template (null if none) and what does not conform.</summary>
public sealed record OpenApiCheck(string? Template, IReadOnlyDictionary<string, string> PathValues, IReadOnlyList<string> Errors)
{
    public bool Conforms => Errors.Count == 0;
}
