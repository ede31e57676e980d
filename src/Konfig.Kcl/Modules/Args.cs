using System.Globalization;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Modules;

/// <summary>
/// Arguments of one builtin call, read the way KCL's runtime reads them (<c>get_call_arg</c>): the
/// positional argument at an index, else the keyword of that name.
/// </summary>
internal readonly struct Args(IReadOnlyList<KclValue> positional, IReadOnlyList<KeyValuePair<string, KclValue>> keywords)
{
    public IReadOnlyList<KclValue> Positional { get; } = positional;

    public IReadOnlyList<KeyValuePair<string, KclValue>> Keywords { get; } = keywords;

    public int Count => Positional.Count;

    public KclValue? Get(int index, string? name)
    {
        if (index >= 0 && index < Positional.Count)
        {
            return Positional[index];
        }

        return name is null ? null : Keyword(name);
    }

    public KclValue? Keyword(string name)
    {
        foreach (var (key, value) in Keywords)
        {
            if (key == name)
            {
                return value;
            }
        }

        return null;
    }

    public KclValue Required(int index, string name, string message) => Get(index, name) ?? throw new KclRuntimeException(message);

    public string? GetString(int index, string? name) => Get(index, name) switch
    {
        StringValue s => s.Value,
        null or NoneValue or UndefinedValue => null,
        var other => ValueFormatter.ToStr(other),
    };

    public bool? GetBool(int index, string? name) => Get(index, name) switch
    {
        null or NoneValue or UndefinedValue => null,
        var value => value.IsTruthy,
    };

    public long? GetInt(int index, string? name) => Get(index, name) switch
    {
        IntValue i => i.Value,
        FloatValue f => (long)f.Value,
        BoolValue b => b.Value ? 1 : 0,
        NumberMultiplierValue m => (long)m.Value,
        _ => null,
    };

    /// <summary>A number argument as f64 (KCL's <c>get_call_arg_num</c>).</summary>
    public double? GetNumber(int index, string? name) => Get(index, name) switch
    {
        IntValue i => i.Value,
        FloatValue f => f.Value,
        BoolValue b => b.Value ? 1 : 0,
        NumberMultiplierValue m => m.Value,
        _ => null,
    };
}

/// <summary>Small conversions shared by the builtin tables.</summary>
internal static class KclValues
{
    public static KclValue Str(string value) => new StringValue(value);

    public static KclValue Int(long value) => IntValue.Of(value);

    public static KclValue Float(double value) => new FloatValue(value);

    public static KclValue Bool(bool value) => BoolValue.Of(value);

    public static KclValue None => NoneValue.Instance;

    public static KclValue Undefined => UndefinedValue.Instance;

    public static ListValue List(IEnumerable<KclValue> items) => new(items);

    public static ListValue Strings(IEnumerable<string> items) => new(items.Select(Str));

    public static string AsText(KclValue value) => value is StringValue s ? s.Value : ValueFormatter.ToStr(value);

    public static double AsDouble(KclValue value, string function) => value switch
    {
        IntValue i => i.Value,
        FloatValue f => f.Value,
        BoolValue b => b.Value ? 1 : 0,
        NumberMultiplierValue m => m.Value,
        _ => throw new KclRuntimeException($"{function}() argument must be a number, not '{value.TypeName}'"),
    };

    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Items of an iterable the way KCL iterates: list items, dict keys, string characters.</summary>
    public static IEnumerable<KclValue> Iterate(KclValue value) => value switch
    {
        ListValue list => list.Items,
        DictValue dict => dict.Keys.Select(Str),
        StringValue s => Characters(s.Value).Select(Str),
        _ => throw new KclRuntimeException($"'{value.TypeName}' object is not iterable"),
    };

    /// <summary>The characters (Unicode scalar values) of a string.</summary>
    public static IEnumerable<string> Characters(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                yield return value.Substring(i, 2);
                i++;
            }
            else
            {
                yield return value[i].ToString();
            }
        }
    }

    public static DictValue Dict(IEnumerable<KeyValuePair<string, KclValue>> entries)
    {
        var dict = new DictValue();
        foreach (var (key, value) in entries)
        {
            dict.Set(key, value);
        }

        return dict;
    }

    /// <summary>Deep copy of lists and dicts (scalars are immutable).</summary>
    public static KclValue DeepCopy(KclValue value)
    {
        StackGuard.Ensure();
        switch (value)
        {
            case ListValue list:
                return new ListValue(list.Items.Select(DeepCopy));
            case SchemaValue schema:
            {
                var copy = (SchemaValue)schema.ShallowCopy();
                foreach (var key in copy.Keys.ToList())
                {
                    copy.Set(key, DeepCopy(copy[key]!));
                }

                return copy;
            }

            case DictValue dict:
            {
                var copy = dict.ShallowCopy();
                foreach (var key in copy.Keys.ToList())
                {
                    copy.Set(key, DeepCopy(copy[key]!));
                }

                return copy;
            }

            default:
                return value;
        }
    }

    /// <summary>KCL's <c>+</c> for the values <c>sum()</c> adds: numbers, lists, strings.</summary>
    public static KclValue Add(KclValue left, KclValue right)
    {
        static bool IsIntegral(KclValue v) => v is IntValue or BoolValue;
        static bool IsNumber(KclValue v) => v is IntValue or BoolValue or FloatValue or NumberMultiplierValue;
        if (left is IntValue li && right is IntValue ri)
        {
            return Int(li.Value + ri.Value);
        }

        if (IsIntegral(left) && IsIntegral(right))
        {
            return Int((long)AsDouble(left, "+") + (long)AsDouble(right, "+"));
        }

        if (IsNumber(left) && IsNumber(right))
        {
            return Float(AsDouble(left, "+") + AsDouble(right, "+"));
        }

        return (left, right) switch
        {
            (ListValue a, ListValue b) => new ListValue(a.Items.Concat(b.Items)),
            (StringValue a, StringValue b) => Str(a.Value + b.Value),
            _ => throw new KclRuntimeException($"unsupported operand type(s) for +: '{left.TypeName}' and '{right.TypeName}'"),
        };
    }
}
