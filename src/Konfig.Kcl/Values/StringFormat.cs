using System.Globalization;
using System.Text;

namespace Konfig.Kcl.Values;

/// <summary>
/// <c>str.format</c>: literal text with <c>{{</c>/<c>}}</c> escapes and replacement fields
/// <c>{[name|index][.attr|[key]]*[!conv][:spec]}</c>, as KCL's runtime parses and fills them.
/// </summary>
internal static class StringFormat
{
    public static string Format(string template, IReadOnlyList<KclValue> arguments, IReadOnlyList<KeyValuePair<string, KclValue>> keywords)
    {
        var result = new StringBuilder(template.Length + 16);
        var autoIndex = 0;
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if (c == '{' || c == '}')
            {
                if (i + 1 < template.Length && template[i + 1] == c)
                {
                    result.Append(c);
                    i += 2;
                    continue;
                }

                if (c == '}')
                {
                    throw new KclRuntimeException("format error");
                }

                var (field, spec, next) = ParseField(template, i);
                result.Append(ValueFormatter.FormatWithSpec(Resolve(field, arguments, keywords, ref autoIndex), spec));
                i = next;
                continue;
            }

            result.Append(c);
            i++;
        }

        return result.ToString();
    }

    private static (string Field, string Spec, int Next) ParseField(string template, int start)
    {
        // One level of nested braces is allowed inside the spec.
        var nested = false;
        var content = new StringBuilder();
        for (var i = start + 1; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '{')
            {
                if (nested)
                {
                    throw new KclRuntimeException("format error");
                }

                nested = true;
            }
            else if (c == '}')
            {
                if (!nested)
                {
                    var text = content.ToString();
                    var colon = text.IndexOf(':', StringComparison.Ordinal);
                    var field = colon < 0 ? text : text[..colon];
                    var spec = colon < 0 ? string.Empty : text[(colon + 1)..];
                    var bang = field.IndexOf('!', StringComparison.Ordinal);
                    if (bang >= 0)
                    {
                        field = field[..bang];
                    }

                    return (field, spec, i + 1);
                }

                nested = false;
            }

            content.Append(c);
        }

        throw new KclRuntimeException("format error");
    }

    private static KclValue Resolve(string field, IReadOnlyList<KclValue> arguments, IReadOnlyList<KeyValuePair<string, KclValue>> keywords, ref int autoIndex)
    {
        var end = 0;
        while (end < field.Length && field[end] != '.' && field[end] != '[')
        {
            end++;
        }

        var first = field[..end];
        KclValue argument;
        if (first.Length == 0)
        {
            autoIndex++;
            argument = autoIndex - 1 < arguments.Count ? arguments[autoIndex - 1] : throw new KclRuntimeException("argument tuple index out of range");
        }
        else if (int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            if (autoIndex != 0)
            {
                throw new KclRuntimeException("cannot switch from automatic field numbering to manual field specification");
            }

            argument = index < arguments.Count ? arguments[index] : throw new KclRuntimeException("argument tuple index out of range");
        }
        else
        {
            argument = Keyword(keywords, first) ?? throw new KclRuntimeException($"keyword argument '{first}' not found");
        }

        var i = end;
        while (i < field.Length)
        {
            if (field[i] == '.')
            {
                var start = ++i;
                while (i < field.Length && field[i] != '.' && field[i] != '[')
                {
                    i++;
                }

                if (i == start)
                {
                    throw new KclRuntimeException("format error");
                }

                argument = Member(argument, field[start..i]);
            }
            else if (field[i] == '[')
            {
                var close = field.IndexOf(']', i + 1);
                if (close < 0 || close == i + 1)
                {
                    throw new KclRuntimeException("format error");
                }

                var key = field[(i + 1)..close];
                i = close + 1;
                if (int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var position) && argument is ListValue list)
                {
                    argument = position < list.Items.Count ? list.Items[position] : throw new KclRuntimeException("list index out of range");
                }
                else
                {
                    argument = Member(argument, key);
                }
            }
            else
            {
                throw new KclRuntimeException("format error");
            }
        }

        return argument;
    }

    private static KclValue Member(KclValue value, string key) =>
        value is DictValue dict && dict.TryGetValue(key, out var member)
            ? member
            : throw new KclRuntimeException($"attribute '{key}' not found");

    private static KclValue? Keyword(IReadOnlyList<KeyValuePair<string, KclValue>> keywords, string name)
    {
        foreach (var (key, value) in keywords)
        {
            if (key == name)
            {
                return value;
            }
        }

        return null;
    }
}
