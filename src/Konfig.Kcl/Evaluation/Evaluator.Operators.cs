using System.Numerics;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Evaluation;

internal sealed partial class Evaluator
{
    private static bool IsInt(KclValue value, out long result)
    {
        switch (value)
        {
            case IntValue i:
                result = i.Value;
                return true;
            case BoolValue b:
                result = b.Value ? 1 : 0;
                return true;
            case NumberMultiplierValue n when n.Value == Math.Floor(n.Value) && Math.Abs(n.Value) < 9e18:
                result = (long)n.Value;
                return true;
            default:
                result = 0;
                return false;
        }
    }

    private static bool IsNumber(KclValue value) => value is IntValue or FloatValue or BoolValue or NumberMultiplierValue;

    private KclValue Binary(BinaryOperator op, KclValue left, KclValue right)
    {
        if (op == BinaryOperator.BitOr)
        {
            return BitOr(left, right);
        }

        if (op == BinaryOperator.And)
        {
            return left.IsTruthy ? right : left;
        }

        if (op == BinaryOperator.Or)
        {
            return left.IsTruthy ? left : right;
        }

        var bothInts = IsInt(left, out var a) & IsInt(right, out var b) && left is not FloatValue && right is not FloatValue;
        var bothNumbers = IsNumber(left) && IsNumber(right);
        switch (op)
        {
            case BinaryOperator.Add:
                if (bothInts)
                {
                    return CheckedInt((BigInteger)a + b);
                }

                if (bothNumbers)
                {
                    return CheckedFloat(ToDouble(left) + ToDouble(right));
                }

                if (left is StringValue ls && right is StringValue rs)
                {
                    ValueLimits.CheckString((long)ls.Value.Length + rs.Value.Length);
                    return new StringValue(ls.Value + rs.Value);
                }

                if (left is ListValue ll)
                {
                    if (right is ListValue rl)
                    {
                        ValueLimits.CheckCollection((long)ll.Items.Count + rl.Items.Count);
                        return new ListValue(ll.Items.Concat(rl.Items));
                    }

                    throw Error($"can only concatenate list (not \"{right.TypeName}\") to list");
                }

                break;
            case BinaryOperator.Sub:
                if (bothInts)
                {
                    return CheckedInt((BigInteger)a - b);
                }

                if (bothNumbers)
                {
                    return CheckedFloat(ToDouble(left) - ToDouble(right));
                }

                break;
            case BinaryOperator.Mul:
                if (bothInts)
                {
                    return CheckedInt((BigInteger)a * b);
                }

                if (bothNumbers)
                {
                    return CheckedFloat(ToDouble(left) * ToDouble(right));
                }

                if (left is StringValue s1 && right is IntValue n1)
                {
                    return RepeatString(s1.Value, n1.Value);
                }

                if (left is IntValue n2 && right is StringValue s2)
                {
                    return RepeatString(s2.Value, n2.Value);
                }

                if (left is ListValue l1 && right is IntValue n3)
                {
                    return RepeatList(l1.Items, n3.Value);
                }

                if (left is IntValue n4 && right is ListValue l2)
                {
                    return RepeatList(l2.Items, n4.Value);
                }

                break;
            case BinaryOperator.Div:
                if (bothNumbers)
                {
                    var divisor = ToDouble(right);
                    if (divisor == 0)
                    {
                        throw Error("float division by zero");
                    }

                    return CheckedFloat(ToDouble(left) / divisor);
                }

                break;
            case BinaryOperator.FloorDiv:
                if (bothInts)
                {
                    if (b == 0)
                    {
                        throw Error("integer division or modulo by zero");
                    }

                    return CheckedInt(FloorDiv(a, b));
                }

                if (bothNumbers)
                {
                    var divisor = ToDouble(right);
                    if (divisor == 0)
                    {
                        throw Error("float division by zero");
                    }

                    return new FloatValue(Math.Floor(ToDouble(left) / divisor));
                }

                break;
            case BinaryOperator.Mod:
                if (bothInts)
                {
                    if (b == 0)
                    {
                        throw Error("integer division or modulo by zero");
                    }

                    var mod = a % b;
                    if (mod != 0 && (mod < 0) != (b < 0))
                    {
                        mod += b;
                    }

                    return new IntValue(mod);
                }

                if (bothNumbers)
                {
                    var x = ToDouble(left);
                    var y = ToDouble(right);
                    if (y == 0)
                    {
                        throw Error("float modulo");
                    }

                    var mod = x % y;
                    if (mod != 0 && (mod < 0) != (y < 0))
                    {
                        mod += y;
                    }

                    return new FloatValue(mod);
                }

                break;
            case BinaryOperator.Pow:
                if (bothInts && b >= 0)
                {
                    return CheckedInt(BigInteger.Pow(a, (int)Math.Min(b, 10000)));
                }

                if (bothNumbers)
                {
                    return CheckedFloat(Math.Pow(ToDouble(left), ToDouble(right)));
                }

                break;
            case BinaryOperator.LShift when bothInts:
                return CheckedInt((BigInteger)a << (int)b);
            case BinaryOperator.RShift when bothInts:
                return new IntValue(a >> (int)b);
            case BinaryOperator.BitAnd when bothInts:
                return new IntValue(a & b);
            case BinaryOperator.BitXor when bothInts:
                return new IntValue(a ^ b);
        }

        throw Error(EvaluationDiagnostics.Unsupported(OperatorText.Symbol(op), left.TypeName, right.TypeName));
    }

