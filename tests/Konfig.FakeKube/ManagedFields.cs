using System.Text.Json.Nodes;

namespace Konfig.FakeKube;

/// <summary>
/// Field ownership, as server-side apply tracks it in <c>metadata.managedFields</c>. A field is a path of map
/// keys down to a leaf (a scalar, a list, or an empty map): lists are atomic here, which is simpler than the
/// real server's associative lists but enough for apply, conflicts and removal. Paths are keys joined by
/// <see cref="Separator"/>; <c>fieldsV1</c> is the real nested <c>f:</c> form.
/// </summary>
internal static class ManagedFields
{
    public const char Separator = '\u001f';

    // Server-owned metadata: never part of what a manager owns.
    private static readonly HashSet<string> ServerMetadata =
        ["name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "managedFields", "selfLink"];

    /// <summary>The leaf paths an object (or an apply configuration) sets, without identity, server metadata and status.</summary>
    public static HashSet<string> LeavesOf(JsonObject value)
    {
        var leaves = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, child) in value)
        {
            if (key is "apiVersion" or "kind" or "status")
            {
                continue;
            }

            if (key == "metadata" && child is JsonObject metadata)
            {
                foreach (var (metaKey, metaChild) in metadata)
                {
                    if (!ServerMetadata.Contains(metaKey))
                    {
                        Collect(metaChild, "metadata" + Separator + metaKey, leaves);
                    }
                }

                continue;
            }

            Collect(child, key, leaves);
        }

        return leaves;
    }

    public static string Display(string path) => "." + path.Replace(Separator, '.');

    public static JsonNode? At(JsonObject value, string path)
    {
        JsonNode? current = value;
        foreach (var key in path.Split(Separator))
        {
            if (current is not JsonObject map || !map.TryGetPropertyValue(key, out current))
            {
                return null;
            }
        }

        return current;
    }

    public static bool Has(JsonObject value, string path)
    {
        JsonNode? current = value;
        foreach (var key in path.Split(Separator))
        {
            if (current is not JsonObject map || !map.TryGetPropertyValue(key, out current))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Removes a field, then the maps above it that it leaves empty, unless <paramref name="keep"/> says so.</summary>
    public static void Remove(JsonObject value, string path, Func<string, bool> keep)
    {
        var keys = path.Split(Separator);
        var parents = new List<JsonObject> { value };
        foreach (var key in keys[..^1])
        {
            if (parents[^1][key] is not JsonObject next)
            {
                return;
            }

            parents.Add(next);
        }

        parents[^1].Remove(keys[^1]);
        for (var depth = keys.Length - 1; depth > 0; depth--)
        {
            var parentPath = string.Join(Separator, keys[..depth]);
            if (parents[depth].Count > 0 || keep(parentPath) || (depth == 1 && keys[0] == "metadata"))
            {
                return;
            }

            parents[depth - 1].Remove(keys[depth - 1]);
        }
    }

    /// <summary>The managers of an object, from its managedFields, in order.</summary>
    public static List<FieldManager> Read(JsonObject value)
    {
        var managers = new List<FieldManager>();
        if (value["metadata"]?["managedFields"] is not JsonArray entries)
        {
            return managers;
        }

        foreach (var entry in entries.OfType<JsonObject>())
        {
            var fields = new HashSet<string>(StringComparer.Ordinal);
            if (entry["fieldsV1"] is JsonObject fieldsV1)
            {
                FromFieldsV1(fieldsV1, "", fields);
            }

            managers.Add(new FieldManager(
                entry["manager"].AsString() ?? "",
                entry["operation"].AsString() ?? "Update",
                entry["apiVersion"].AsString() ?? "",
                entry["time"].AsString() ?? "",
                entry["subresource"].AsString(),
                fields));
        }

        return managers;
    }

    public static void Write(JsonObject value, IEnumerable<FieldManager> managers)
    {
        var entries = new JsonArray();
        foreach (var manager in managers.Where(m => m.Fields.Count > 0))
        {
            var entry = new JsonObject
            {
                ["manager"] = manager.Name,
                ["operation"] = manager.Operation,
                ["apiVersion"] = manager.ApiVersion,
                ["time"] = manager.Time,
                ["fieldsType"] = "FieldsV1",
                ["fieldsV1"] = ToFieldsV1(manager.Fields),
            };
            if (manager.Subresource is not null)
            {
                entry["subresource"] = manager.Subresource;
            }

            entries.Add(entry);
        }

        var metadata = FakeObjectStore.Metadata(value);
        if (entries.Count == 0)
        {
            metadata.Remove("managedFields");
        }
        else
        {
            metadata["managedFields"] = entries;
        }
    }

    private static void Collect(JsonNode? node, string path, HashSet<string> leaves)
    {
        if (node is JsonObject map && map.Count > 0)
        {
            foreach (var (key, child) in map)
            {
                Collect(child, path + Separator + key, leaves);
            }

            return;
        }

        leaves.Add(path);
    }

    private static JsonObject ToFieldsV1(IEnumerable<string> paths)
    {
        var root = new JsonObject();
        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            var node = root;
            foreach (var key in path.Split(Separator))
            {
                var name = "f:" + key;
                if (node[name] is not JsonObject next)
                {
                    next = [];
                    node[name] = next;
                }

                node = next;
            }
        }

        return root;
    }

    private static void FromFieldsV1(JsonObject node, string prefix, HashSet<string> fields)
    {
        foreach (var (key, child) in node)
        {
            if (!key.StartsWith("f:", StringComparison.Ordinal))
            {
                continue; // "." and the k:/v:/i: list keys of a real server: our lists are atomic.
            }

            var path = prefix.Length == 0 ? key[2..] : prefix + Separator + key[2..];
            if (child is JsonObject map && map.Any(pair => pair.Key.StartsWith("f:", StringComparison.Ordinal)))
            {
                FromFieldsV1(map, path, fields);
            }
            else
            {
                fields.Add(path);
            }
        }
    }
}
