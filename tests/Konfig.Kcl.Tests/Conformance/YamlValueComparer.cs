using System.Globalization;
using System.Numerics;

namespace Konfig.Kcl.Tests.Conformance;

/// <summary>
/// Compares plain YAML values (see <see cref="YamlPlainValues"/>) as the reference suite does in Python:
/// mappings ignore key order, lists keep it, numbers compare by value (<c>1 == 1.0</c>), and
/// bools, null and strings compare exactly. Unlike Python, NaN equals NaN and true does not equal 1.
/// </summary>
internal static class YamlValueComparer
{
    /// <summary>Null when the two streams are equal, else where they first differ.</summary>
    public static string? FindDifference(IReadOnlyList<object?> expected, IReadOnlyList<object?> actual)
    {
        if (expected.Count != actual.Count)
        {
            return $"expected {expected.Count} document(s), got {actual.Count}";
        }

        for (var i = 0; i < expected.Count; i++)
        {
            if (FindDifference(expected[i], actual[i], $"document {i + 1}") is { } difference)
            {
                return difference;
            }
        }

        return null;
    }

    public static bool ValueEquals(object? expected, object? actual) => FindDifference(expected, actual, string.Empty) is null;

    private static string? FindDifference(object? expected, object? actual, string path)
    {
        switch (expected, actual)
        {
            case (List<object?> expectedList, List<object?> actualList):
                if (expectedList.Count != actualList.Count)
                {
                    return $"{path}: expected a list of {expectedList.Count}, got {actualList.Count}";
                }

                for (var i = 0; i < expectedList.Count; i++)
                {
                    if (FindDifference(expectedList[i], actualList[i], $"{path}[{i}]") is { } difference)
                    {
                        return difference;
                    }
                }

                return null;

            case (YamlPlainMapping expectedMapping, YamlPlainMapping actualMapping):
                return FindMappingDifference(expectedMapping, actualMapping, path);

            default:
                return ScalarEquals(expected, actual) ? null : $"{path}: expected {Describe(expected)}, got {Describe(actual)}";
        }
    }

    private static string? FindMappingDifference(YamlPlainMapping expected, YamlPlainMapping actual, string path)
    {
        foreach (var (key, expectedValue) in expected.Entries)
        {
            var keyPath = $"{path}.{Describe(key, quoteStrings: false)}";
            var index = IndexOfKey(actual, key);
            if (index < 0)
            {
                return $"{keyPath}: missing";
            }

            if (FindDifference(expectedValue, actual.Entries[index].Value, keyPath) is { } difference)
            {
                return difference;
            }
        }

        foreach (var (key, _) in actual.Entries)
        {
            if (IndexOfKey(expected, key) < 0)
            {
                return $"{path}.{Describe(key, quoteStrings: false)}: not expected";
            }
        }

        return null;
    }

    private static int IndexOfKey(YamlPlainMapping mapping, object? key)
    {
        for (var i = 0; i < mapping.Entries.Count; i++)
        {
            if (ValueEquals(key, mapping.Entries[i].Key))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool ScalarEquals(object? expected, object? actual) => (expected, actual) switch
    {
        (null, null) => true,
        (bool a, bool b) => a == b,
        (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
        (BigInteger a, BigInteger b) => a == b,
        (double a, double b) => a.Equals(b) || a == b,
        (BigInteger a, double b) => IntegerEqualsDouble(a, b),
        (double a, BigInteger b) => IntegerEqualsDouble(b, a),
        _ => false,
    };

    private static bool IntegerEqualsDouble(BigInteger integer, double number) =>
        double.IsFinite(number) && Math.Floor(number) == number && new BigInteger(number) == integer;

    private static string Describe(object? value, bool quoteStrings = true) => value switch
    {
        null => "null",
        bool flag => flag ? "true" : "false",
        string text => quoteStrings ? $"\"{Shorten(text)}\"" : text,
        BigInteger integer => integer.ToString(CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        List<object?> list => $"a list of {list.Count}",
        YamlPlainMapping mapping => $"a mapping of {mapping.Entries.Count}",
        _ => value.ToString() ?? "?",
    };

    private static string Shorten(string text) => text.Length <= 60 ? text.ReplaceLineEndings("\\n") : text[..57].ReplaceLineEndings("\\n") + "...";
}
