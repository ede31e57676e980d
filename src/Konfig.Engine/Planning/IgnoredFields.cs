using System.Text.Json.Nodes;

namespace Konfig.Engine.Planning;

/// <summary>
/// The fields a preview leaves out of its comparison: those the server manages (they change on every
/// write and say nothing about what the user asked for) plus the fields the user asked to ignore.
/// </summary>
public sealed class IgnoredFields
{
    /// <summary>Always ignored: bookkeeping the API server writes, and status, which controllers own.</summary>
    public static readonly IReadOnlyList<string> ServerManaged =
    [
        "metadata.managedFields",
        "metadata.resourceVersion",
        "metadata.uid",
        "metadata.creationTimestamp",
        "metadata.generation",
        "metadata.selfLink",
        "status",
    ];

    private readonly IReadOnlyList<IgnoreRule> _rules;

    private IgnoredFields(IReadOnlyList<IgnoreRule> rules, IReadOnlyList<IgnoreRule> userRules)
    {
        _rules = rules;
        UserRules = userRules;
    }

    public IReadOnlyList<IgnoreRule> UserRules { get; }

    public static IgnoredFields ServerManagedOnly { get; } = Create([]).Fields;

    /// <summary>The server-managed fields plus <paramref name="userPaths"/>; a path that does not parse is an error, and left out.</summary>
    public static (IgnoredFields Fields, IReadOnlyList<string> Errors) Create(IEnumerable<string> userPaths)
    {
        var errors = new List<string>();
        var user = new List<IgnoreRule>();
        foreach (var path in userPaths)
        {
            if (IgnoreRule.TryParse(path, out var rule, out var error))
            {
                user.Add(rule!);
            }
            else
            {
                errors.Add($"a field path to ignore is invalid: {error}");
            }
        }

        return (new IgnoredFields([.. ServerManaged.Select(IgnoreRule.Create), .. user], user), errors);
    }

    public bool IsIgnored(IReadOnlyList<PathSegment> path)
    {
        foreach (var rule in _rules)
        {
            if (rule.Matches(path))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A copy of <paramref name="node"/> without the ignored fields (the original is untouched).</summary>
    public JsonObject Strip(JsonObject node) => (JsonObject)Strip(node, [])!;

    private JsonNode? Strip(JsonNode? node, List<PathSegment> path)
    {
        switch (node)
        {
            case JsonObject map:
                var copy = new JsonObject();
                foreach (var (key, value) in map)
                {
                    path.Add(PathSegment.ForKey(key));
                    if (!IsIgnored(path))
                    {
                        copy[key] = Strip(value, path);
                    }

                    path.RemoveAt(path.Count - 1);
                }

                return copy;
            case JsonArray list:
                // An ignored list item is blanked rather than removed, so the indexes of the others stay put.
                var items = new JsonArray();
                for (var i = 0; i < list.Count; i++)
                {
                    path.Add(PathSegment.ForIndex(i));
                    items.Add(IsIgnored(path) ? null : Strip(list[i], path));
                    path.RemoveAt(path.Count - 1);
                }

                return items;
            default:
                return node?.DeepClone();
        }
    }
}
