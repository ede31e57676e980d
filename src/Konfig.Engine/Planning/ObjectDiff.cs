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
/// by value, so 3 equals 3.0). A field set to null counts as absent: the API server drops null fields,
/// and in an apply a null means "remove". An added or removed map or list is reported leaf by leaf; an
/// empty one, or a field that changes between a scalar and a map or list, is one change.
/// </summary>
public static class ObjectDiff
{
    public static IReadOnlyList<FieldDifference> Compare(JsonNode? before, JsonNode? after, IgnoredFields? ignored = null)
    {
        var changes = new List<FieldDifference>();
        Compare(before, after, [], ignored, changes);
        return changes;
    }

    private static void Compare(JsonNode? before, JsonNode? after, List<PathSegment> path, IgnoredFields? ignored, List<FieldDifference> changes)
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
                    Compare(left[key], right[key], path, ignored, changes);
                    path.RemoveAt(path.Count - 1);
                }

                return;
            case (JsonArray left, JsonArray right):
                for (var i = 0; i < Math.Max(left.Count, right.Count); i++)
                {
                    path.Add(PathSegment.ForIndex(i));
                    Compare(i < left.Count ? left[i] : null, i < right.Count ? right[i] : null, path, ignored, changes);
                    path.RemoveAt(path.Count - 1);
                }

                return;
            case (null, _) when IsNonEmptyContainer(after):
                Compare(EmptyLike(after), after, path, ignored, changes);
                return;
            case (_, null) when IsNonEmptyContainer(before):
                Compare(before, EmptyLike(before), path, ignored, changes);
                return;
            case (JsonValue left, JsonValue right) when ScalarEquals(left, right):
                return;
            default:
                changes.Add(new FieldDifference([.. path], before?.DeepClone(), after?.DeepClone()));
                return;
        }
    }

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
