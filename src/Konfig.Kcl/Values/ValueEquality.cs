using Konfig.Kcl.Emit;

namespace Konfig.Kcl.Values;

/// <summary>
/// KCL's <c>==</c> and ordering comparisons, as the reference runtime defines them: numbers compare by
/// value (<c>1 == 1.0</c>), lists item by item, dicts and schemas by entries regardless of order, and a
/// dict never equals a schema instance. Unsupported orderings raise KCL's TypeError-style message.
/// </summary>
public static class ValueEquality
{
    public static bool AreEqual(KclValue left, KclValue right)
    {
        StackGuard.Ensure();
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (ReferenceEquals(left, right))
        {
            return left is not FloatValue f || !double.IsNaN(f.Value);
        }

        switch (left)
        {
            case IntValue a:
                return right switch
                {
                    IntValue b => a.Value == b.Value,
                    FloatValue b => a.Value == b.Value,
                    _ => false,
                };
            case FloatValue a:
                return right switch
                {
                    IntValue b => a.Value == b.Value,
                    FloatValue b => a.Value == b.Value,
                    _ => false,
                };
        }

        switch (left, right)
        {
            case (UndefinedValue, UndefinedValue):
            case (NoneValue, NoneValue):
                return true;
            case (BoolValue a, BoolValue b):
                return a.Value == b.Value;
            case (StringValue a, StringValue b):
                return string.Equals(a.Value, b.Value, StringComparison.Ordinal);
            case (NumberMultiplierValue a, NumberMultiplierValue b):
                return a.Value == b.Value && a.Raw == b.Raw && a.Suffix == b.Suffix;
            case (ListValue a, ListValue b):
            {
                if (a.Items.Count != b.Items.Count)
                {
                    return false;
                }

                for (var i = 0; i < a.Items.Count; i++)
                {
                    if (!AreEqual(a.Items[i], b.Items[i]))
                    {
                        return false;
                    }
                }

                return true;
            }

            case (SchemaValue a, SchemaValue b):
                return EntriesEqual(a, b);
            case (SchemaValue, _) or (_, SchemaValue):
                return false;
            case (DictValue a, DictValue b):
                return EntriesEqual(a, b);
            default:
                return false;
        }
    }

    private static bool EntriesEqual(DictValue a, DictValue b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (key, value) in a.Entries)
        {
            if (!b.TryGetValue(key, out var other) || !AreEqual(value, other))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>left &lt; right</c>.</summary>
    public static bool LessThan(KclValue left, KclValue right) => Compare(left, right, "<");

    /// <summary><c>left &lt;= right</c>.</summary>
    public static bool LessThanOrEqual(KclValue left, KclValue right) => Compare(left, right, "<=");

    /// <summary><c>left &gt; right</c>.</summary>
    public static bool GreaterThan(KclValue left, KclValue right) => Compare(left, right, ">");

    /// <summary><c>left &gt;= right</c>.</summary>
    public static bool GreaterThanOrEqual(KclValue left, KclValue right) => Compare(left, right, ">=");

    /// <summary>
    /// A total order for <c>sorted()</c>, <c>max()</c> and <c>min()</c>: -1, 0 or 1, or KCL's
    /// "'&lt;' not supported between instances of …" error for values that do not compare.
    /// </summary>
    public static int Order(KclValue left, KclValue right)
    {
        if (LessThan(left, right))
        {
            return -1;
        }

        return LessThan(right, left) ? 1 : 0;
    }

    private static bool Compare(KclValue left, KclValue right, string op)
    {
        StackGuard.Ensure();
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        switch (left)
        {
            case IntValue or FloatValue or BoolValue when right is IntValue or FloatValue or BoolValue:
            {
                if (left is IntValue li && right is IntValue ri)
                {
                    return Apply(li.Value.CompareTo(ri.Value), op);
                }

                if (left is BoolValue lb && right is BoolValue rb)
                {
                    return Apply(lb.Value.CompareTo(rb.Value), op);
                }

                var a = AsDouble(left);
                var b = AsDouble(right);
                return op switch
                {
                    "<" => a < b,
                    "<=" => a <= b,
                    ">" => a > b,
                    _ => a >= b,
                };
            }

            case StringValue ls when right is StringValue rs:
                return Apply(KeyOrder.Instance.Compare(ls.Value, rs.Value), op);
            case ListValue la when right is ListValue lb:
            {
                var count = Math.Min(la.Items.Count, lb.Items.Count);
                for (var i = 0; i < count; i++)
                {
                    if (!AreEqual(la.Items[i], lb.Items[i]))
                    {
                        return Compare(la.Items[i], lb.Items[i], op);
                    }
                }

                return Apply(la.Items.Count.CompareTo(lb.Items.Count), op);
            }

            default:
                throw new KclRuntimeException($"'{op}' not supported between instances of '{TypeName(left)}' and '{TypeName(right)}'");
        }
    }

    private static double AsDouble(KclValue value) => value switch
    {
        IntValue i => i.Value,
        FloatValue f => f.Value,
        BoolValue b => b.Value ? 1 : 0,
        _ => 0,
    };

    private static bool Apply(int comparison, string op) => op switch
    {
        "<" => comparison < 0,
        "<=" => comparison <= 0,
        ">" => comparison > 0,
        _ => comparison >= 0,
    };

    /// <summary>The type name KCL's runtime messages use (<c>int</c>, <c>NoneType</c>, a schema's name…).</summary>
    public static string TypeName(KclValue value) => value.TypeName;
}
