using System.Globalization;
using System.Text;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Evaluation;

/// <summary>
/// The evaluator's single door to value rendering and equality. The real implementations
/// (ValueFormatter, ValueEquality) come from the emit branch; until they are merged this class
/// holds a minimal stand-in so the evaluator compiles and runs.
/// </summary>
internal static class ValueOps
{
    public static string Str(KclValue value) => value switch
    {
        StringValue s => s.Value,
        _ => Repr(value, false),
    };

    public static string Repr(KclValue value) => Repr(value, true);

    public static bool Equal(KclValue left, KclValue right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        switch (left, right)
        {
            case (IntValue a, IntValue b):
                return a.Value == b.Value;
            case (BoolValue a, BoolValue b):
                return a.Value == b.Value;
            case (StringValue a, StringValue b):
                return a.Value == b.Value;
            case (NoneValue, NoneValue):
            case (UndefinedValue, UndefinedValue):
                return true;
            case (ListValue a, ListValue b):
                if (a.Items.Count != b.Items.Count)
                {
                    return false;
                }

                for (var i = 0; i < a.Items.Count; i++)
                {
                    if (!Equal(a.Items[i], b.Items[i]))
                    {
                        return false;
                    }
                }

                return true;
            case (DictValue a, DictValue b):
                if (a.Count != b.Count)
                {
                    return false;
                }

                foreach (var (key, value) in a.Entries)
                {
                    if (!b.TryGetValue(key, out var other) || !Equal(value, other))
                    {
                        return false;
                    }
                }

                return true;
        }

        if (Numbers.TryGetNumber(left, out var x) && Numbers.TryGetNumber(right, out var y) && left is not BoolValue && right is not BoolValue)
        {
            return x == y;
        }

        return false;
    }

    /// <summary>Orders two values as KCL's comparison operators do; null when they do not compare.</summary>
    public static int? Compare(KclValue left, KclValue right)
    {
        if (left is StringValue a && right is StringValue b)
        {
            return Math.Sign(string.CompareOrdinal(a.Value, b.Value));
        }

        if (left is IntValue i && right is IntValue j)
        {
            return i.Value.CompareTo(j.Value);
        }

        if (Numbers.TryGetNumber(left, out var x) && Numbers.TryGetNumber(right, out var y))
        {
            return x.CompareTo(y);
        }

        if (left is ListValue l && right is ListValue r)
        {
            for (var k = 0; k < Math.Min(l.Items.Count, r.Items.Count); k++)
            {
                if (Equal(l.Items[k], r.Items[k]))
                {
                    continue;
                }

                return Compare(l.Items[k], r.Items[k]);
            }

            return l.Items.Count.CompareTo(r.Items.Count);
        }

        return null;
    }

    public static string Interpolate(KclValue value, string? spec) => spec is null ? Str(value) : FormatWithSpec(value, spec);

    public static bool Compare(CompareOperator op, KclValue left, KclValue right)
    {
        var order = Compare(left, right) ?? throw new KclRuntimeException($"unsupported comparison between '{left.TypeName}' and '{right.TypeName}'");
        return op switch
        {
            CompareOperator.Lt => order < 0,
            CompareOperator.LtE => order <= 0,
            CompareOperator.Gt => order > 0,
            _ => order >= 0,
        };
    }

    public static string FormatWithSpec(KclValue value, string spec)
    {
        var lower = spec.ToLowerInvariant();
        if (lower is "#json" or "#yaml")
        {
            return Repr(value, true);
        }

        return Str(value);
    }

    public static string FormatFloat(double value)
    {
        if (double.IsPositiveInfinity(value))
        {
            return "inf";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "-inf";
        }

        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (value == Math.Floor(value) && Math.Abs(value) < 1e16)
        {
            return value.ToString("F1", CultureInfo.InvariantCulture);
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (text.Contains('E', StringComparison.Ordinal))
        {
            var parts = text.Split('E');
            var exponent = int.Parse(parts[1], CultureInfo.InvariantCulture);
            text = parts[0] + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
        }

        return text;
    }

    private static string Repr(KclValue value, bool quoteStrings)
    {
        switch (value)
        {
            case StringValue s:
                return quoteStrings ? "'" + s.Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'" : s.Value;
            case IntValue i:
                return i.ToString();
            case FloatValue f:
                return FormatFloat(f.Value);
            case BoolValue b:
                return b.ToString();
            case NoneValue:
                return "None";
            case UndefinedValue:
                return "Undefined";
            case NumberMultiplierValue n:
                return n.ToString();
            case ListValue list:
                return "[" + string.Join(", ", list.Items.Select(item => Repr(item, true))) + "]";
            case DictValue dict:
                var builder = new StringBuilder("{");
                var first = true;
                foreach (var (key, item) in dict.Entries)
                {
                    if (!first)
                    {
                        builder.Append(", ");
                    }

                    first = false;
                    builder.Append('\'').Append(key).Append("': ").Append(Repr(item, true));
                }

                return builder.Append('}').ToString();
            case FunctionValue function:
                return $"<function {function.Name}>";
            default:
                return value.TypeName;
        }
    }
}
