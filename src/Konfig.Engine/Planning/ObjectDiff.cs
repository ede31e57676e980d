using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Konfig.Engine.Planning;

/// <summary>One field that differs, with its path as segments (the masking rules need them).</summary>
public sealed record FieldDifference(IReadOnlyList<PathSegment> Segments, JsonNode? Before, JsonNode? After)
{
    public string Path => FieldPath.Format(Segments);

    public FieldChange ToFieldChange() => new(Path, Before, After);
}

/// <summary>
/// The field-level difference of two JSON objects, leaf by leaf: a map compares key by key (in ordinal
/// order, so the output is stable), a list item by item at the same index, a scalar by value (numbers
/// by value, so 3 equals 3.0). A list whose items are all maps with a distinct string <c>name</c> (containers,
/// ports, env, volumes, volumeMounts: Kubernetes' usual merge key) is compared by name instead, so removing
/// the first container does not show a change at every later index: an item in both is compared field by
/// field (<c>containers[name=web].image</c>), an added or removed item is one change holding the whole item
/// (leaf by leaf, like everything else, when the whole list or object around it is new or gone), and a change
/// of order among the kept items is one change of the list's names. A field set to null counts as absent: the API server drops null fields,
/// and in an apply a null means "remove". An added or removed map or list is reported leaf by leaf; an
/// empty one, or a field that changes between a scalar and a map or list, is one change.
/// </summary>
public static class ObjectDiff
{
    public static IReadOnlyList<FieldDifference> Compare(JsonNode? before, JsonNode? after, IgnoredFields? ignored = null)
    {
        var changes = new List<FieldDifference>();
        Compare(before, after, [], ignored, changes, expanding: false);
        return changes;
    }

    /// <param name="expanding">Inside a map or list that is wholly added or removed: named items too go leaf by leaf.</param>
    private static void Compare(JsonNode? before, JsonNode? after, List<PathSegment> path, IgnoredFields? ignored, List<FieldDifference> changes, bool expanding)
    {
        if (path.Count > 0 && ignored?.IsIgnored(path) == true)
        {
            return;
        }

        switch (before, after)
        {
            case (null, null):
                return;
            case (JsonObject left, JsonObject right):
                foreach (var key in left.Select(p => p.Key).Union(right.Select(p => p.Key)).Order(StringComparer.Ordinal))
                {
                    path.Add(PathSegment.ForKey(key));
                    Compare(left[key], right[key], path, ignored, changes, expanding);
                    path.RemoveAt(path.Count - 1);
                }

                return;
            case (JsonArray left, JsonArray right) when NamedItems(left) is { } leftItems && NamedItems(right) is { } rightItems:
                CompareByName(left, right, leftItems, rightItems, path, ignored, changes, expanding);
                return;
            case (JsonArray left, JsonArray right):
                for (var i = 0; i < Math.Max(left.Count, right.Count); i++)
                {
                    path.Add(PathSegment.ForIndex(i));
                    Compare(i < left.Count ? left[i] : null, i < right.Count ? right[i] : null, path, ignored, changes, expanding);
                    path.RemoveAt(path.Count - 1);
                }

                return;
            case (null, _) when IsNonEmptyContainer(after):
                Compare(EmptyLike(after), after, path, ignored, changes, expanding: true);
                return;
            case (_, null) when IsNonEmptyContainer(before):
                Compare(before, EmptyLike(before), path, ignored, changes, expanding: true);
                return;
            case (JsonValue left, JsonValue right) when ScalarEquals(left, right):
                return;
            default:
                changes.Add(new FieldDifference([.. path], before?.DeepClone(), after?.DeepClone()));
                return;
        }
    }

