using System.Globalization;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Compilation;

/// <summary>
/// <c>-S</c> path selectors: <c>name</c>, <c>name.attr.attr</c>, an optional <c>pkg:</c> prefix (only the
/// main package is planned, so <c>:</c> and <c>__main__:</c> are accepted) and list indexes as <c>0</c> or
/// <c>[0]</c>. One selector yields the value itself; several yield the list of their values.
/// </summary>
internal static class PathSelector
{
    public static bool TrySelect(IReadOnlyList<KeyValuePair<string, KclValue>> topLevel, IReadOnlyList<string> selectors, out KclValue selected, out string failedSelector)
    {
        var values = new List<KclValue>();
        foreach (var selector in selectors)
        {
            if (!TrySelectOne(topLevel, selector, out var value))
            {
                selected = NoneValue.Instance;
                failedSelector = selector;
                return false;
            }

            values.Add(value);
        }

        selected = values.Count == 1 ? values[0] : new ListValue(values);
        failedSelector = string.Empty;
        return true;
    }

    private static bool TrySelectOne(IReadOnlyList<KeyValuePair<string, KclValue>> topLevel, string selector, out KclValue value)
    {
        value = NoneValue.Instance;
        var path = selector;
        var colon = path.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            var package = path[..colon];
            if (package.Length > 0 && package != PackageLoader.MainPackagePath)
            {
                return false;
            }

            path = path[(colon + 1)..];
        }

        var parts = path.Split('.');
        if (parts[0].Length == 0)
        {
            return false;
        }

        KclValue? current = null;
        foreach (var (key, candidate) in topLevel)
        {
            if (key == parts[0])
            {
                current = candidate;
            }
        }

        if (current is null)
        {
            return false;
        }

        foreach (var part in parts.Skip(1))
        {
            switch (current)
            {
                case DictValue dict when dict.TryGetValue(part, out var next):
                    current = next;
                    break;
                case ListValue list when TryParseIndex(part, out var index) && index < list.Items.Count:
                    current = list.Items[index];
                    break;
                default:
                    return false;
            }
        }

        value = current;
        return true;
    }

    private static bool TryParseIndex(string part, out int index)
    {
        var text = part.StartsWith('[') && part.EndsWith(']') ? part[1..^1] : part;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }
}
