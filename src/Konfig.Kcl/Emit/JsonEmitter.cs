using System.Globalization;
using System.Text;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Emit;

/// <summary>Options of <c>json.encode(data, sort_keys, indent, ignore_private, ignore_none)</c>.</summary>
public sealed record JsonEmitOptions
{
    public static readonly JsonEmitOptions Default = new();

    public bool SortKeys { get; init; }

    /// <summary>Spaces per level; 0 writes one line with <c>, </c> and <c>: </c> separators.</summary>
    public int Indent { get; init; }

    public bool IgnorePrivate { get; init; }

    public bool IgnoreNone { get; init; }
}

/// <summary>
/// KCL's JSON text (serde_json with KCL's formatter): <c>{"a": 1, "b": [1, 2]}</c> on one line, or
/// one item per line with the given indent; floats in ryu layout; non-ASCII text unescaped.
/// </summary>
public static class JsonEmitter
{
    public static string Emit(KclValue value, JsonEmitOptions options)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        var builder = new StringBuilder(256);
        Append(builder, value, options);
        return builder.ToString();
    }

    public static void Append(StringBuilder builder, KclValue value, JsonEmitOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        var yamlOptions = new YamlEmitOptions { SortKeys = options.SortKeys, IgnoreNone = options.IgnoreNone, IgnorePrivate = options.IgnorePrivate };
        WriteValue(builder, value, yamlOptions, Math.Max(options.Indent, 0), 0);
    }

    private static void WriteValue(StringBuilder builder, KclValue value, YamlEmitOptions options, int indent, int level)
    {
        StackGuard.Ensure();
        ValueLimits.CheckOutput(builder.Length);
        switch (value)
        {
            case StringValue s:
                AppendString(builder, s.Value);
                break;
            case DictValue dict:
            {
                var entries = YamlEmitter.Filter(dict.Entries, options);
                builder.Append('{');
                for (var i = 0; i < entries.Count; i++)
                {
                    Separate(builder, i == 0, indent, level + 1);
                    AppendString(builder, entries[i].Key);
                    builder.Append(": ");
                    WriteValue(builder, entries[i].Value, options, indent, level + 1);
                }

                Close(builder, entries.Count > 0, indent, level);
                builder.Append('}');
                break;
            }

            case ListValue list:
            {
                var items = YamlEmitter.Filter(list, options);
                builder.Append('[');
                for (var i = 0; i < items.Count; i++)
                {
                    Separate(builder, i == 0, indent, level + 1);
                    WriteValue(builder, items[i], options, indent, level + 1);
                }

                Close(builder, items.Count > 0, indent, level);
                builder.Append(']');
                break;
            }

            default:
                builder.Append(YamlEmitter.ScalarText(value));
                break;
        }
    }

    private static void Separate(StringBuilder builder, bool first, int indent, int level)
    {
        if (!first)
        {
            builder.Append(',');
        }

        if (indent > 0)
        {
            AppendIndent(builder, indent, level);
        }
        else if (!first)
        {
            builder.Append(' ');
        }
    }

    private static void Close(StringBuilder builder, bool hasValue, int indent, int level)
    {
        if (hasValue && indent > 0)
        {
            AppendIndent(builder, indent, level);
        }
    }

    /// <summary>A line break and the indentation of <paramref name="level"/>; output size is checked here, where it grows.</summary>
    private static void AppendIndent(StringBuilder builder, int indent, int level)
    {
        var width = (long)indent * level;
        ValueLimits.CheckOutput(builder.Length + width);
        builder.Append('\n').Append(' ', (int)width);
    }

    /// <summary>A JSON string literal with serde_json's escapes.</summary>
    public static void AppendString(StringBuilder builder, string value)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(value);
        builder.Append('"');
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c >= 0x20 && c != '"' && c != '\\')
            {
                continue;
            }

            builder.Append(value, start, i - start);
            start = i + 1;
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                default:
                    builder.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    break;
            }
        }

        builder.Append(value, start, value.Length - start);
        builder.Append('"');
    }
}