    private static void CompareByName(
        JsonArray left,
        JsonArray right,
        Dictionary<string, JsonObject> leftItems,
        Dictionary<string, JsonObject> rightItems,
        List<PathSegment> path,
        IgnoredFields? ignored,
        List<FieldDifference> changes,
        bool expanding)
    {
        // The after side's order, then what was removed in the before side's order: readable and stable.
        var names = rightItems.Keys.Concat(leftItems.Keys.Where(n => !rightItems.ContainsKey(n))).ToList();
        var leftOrder = NamesOf(left).Where(rightItems.ContainsKey).ToList();
        var rightOrder = NamesOf(right).Where(leftItems.ContainsKey).ToList();
        if (!leftOrder.SequenceEqual(rightOrder, StringComparer.Ordinal))
        {
            changes.Add(new FieldDifference([.. path], new JsonArray([.. leftOrder.Select(n => (JsonNode?)n)]), new JsonArray([.. rightOrder.Select(n => (JsonNode?)n)])));
        }

        foreach (var name in names)
        {
            path.Add(PathSegment.ForNamedItem(name));
            var before = leftItems.GetValueOrDefault(name);
            var after = rightItems.GetValueOrDefault(name);
            if ((before is not null && after is not null) || expanding)
            {
                Compare(before, after, path, ignored, changes, expanding);
            }
            else if (!(ignored?.IsIgnored(path) ?? false))
            {
                changes.Add(new FieldDifference([.. path], Without(before, path, ignored), Without(after, path, ignored)));
            }

            path.RemoveAt(path.Count - 1);
        }
    }

    /// <summary>A copy of a whole item without its ignored fields (rules by name apply here, not in <see cref="IgnoredFields.Strip"/>).</summary>
    private static JsonNode? Without(JsonNode? node, List<PathSegment> path, IgnoredFields? ignored)
    {
        if (node is not JsonObject map || ignored is null)
        {
            return node?.DeepClone();
        }

        var copy = new JsonObject();
        foreach (var (key, value) in map)
        {
            path.Add(PathSegment.ForKey(key));
            if (!ignored.IsIgnored(path))
            {
                copy[key] = Without(value, path, ignored);
            }

            path.RemoveAt(path.Count - 1);
        }

        return copy;
    }

    /// <summary>The items by name when every item is a map with a string <c>name</c> and no name repeats; else null.</summary>
    private static Dictionary<string, JsonObject>? NamedItems(JsonArray list)
    {
        var items = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var item in list)
        {
            if (item is not JsonObject map || map["name"] is not JsonValue value || !value.TryGetValue<string>(out var name) || !items.TryAdd(name, map))
            {
                return null;
            }
        }

        // Two empty lists compare the same either way; an empty one against a named one goes by name.
        return items;
    }

    private static IEnumerable<string> NamesOf(JsonArray list) => list.Select(item => item!["name"]!.GetValue<string>());

    private static bool IsNonEmptyContainer(JsonNode? node) => node is JsonObject { Count: > 0 } or JsonArray { Count: > 0 };

    private static JsonNode EmptyLike(JsonNode? node) => node is JsonObject ? new JsonObject() : new JsonArray();

    /// <summary>Scalars by kind and value: strings ordinally, numbers numerically, booleans as such.</summary>
    public static bool ScalarEquals(JsonValue left, JsonValue right)
    {
        var kind = left.GetValueKind();
        var otherKind = right.GetValueKind();
        if (kind is JsonValueKind.True or JsonValueKind.False && otherKind is JsonValueKind.True or JsonValueKind.False)
        {
            return kind == otherKind;
        }

        if (kind != otherKind)
        {
            return false;
        }

        return kind switch
        {
            JsonValueKind.String => left.GetValue<string>() == right.GetValue<string>(),
            JsonValueKind.Number => NumberEquals(left.ToJsonString(), right.ToJsonString()),
            _ => left.ToJsonString() == right.ToJsonString(),
        };
    }

    private static bool NumberEquals(string left, string right)
    {
        if (left == right)
        {
            return true;
        }

        const NumberStyles style = NumberStyles.Float;
        if (decimal.TryParse(left, style, CultureInfo.InvariantCulture, out var a) && decimal.TryParse(right, style, CultureInfo.InvariantCulture, out var b))
        {
            return a == b;
        }

        return double.TryParse(left, style, CultureInfo.InvariantCulture, out var x)
            && double.TryParse(right, style, CultureInfo.InvariantCulture, out var y)
            && x.Equals(y);
    }
}
