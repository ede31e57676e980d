using System.Text.Json.Nodes;

namespace Konfig.FakeKube;

/// <summary>
/// Label selectors (<c>a=b</c>, <c>a==b</c>, <c>a!=b</c>, <c>a</c>, <c>!a</c>, <c>a in (x,y)</c>, <c>a notin (x)</c>)
/// and field selectors (<c>metadata.name</c>, <c>metadata.namespace</c> with =, ==, !=), as the API server reads
/// them from the query string. A parse error is a message, for a 400.
/// </summary>
internal static class Selectors
{
    public static (Func<JsonObject, bool>? Match, string? Error) Labels(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return (_ => true, null);
        }

        var tests = new List<Func<IReadOnlyDictionary<string, string>, bool>>();
        foreach (var raw in SplitTopLevel(selector))
        {
            var term = raw.Trim();
            if (term.Length == 0)
            {
                continue;
            }

            var test = ParseLabelTerm(term);
            if (test is null)
            {
                return (null, $"unable to parse requirement: invalid label selector term \"{term}\"");
            }

            tests.Add(test);
        }

        return (value => tests.All(test => test(LabelsOf(value))), null);
    }

    public static (Func<JsonObject, bool>? Match, string? Error) Fields(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return (_ => true, null);
        }

        var tests = new List<Func<JsonObject, bool>>();
        foreach (var raw in selector.Split(','))
        {
            var term = raw.Trim();
            var negate = term.Contains("!=", StringComparison.Ordinal);
            var parts = term.Split(negate ? "!=" : term.Contains("==", StringComparison.Ordinal) ? "==" : "=", 2);
            if (parts.Length != 2)
            {
                return (null, $"invalid field selector: '{term}'");
            }

            var field = parts[0].Trim();
            var expected = parts[1].Trim();
            // A real server supports a few fields per kind (metadata.name, metadata.namespace, status.phase,
            // involvedObject.uid…); the fake reads any dotted path, a missing field reading as "".
            var path = field.Split('.');
            tests.Add(value => (Read(value, path) == expected) != negate);
        }

        return (value => tests.All(test => test(value)), null);
    }

    private static string Read(JsonObject value, string[] path)
    {
        JsonNode? node = value;
        foreach (var key in path)
        {
            node = node is JsonObject map ? map[key] : null;
        }

        return node is JsonValue leaf ? leaf.ToString() : "";
    }

    private static IReadOnlyDictionary<string, string> LabelsOf(JsonObject value) =>
        value["metadata"]?["labels"] is JsonObject labels
            ? labels.Where(pair => pair.Value is JsonValue).ToDictionary(pair => pair.Key, pair => pair.Value!.ToString(), StringComparer.Ordinal)
            : new Dictionary<string, string>();

    private static Func<IReadOnlyDictionary<string, string>, bool>? ParseLabelTerm(string term)
    {
        foreach (var (op, negate) in new[] { (" notin ", true), (" in ", false) })
        {
            var at = term.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var key = term[..at].Trim();
                var set = term[(at + op.Length)..].Trim();
                if (!set.StartsWith('(') || !set.EndsWith(')'))
                {
                    return null;
                }

                var values = set[1..^1].Split(',').Select(v => v.Trim()).ToHashSet(StringComparer.Ordinal);
                return labels => (labels.TryGetValue(key, out var v) && values.Contains(v)) != negate;
            }
        }

        foreach (var (op, negate) in new[] { ("!=", true), ("==", false), ("=", false) })
        {
            var at = term.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var key = term[..at].Trim();
                var expected = term[(at + op.Length)..].Trim();
                return labels => (labels.TryGetValue(key, out var v) && v == expected) != negate;
            }
        }

        if (term.StartsWith('!'))
        {
            var key = term[1..].Trim();
            return labels => !labels.ContainsKey(key);
        }

        return term.Any(c => char.IsWhiteSpace(c) || c is '(' or ')') ? null : labels => labels.ContainsKey(term);
    }

    private static IEnumerable<string> SplitTopLevel(string selector)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            depth += selector[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (selector[i] == ',' && depth == 0)
            {
                yield return selector[start..i];
                start = i + 1;
            }
        }

        yield return selector[start..];
    }
}
