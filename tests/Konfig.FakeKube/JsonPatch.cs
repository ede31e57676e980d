using System.Text.Json.Nodes;

namespace Konfig.FakeKube;

/// <summary>RFC 6902 JSON patch (add, remove, replace, move, copy, test) over JSON pointers; errors are messages.</summary>
internal static class JsonPatch
{
    public static string? Apply(JsonObject target, JsonArray operations)
    {
        foreach (var operation in operations)
        {
            var op = operation?["op"].AsString();
            var path = operation?["path"].AsString();
            if (op is null || path is null)
            {
                return "every operation needs \"op\" and \"path\"";
            }

            var error = op switch
            {
                "add" => Add(target, path, operation!["value"]?.DeepClone()),
                "remove" => Remove(target, path, out _),
                "replace" => Remove(target, path, out _) ?? Add(target, path, operation!["value"]?.DeepClone()),
                "move" => Move(target, operation!["from"].AsString(), path, copy: false),
                "copy" => Move(target, operation!["from"].AsString(), path, copy: true),
                "test" => JsonNode.DeepEquals(Find(target, path), operation!["value"]) ? null : $"test failed at {path}",
                _ => $"unknown op \"{op}\"",
            };
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static string? Move(JsonObject target, string? from, string path, bool copy)
    {
        if (from is null)
        {
            return "move and copy need \"from\"";
        }

        var value = Find(target, from)?.DeepClone();
        if (value is null)
        {
            return $"no value at {from}";
        }

        return (copy ? null : Remove(target, from, out _)) ?? Add(target, path, value);
    }

    private static string? Add(JsonObject target, string path, JsonNode? value)
    {
        var (parent, key) = Parent(target, path);
        switch (parent)
        {
            case JsonObject map:
                map[key] = value;
                return null;
            case JsonArray list when key == "-":
                list.Add(value);
                return null;
            case JsonArray list when int.TryParse(key, out var index) && index >= 0 && index <= list.Count:
                list.Insert(index, value);
                return null;
            default:
                return $"cannot add at {path}";
        }
    }

    private static string? Remove(JsonObject target, string path, out JsonNode? removed)
    {
        removed = null;
        var (parent, key) = Parent(target, path);
        switch (parent)
        {
            case JsonObject map when map.ContainsKey(key):
                removed = map[key];
                map.Remove(key);
                return null;
            case JsonArray list when int.TryParse(key, out var index) && index >= 0 && index < list.Count:
                removed = list[index];
                list.RemoveAt(index);
                return null;
            default:
                return $"no value at {path}";
        }
    }

    private static JsonNode? Find(JsonObject target, string path)
    {
        var (parent, key) = Parent(target, path);
        return parent switch
        {
            JsonObject map => map[key],
            JsonArray list when int.TryParse(key, out var index) && index >= 0 && index < list.Count => list[index],
            _ => null,
        };
    }

    private static (JsonNode? Parent, string Key) Parent(JsonObject target, string path)
    {
        var keys = path.Split('/').Skip(1).Select(k => k.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
        if (keys.Count == 0)
        {
            return (null, "");
        }

        JsonNode? node = target;
        foreach (var key in keys[..^1])
        {
            node = node switch
            {
                JsonObject map => map[key],
                JsonArray list when int.TryParse(key, out var index) && index >= 0 && index < list.Count => list[index],
                _ => null,
            };
        }

        return (node, keys[^1]);
    }
}