    private static long FloorDiv(long a, long b)
    {
        var quotient = a / b;
        if ((a % b != 0) && ((a < 0) != (b < 0)))
        {
            quotient--;
        }

        return quotient;
    }

    private static double ToDouble(KclValue value) => Numbers.TryGetNumber(value, out var number) ? number : 0;

    private KclValue CheckedInt(BigInteger value)
    {
        if (StrictRangeCheck && (value > int.MaxValue || value < int.MinValue))
        {
            throw Error($"{value}: A 32 bit integer overflow");
        }

        if (value > long.MaxValue || value < long.MinValue)
        {
            throw Error($"{value}: A 64 bit integer overflow");
        }

        return new IntValue((long)value);
    }

    private FloatValue CheckedFloat(double value)
    {
        if (StrictRangeCheck && !double.IsInfinity(value) && Math.Abs(value) > float.MaxValue)
        {
            throw Error($"{value.ToString("0.0###e+00", System.Globalization.CultureInfo.InvariantCulture)}: A 32-bit floating point number overflow");
        }

        return new FloatValue(value);
    }

    private KclValue Unary(UnaryOperator op, KclValue operand)
    {
        switch (op)
        {
            case UnaryOperator.Not:
                return BoolValue.Of(!operand.IsTruthy);
            case UnaryOperator.Minus when operand is IntValue i:
                return CheckedInt(-(BigInteger)i.Value);
            case UnaryOperator.Minus when operand is FloatValue f:
                return new FloatValue(-f.Value);
            case UnaryOperator.Minus when operand is BoolValue b:
                return new IntValue(b.Value ? -1 : 0);
            case UnaryOperator.Plus when operand is IntValue or FloatValue:
                return operand;
            case UnaryOperator.Plus when operand is BoolValue b:
                return new IntValue(b.Value ? 1 : 0);
            case UnaryOperator.Invert when operand is IntValue i:
                return new IntValue(~i.Value);
            case UnaryOperator.Invert when operand is BoolValue b:
                return new IntValue(~(b.Value ? 1L : 0L));
        }

        throw Error(EvaluationDiagnostics.UnsupportedUnary(OperatorText.Symbol(op), operand.TypeName));
    }

    private bool Compare(CompareOperator op, KclValue left, KclValue right)
    {
        switch (op)
        {
            case CompareOperator.Eq:
                return ValueOps.Equal(left, right);
            case CompareOperator.NotEq:
                return !ValueOps.Equal(left, right);
            case CompareOperator.Is:
                return Identical(left, right);
            case CompareOperator.IsNot:
                return !Identical(left, right);
            case CompareOperator.In:
                return Contains(right, left);
            case CompareOperator.NotIn:
                return !Contains(right, left);
        }

        return ValueOps.Compare(op, left, right);
    }

    private static bool Identical(KclValue left, KclValue right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        return (left, right) switch
        {
            (IntValue a, IntValue b) => a.Value == b.Value,
            (FloatValue a, FloatValue b) => a.Value == b.Value,
            (StringValue a, StringValue b) => a.Value == b.Value,
            (BoolValue a, BoolValue b) => a.Value == b.Value,
            _ => false,
        };
    }

    private bool Contains(KclValue container, KclValue item)
    {
        switch (container)
        {
            case ListValue list:
                return list.Items.Any(element => ValueOps.Equal(element, item));
            case DictValue dict:
                return item is StringValue key && dict.ContainsKey(key.Value);
            case StringValue text when item is StringValue part:
                return text.Value.Contains(part.Value, StringComparison.Ordinal);
            case NoneValue or UndefinedValue:
                return false;
            default:
                throw Error(EvaluationDiagnostics.Unsupported("in", item.TypeName, container.TypeName));
        }
    }

    /// <summary><c>str * int</c>, checked against the size limit before it is built.</summary>
    private static StringValue RepeatString(string text, long times)
    {
        var length = ValueLimits.RepeatedLength(text.Length, times);
        ValueLimits.CheckString(length);
        if (length == 0)
        {
            return new StringValue(string.Empty);
        }

        // Copies the text once, then doubles what is already written: a few large copies, not one per repeat.
        return new StringValue(string.Create((int)length, text, static (span, unit) =>
        {
            unit.AsSpan().CopyTo(span);
            for (var filled = unit.Length; filled < span.Length; filled *= 2)
            {
                span[..Math.Min(filled, span.Length - filled)].CopyTo(span[filled..]);
            }
        }));
    }

    /// <summary><c>list * int</c>, checked against the size limit before it is built.</summary>
    private static ListValue RepeatList(List<KclValue> items, long times)
    {
        var count = ValueLimits.RepeatedLength(items.Count, times);
        ValueLimits.CheckCollection(count);
        return count == 0 ? new ListValue() : new ListValue(Enumerable.Repeat(items, (int)times).SelectMany(x => x));
    }
}
