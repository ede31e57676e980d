using System.Globalization;
using Konfig.Kcl.Values;

namespace Konfig.Workspace.Golden;

/// <summary>
/// Compares two plain YAML values by meaning, as the reference monorepo's CI compared goldens: mappings
/// by their keys, whatever the order; lists element by element, in order; numbers by value (<c>2 == 2.0</c>,
/// since kusion's Go emitter prints whole floats as integers); strings, booleans and null exactly.
/// Reports the first difference in document order, with its path.
/// </summary>
public static class SpecComparer
{
    public static SpecDifference? FindFirstDifference(KclValue expected, KclValue actual) => Compare(expected, actual, string.Empty);

    private static SpecDifference? Compare(KclValue expected, KclValue actual, string path)
    {
        switch (expected, actual)
        {
            case (DictValue expectedDict, DictValue actualDict):
                return CompareMappings(expectedDict, actualDict, path);

            case (ListValue expectedList, ListValue actualList):
                var common = Math.Min(expectedList.Items.Count, actualList.Items.Count);
                for (var i = 0; i < common; i++)
                {
                    if (Compare(expectedList.Items[i], actualList.Items[i], $"{path}[{i}]") is { } difference)
                    {
                        return difference;
                    }
                }

                if (expectedList.Items.Count > common)
                {
                    return new SpecDifference($"{path}[{common}]", $"missing: expected {Describe(expectedList.Items[common])} ({Items(expectedList.Items.Count)} expected, {Items(actualList.Items.Count)} got)");
                }

                return actualList.Items.Count > common
                    ? new SpecDifference($"{path}[{common}]", $"not expected: got {Describe(actualList.Items[common])} ({Items(expectedList.Items.Count)} expected, {Items(actualList.Items.Count)} got)")
                    : null;

            default:
                return ScalarEquals(expected, actual) ? null : new SpecDifference(path, $"expected {Describe(expected)}, got {Describe(actual)}");
        }
    }

    private static SpecDifference? CompareMappings(DictValue expected, DictValue actual, string path)
    {
        foreach (var (key, expectedValue) in expected.Entries)
        {
            var keyPath = path + Segment(key);
            if (actual[key] is not { } actualValue)
            {
                return new SpecDifference(keyPath, $"missing: expected {Describe(expectedValue)}");
            }

            if (Compare(expectedValue, actualValue, keyPath) is { } difference)
            {
                return difference;
            }
        }

        foreach (var (key, actualValue) in actual.Entries)
        {
            if (!expected.ContainsKey(key))
            {
                return new SpecDifference(path + Segment(key), $"not expected: got {Describe(actualValue)}");
            }
        }

        return null;
    }

    private static bool ScalarEquals(KclValue expected, KclValue actual) => (expected, actual) switch
    {
        (NoneValue or UndefinedValue, NoneValue or UndefinedValue) => true,
        (BoolValue a, BoolValue b) => a.Value == b.Value,
        (StringValue a, StringValue b) => string.Equals(a.Value, b.Value, StringComparison.Ordinal),
        (IntValue a, IntValue b) => a.Value == b.Value,
        (FloatValue a, FloatValue b) => a.Value.Equals(b.Value),
        (IntValue a, FloatValue b) => IntegerEquals(a.Value, b.Value),
        (FloatValue a, IntValue b) => IntegerEquals(b.Value, a.Value),
        _ => false,
    };

    private static bool IntegerEquals(long integer, double number) =>
        double.IsFinite(number) && Math.Floor(number) == number && number >= long.MinValue && number <= long.MaxValue && (long)number == integer;

    /// <summary><c>.name</c> for identifier-like keys, <c>["app.kubernetes.io/name"]</c> otherwise.</summary>
    private static string Segment(string key)
    {
        var simple = key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] == '_')
            && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
        return simple ? "." + key : $"[\"{key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"]";
    }

    private static string Items(int count) => count == 1 ? "1 item" : $"{count.ToString(CultureInfo.InvariantCulture)} items";

    /// <summary>A short form of a value for messages: scalars in full (long strings cut), collections by size.</summary>
    public static string Describe(KclValue value) => value switch
    {
        NoneValue or UndefinedValue => "null",
        BoolValue flag => flag.Value ? "true" : "false",
        IntValue integer => integer.Value.ToString(CultureInfo.InvariantCulture),
        FloatValue number => number.Value.ToString("R", CultureInfo.InvariantCulture),
        StringValue text => $"\"{Shorten(text.Value)}\"",
        DictValue dict when dict["id"] is StringValue id => $"resource \"{Shorten(id.Value)}\"",
        DictValue dict => dict.Count == 0 ? "an empty mapping" : $"a mapping of {Keys(dict.Count)}",
        ListValue list => list.Items.Count == 0 ? "an empty list" : $"a list of {Items(list.Items.Count)}",
        _ => value.TypeName,
    };

    private static string Keys(int count) => count == 1 ? "1 key" : $"{count.ToString(CultureInfo.InvariantCulture)} keys";

    private static string Shorten(string text)
    {
        var escaped = text.ReplaceLineEndings("\\n");
        return escaped.Length <= 60 ? escaped : escaped[..57] + "...";
    }
}
