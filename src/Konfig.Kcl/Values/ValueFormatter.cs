using System.Globalization;
using System.Text;
using Konfig.Kcl.Emit;

namespace Konfig.Kcl.Values;

/// <summary>
/// KCL's text forms of values: <c>str(x)</c>, <c>print</c> and <c>${x}</c> interpolation
/// (<see cref="ToStr"/>), <c>"{:spec}".format(x)</c> (<see cref="FormatWithSpec"/>) and the
/// <c>${x: #json}</c>/<c>${x: #yaml}</c> interpolation specs (<see cref="Interpolate"/>).
/// </summary>
public static class ValueFormatter
{
    /// <summary>
    /// KCL's Display: <c>True</c>, <c>None</c>, <c>1.0</c> (floats never use an exponent), lists as
    /// <c>[a, 1]</c> (strings inside lists unquoted), dicts and schemas as <c>{'k': 'v'}</c>.
    /// </summary>
    public static string ToStr(KclValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value is StringValue s)
        {
            return s.Value;
        }

        if (value is IntValue i)
        {
            return i.Value.ToString(CultureInfo.InvariantCulture);
        }

        var builder = new StringBuilder();
        AppendStr(builder, value);
        ValueLimits.CheckString(builder.Length);
        return builder.ToString();
    }

    public static void AppendStr(StringBuilder builder, KclValue value)
    {
        StackGuard.Ensure();
        ValueLimits.CheckString(builder.Length);
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(value);
        switch (value)
        {
            case StringValue s:
                ValueLimits.CheckString(builder.Length + (long)s.Value.Length);
                builder.Append(s.Value);
                break;
            case IntValue i:
                builder.Append(i.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case FloatValue f:
                builder.Append(FloatToStr(f.Value));
                break;
            case BoolValue b:
                builder.Append(b.Value ? "True" : "False");
                break;
            case NoneValue:
                builder.Append("None");
                break;
            case UndefinedValue:
                builder.Append("Undefined");
                break;
            case NumberMultiplierValue m:
                builder.Append(m.Raw.ToString(CultureInfo.InvariantCulture)).Append(m.Suffix);
                break;
            case ListValue list:
                builder.Append('[');
                for (var index = 0; index < list.Items.Count; index++)
                {
                    if (index > 0)
                    {
                        builder.Append(", ");
                    }

                    AppendStr(builder, list.Items[index]);
                }

                builder.Append(']');
                break;
            case DictValue dict:
            {
                builder.Append('{');
                var first = true;
                foreach (var (key, item) in dict.Entries)
                {
                    if (!first)
                    {
                        builder.Append(", ");
                    }

                    first = false;
                    AppendQuoted(builder, key);
                    builder.Append(": ");
                    if (item is StringValue text)
                    {
                        AppendQuoted(builder, text.Value);
                    }
                    else
                    {
                        AppendStr(builder, item);
                    }
                }

                builder.Append('}');
                break;
            }

            case ModuleValue module:
                builder.Append("module '").Append(module.Name).Append('\'');
                break;
            default:
                builder.Append("function");
                break;
        }
    }

    /// <summary>Rust Display of the float plus <c>.0</c> when it has no point: <c>1e-9</c> prints <c>0.000000001</c>.</summary>
    public static string FloatToStr(double value)
    {
        var text = FloatFormat.RustDisplay(value);
        return text.Contains('.', StringComparison.Ordinal) ? text : text + ".0";
    }

    /// <summary>
    /// KCL's quoting of strings inside dicts: <c>'v'</c>, or <c>"v"</c> when the text holds a double
    /// quote but no single quote, or <c>"…"</c> with <c>\"</c> escapes when it holds both.
    /// </summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        AppendQuoted(builder, value);
        return builder.ToString();
    }

    private static void AppendQuoted(StringBuilder builder, string value)
    {
        ValueLimits.CheckString(builder.Length + (long)value.Length);
        var hasDouble = value.Contains('"', StringComparison.Ordinal);
        if (!hasDouble)
        {
            builder.Append('\'').Append(value).Append('\'');
        }
        else if (!value.Contains('\'', StringComparison.Ordinal))
        {
            builder.Append('"').Append(value).Append('"');
        }
        else
        {
            builder.Append('"').Append(value.Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
        }
    }

    /// <summary>
    /// <c>${value}</c> and <c>${value: spec}</c> in string literals: no spec gives <see cref="ToStr"/>;
    /// <c>#json</c> and <c>#yaml</c> (any case) give the JSON / YAML text; other specs are errors.
    /// </summary>
    public static string Interpolate(KclValue value, string? spec)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (spec is null)
        {
            return ToStr(value);
        }

        var trimmed = spec.Trim();
        if (trimmed.Equals("#json", StringComparison.OrdinalIgnoreCase))
        {
            return JsonEmitter.Emit(value, JsonEmitOptions.Default);
        }

        if (trimmed.Equals("#yaml", StringComparison.OrdinalIgnoreCase))
        {
            return YamlEmitter.EmitValue(value, YamlEmitOptions.Default);
        }

        throw new KclRuntimeException("Invalid string interpolation format specification");
    }

    /// <summary>
    /// One <c>{:spec}</c> field of <c>str.format</c> (Python's format-spec mini-language for int and
    /// float, as KCL implements it); other values ignore the spec and print as <see cref="ToStr"/>.
    /// </summary>
    public static string FormatWithSpec(KclValue value, string spec)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(spec);
        return value switch
        {
            IntValue i => FormatSpec.Parse(spec).FormatInt(i.Value),
            FloatValue f => FormatSpec.Parse(spec).FormatFloat(f.Value),
            _ => ToStr(value),
        };
    }

    /// <summary><c>template.format(*args, **kwargs)</c> with Python's field syntax.</summary>
    public static string Format(string template, IReadOnlyList<KclValue> arguments, IReadOnlyList<KeyValuePair<string, KclValue>> keywords) =>
        StringFormat.Format(template, arguments, keywords);
}
