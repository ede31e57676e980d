namespace Konfig.Kcl.Semantics;

/// <summary>
/// "Did you mean" candidates the way the reference picks them: Jaro-Winkler similarity above 0.8,
/// ordered from the least to the most similar (clap's rule, which KCL uses through a small crate).
/// </summary>
internal static class Suggestions
{
    public static IReadOnlyList<string> For(string input, IEnumerable<string> candidates)
    {
        var scored = new List<(double Score, string Name)>();
        foreach (var candidate in candidates)
        {
            var score = JaroWinkler(input, candidate);
            if (score > 0.8)
            {
                scored.Add((score, candidate));
            }
        }

        // Stable ascending sort, as Rust's sort_by is stable.
        return [.. scored.Select((s, i) => (s, i)).OrderBy(p => p.s.Score).ThenBy(p => p.i).Select(p => p.s.Name)];
    }

    /// <summary>Formats candidates as Rust's <c>{:?}</c> of a Vec of strings: <c>["a", "b"]</c>.</summary>
    public static string Format(IReadOnlyList<string> names) =>
        "[" + string.Join(", ", names.Select(n => "\"" + n.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"")) + "]";

    /// <summary>strsim 0.10's <c>jaro_winkler</c>, including its way of counting transpositions.</summary>
    public static double JaroWinkler(string a, string b)
    {
        var jaro = Jaro(a, b);
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var result = jaro + (0.1 * prefix * (1.0 - jaro));
        return result <= 1.0 ? result : 1.0;
    }

    private static double Jaro(string a, string b)
    {
        if (a.Length == 0 && b.Length == 0)
        {
            return 1.0;
        }

        if (a.Length == 0 || b.Length == 0)
        {
            return 0.0;
        }

        if (a.Length == 1 && b.Length == 1)
        {
            return a[0] == b[0] ? 1.0 : 0.0;
        }

        var searchRange = (Math.Max(a.Length, b.Length) / 2) - 1;
        var consumed = new bool[b.Length];
        double matches = 0;
        double transpositions = 0;
        var lastMatch = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var min = i > searchRange ? i - searchRange : 0;
            var max = Math.Min(b.Length - 1, i + searchRange);
            for (var j = min; j <= max; j++)
            {
                if (a[i] == b[j] && !consumed[j])
                {
                    consumed[j] = true;
                    matches++;
                    if (j < lastMatch)
                    {
                        transpositions++;
                    }

                    lastMatch = j;
                    break;
                }
            }
        }

        return matches == 0 ? 0.0 : 1.0 / 3.0 * (matches / a.Length + matches / b.Length + (matches - transpositions) / matches);
    }
}
