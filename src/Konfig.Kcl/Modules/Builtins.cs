using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text;
using Konfig.Kcl.Values;
using static Konfig.Kcl.Modules.KclValues;

namespace Konfig.Kcl.Modules;

/// <summary>KCL's builtin functions (<c>print</c>, <c>len</c>, <c>option</c>…), looked up by name.</summary>
public static class Builtins
{
    private static readonly Dictionary<string, BuiltinFunction> Table = Build();

    public static bool TryGet(string name, out BuiltinFunction function) => Table.TryGetValue(name, out function!);

    public static IEnumerable<string> Names => Table.Keys;

    private static Dictionary<string, BuiltinFunction> Build()
    {
        var table = new Dictionary<string, BuiltinFunction>(StringComparer.Ordinal);
        void Add(string name, Func<CallContext, Args, KclValue> body) =>
            table[name] = new BuiltinFunction(name, (context, positional, keywords) => body(context, new Args(positional, keywords)));

        Add("option", Option);
        Add("print", Print);
        Add("len", (_, a) => Int(Length(a.Required(0, "inval", "len() takes exactly one argument (0 given)"))));
        Add("any_true", (_, a) => Bool(a.Get(0, "inval") is { } v && AnyTrue(v)));
        Add("all_true", (_, a) => Bool(a.Get(0, "inval") is { } v && AllTrue(v)));
        Add("isunique", (_, a) => Bool(a.Get(0, "inval") is ListValue list && IsUnique(list)));
        Add("isnullish", (_, a) => Bool(a.Required(0, "inval", "is_nullable() takes exactly one argument (0 given)").IsNoneOrUndefined));
        Add("sorted", (_, a) => Sorted(a.Required(0, "inval", "sorted() takes exactly one argument (0 given)"), a.Get(1, "reverse")?.IsTruthy ?? false));
        Add("int", (c, a) => ConvertToInt(c, a.Required(0, "number", "int() takes exactly one argument (0 given)"), a.Get(1, "base")));
        Add("float", (_, a) => ConvertToFloat(a.Required(0, "number", "float() takes exactly one argument (0 given)")));
        Add("bool", (_, a) => Bool(a.Required(0, "x", "bool() takes exactly one argument (0 given)").IsTruthy));
        Add("str", (_, a) => a.Get(0, "x") is { } v ? Str(ValueFormatter.ToStr(v)) : Str(string.Empty));
        Add("max", (_, a) => Extreme(a, "max", greater: true));
        Add("min", (_, a) => Extreme(a, "min", greater: false));
        Add("multiplyof", (_, a) => a.Get(0, "a") is { } x && a.Get(1, "b") is { } y
            ? (x is IntValue xi && y is IntValue yi ? Bool(yi.Value != 0 ? xi.Value % yi.Value == 0 : throw new KclRuntimeException("integer modulo by zero")) : Undefined)
            : throw new KclRuntimeException($"multiplyof() takes exactly two argument ({a.Count} given)"));
        Add("abs", (_, a) => a.Required(0, "inval", "abs() takes exactly one argument (0 given)") switch
        {
            IntValue i => Int(Math.Abs(i.Value)),
            FloatValue f => Float(Math.Abs(f.Value)),
            _ => Undefined,
        });
        Add("hex", (_, a) => Radix(a.Required(0, "number", "hex() takes exactly one argument (0 given)"), 16, "0x"));
        Add("oct", (_, a) => Radix(a.Required(0, "number", "oct() takes exactly one argument (0 given)"), 8, "0o"));
        Add("bin", (_, a) => Radix(a.Required(0, "number", "bin() takes exactly one argument (0 given)"), 2, "0b"));
        Add("ord", (_, a) => Ord(a.Required(0, "c", "ord() takes exactly one argument (0 given)")));
        Add("sum", (_, a) => a.Get(0, "iterable") is { } iterable ? Sum(iterable, a.Get(1, "start") ?? Int(0)) : Undefined);
        Add("pow", (_, a) => a.Get(0, "x") is { } x && a.Get(1, "y") is { } y ? Pow(x, y, a.Get(2, "z") ?? None) : Undefined);
        Add("round", (_, a) => a.Get(0, "number") is { } n ? Round(n, a.Get(1, "ndigits") ?? None) : Undefined);
        Add("zip", (_, a) => Zip(a.Positional));
        Add("list", (_, a) => a.Count > 0 ? List(Iterate(a.Positional[0])) : new ListValue());
        Add("dict", (_, a) => Dict(a));
        Add("typeof", (_, a) => Str(TypeOf(a.Required(0, "x", "typeof() missing 1 required positional argument: 'x'"), a.Get(1, "full_name")?.IsTruthy ?? false)));
        Add("range", (_, a) => a.Get(0, "start") is { } first
            ? a.Get(1, "stop") is { } stop ? Range(first, stop, a.Get(2, "step") ?? Int(1)) : Range(Int(0), first, Int(1))
            : Undefined);
        Add("reduce", Reduce);
        return table;
    }

    private static KclValue Option(CallContext context, Args args)
    {
        var key = args.GetString(0, "key");
        if (key is not null)
        {
            var type = args.GetString(1, "type");
            if (context.Options.TryGetValue(key, out var value))
            {
                return type is null ? value : ToType(value, type);
            }

            if (args.Get(3, "default") is { } fallback)
            {
                return type is null ? fallback : ToType(fallback, type);
            }
        }

        if (args.GetBool(2, "required") == true)
        {
            var name = key ?? "?";
            throw new KclRuntimeException($"option('{name}') must be initialized, try '-D {name}=?' argument");
        }

        return None;
    }

    private static KclValue ToType(KclValue value, string type)
    {
        if (type.Length == 0)
        {
            return value;
        }

        KclValue Fail() => throw new KclRuntimeException($"cannot use '{ValueFormatter.ToStr(value)}' as type '{type}'");
        return type switch
        {
            "bool" => value switch
            {
                BoolValue b => b,
                IntValue i => Bool(i.Value != 0),
                FloatValue f => Bool(f.Value != 0),
                StringValue s => Bool(s.Value is "True" or "true"),
                _ => Undefined,
            },
            "int" => value switch
            {
                BoolValue b => Int(b.Value ? 1 : 0),
                IntValue i => i,
                FloatValue f => Int((long)f.Value),
                StringValue s => long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
                    ? Int(n)
                    : throw new KclRuntimeException($"cannot use '{s.Value}' as type '{type}'"),
                _ => Fail(),
            },
            "float" => value switch
            {
                BoolValue b => Float(b.Value ? 1 : 0),
                IntValue i => Float(i.Value),
                FloatValue f => f,
                StringValue s => Float(RustFloat.TryParse(s.Value, out var d) ? d : 0.0),
                _ => Fail(),
            },
            "str" => value switch
            {
                BoolValue b => Str(b.Value ? "true" : "false"),
                IntValue i => Str(Invariant(i.Value)),
                FloatValue f => Str(FloatFormat.RustDisplay(f.Value)),
                StringValue s => s,
                _ => Fail(),
            },
            "list" => value is ListValue ? value : Fail(),
            "dict" => value is DictValue and not SchemaValue ? value : Fail(),
            _ => throw new KclRuntimeException($"unknown type '{type}'"),
        };
    }

    private static KclValue Print(CallContext context, Args args)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < args.Positional.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(' ');
            }

            ValueFormatter.AppendStr(builder, args.Positional[i]);
        }

        if (args.Keyword("end") is { } end)
        {
            ValueFormatter.AppendStr(builder, end);
        }
        else
        {
            builder.Append('\n');
        }

        context.Output.Write(builder.ToString());
        return None;
    }

    internal static long Length(KclValue value) => value switch
    {
        StringValue s => Encoding.UTF8.GetByteCount(s.Value),
        ListValue l => l.Items.Count,
        DictValue d => d.Count,
        _ => throw new KclRuntimeException($"object of type '{value.TypeName}' has no len()"),
    };

    private static bool AnyTrue(KclValue value) => value switch
    {
        ListValue l => l.Items.Any(x => x.IsTruthy),
        DictValue d => d.Entries.Any(e => e.Value.IsTruthy),
        _ => false,
    };

    private static bool AllTrue(KclValue value) => value switch
    {
        ListValue l => l.Items.All(x => x.IsTruthy),
        // The reference inverts the test for schema instances; kept for compatibility.
        SchemaValue s => s.Entries.All(e => !e.Value.IsTruthy),
        DictValue d => d.Entries.All(e => e.Value.IsTruthy),
        _ => false,
    };

    private static bool IsUnique(ListValue list)
    {
        for (var i = 0; i < list.Items.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (ValueEquality.AreEqual(list.Items[i], list.Items[j]))
                {
                    return false;
                }
            }
        }

        return true;
    }

    internal static KclValue Sorted(KclValue value, bool reverse)
    {
        List<KclValue> items = value switch
        {
            StringValue s => Characters(s.Value).Select(Str).ToList(),
            ListValue l => l.Items.Select(DeepCopy).ToList(),
            DictValue d => d.Keys.Select(Str).ToList(),
            _ => throw new KclRuntimeException("sorted only for str|list|dict type"),
        };

        // A stable merge sort, as Rust's sort is, with KCL's ordering.
        try
        {
            var sorted = reverse
                ? items.OrderBy(x => x, Comparer<KclValue>.Create((a, b) => ValueEquality.Order(b, a))).ToList()
                : items.OrderBy(x => x, Comparer<KclValue>.Create(ValueEquality.Order)).ToList();
            return new ListValue(sorted);
        }
        catch (InvalidOperationException wrapped) when (wrapped.InnerException is KclRuntimeException or InsufficientExecutionStackException)
        {
            // .NET's sort wraps what the comparer throws: items KCL cannot order are KCL's error, not ours.
            ExceptionDispatchInfo.Throw(wrapped.InnerException);
            throw;
        }
    }

    private static KclValue ConvertToInt(CallContext context, KclValue value, KclValue? baseValue)
    {
        switch (value)
        {
            case IntValue i:
                return i;
            case FloatValue f:
                return Int(SaturatingLong(f.Value));
            case NumberMultiplierValue m:
                if (context.Debug)
                {
                    CheckUnitRange(m, context.StrictRangeCheck);
                }

                return Int(SaturatingLong(m.Value));
            case BoolValue b:
                return Int(b.Value ? 1 : 0);
            case StringValue s:
            {
                var radix = baseValue is IntValue bi ? bi.Value : 10;
                string digits;
                if (radix == 10)
                {
                    digits = Invariant(Units.ToQuantity(s.Value));
                }
                else
                {
                    var text = s.Value;
                    var negative = text.StartsWith('-');
                    if (negative)
                    {
                        text = text[1..];
                    }

                    foreach (var prefix in new[] { "0x", "0X", "0o", "0O", "0b", "0B" })
                    {
                        if (text.StartsWith(prefix, StringComparison.Ordinal))
                        {
                            text = text[2..];
                            break;
                        }
                    }

                    digits = negative ? "-" + text : text;
                }

                return Int(RustInt.ParseRadix(digits, (int)radix)
                    ?? throw new KclRuntimeException($"invalid literal for int() with base {radix}: '{s.Value}'"));
            }

            default:
                throw new KclRuntimeException($"int() argument must be a string or a number, not '{value.TypeName}'");
        }
    }

    private static long SaturatingLong(double value) =>
        double.IsNaN(value) ? 0 : value >= 9.2233720368547758E+18 ? long.MaxValue : value <= -9.2233720368547758E+18 ? long.MinValue : (long)value;

    private static KclValue ConvertToFloat(KclValue value) => value switch
    {
        IntValue i => Float(i.Value),
        FloatValue f => double.IsInfinity(f.Value) ? throw new KclRuntimeException("inf: A 64-bit floating point number overflow") : f,
        NumberMultiplierValue m => Float(m.Value),
        BoolValue b => Float(b.Value ? 1 : 0),
        StringValue s => RustFloat.TryParse(s.Value, out var d)
            ? double.IsInfinity(d) ? throw new KclRuntimeException("inf: A 64-bit floating point number overflow") : Float(d)
            : throw new KclRuntimeException($"invalid literal for float() with base 10: '{s.Value}'"),
        _ => throw new KclRuntimeException($"invalid literal for float() with base 10: '{ValueFormatter.ToStr(value)}'"),
    };

    private static KclValue Extreme(Args args, string name, bool greater)
    {
        IReadOnlyList<KclValue> items;
        if (args.Count > 1)
        {
            items = args.Positional;
        }
        else if (args.Count == 1)
        {
            var single = args.Positional[0];
            items = single switch
            {
                StringValue s => s.Value.Length == 0 ? throw new KclRuntimeException("arg is an empty str") : Characters(s.Value).Select(Str).ToList(),
                ListValue l => l.Items.Count == 0 ? throw new KclRuntimeException("arg is an empty list") : l.Items,
                DictValue d => d.Count == 0 ? throw new KclRuntimeException("arg is an empty dict") : d.Keys.Select(Str).ToList(),
                _ => throw new KclRuntimeException($"{single.TypeName} object is not iterable"),
            };
        }
        else
        {
            throw new KclRuntimeException($"{name}() takes exactly one argument (0 given)");
        }

        KclValue? result = null;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (result is null || (greater ? ValueEquality.GreaterThan(item, result) : ValueEquality.LessThan(item, result)))
            {
                result = item;
            }
        }

        return result!;
    }

    private static KclValue Radix(KclValue value, int radix, string prefix)
    {
        if (value is not IntValue i)
        {
            return Undefined;
        }

        var magnitude = i.Value == long.MinValue ? (ulong)long.MaxValue + 1 : (ulong)Math.Abs(i.Value);
        var digits = radix == 16 ? magnitude.ToString("x", CultureInfo.InvariantCulture) : ToRadix(magnitude, radix);
        if (i.Value == long.MinValue && radix == 8)
        {
            // The reference's literal for this one value.
            return Str("-01000000000000000000000");
        }

        return Str((i.Value < 0 ? "-" : string.Empty) + prefix + digits);
    }

    private static string ToRadix(ulong value, int radix)
    {
        if (value == 0)
        {
            return "0";
        }

        var chars = new Stack<char>();
        while (value > 0)
        {
            chars.Push((char)('0' + (int)(value % (ulong)radix)));
            value /= (ulong)radix;
        }

        return new string(chars.ToArray());
    }

    private static KclValue Ord(KclValue value)
    {
        if (value is not StringValue s)
        {
            return Undefined;
        }

        var characters = Characters(s.Value).ToList();
        if (characters.Count != 1)
        {
            throw new KclRuntimeException($" ord() expected string of length 1, but string of length {Encoding.UTF8.GetByteCount(s.Value)} found");
        }

        return Int(char.ConvertToUtf32(characters[0], 0));
    }

    private static KclValue Sum(KclValue iterable, KclValue start)
    {
        if (iterable is not ListValue list)
        {
            return Undefined;
        }

        if (start is StringValue)
        {
            throw new KclRuntimeException("sum() can't sum strings");
        }

        var result = start;
        foreach (var item in list.Items)
        {
            result = Add(result, item);
        }

        return result;
    }

    private static KclValue Pow(KclValue x, KclValue y, KclValue z)
    {
        if (z is IntValue zi)
        {
            if (zi.Value == 0)
            {
                throw new KclRuntimeException("pow() 3rd argument cannot be 0");
            }

            if (x is IntValue xi && y is IntValue yi)
            {
                if (yi.Value == 0)
                {
                    return Int(1);
                }

                if (yi.Value < 0)
                {
                    throw new KclRuntimeException("pow() 2nd argument cannot be negative when 3rd argument specified");
                }

                Int128 answer = 1;
                Int128 power = xi.Value;
                Int128 modulus = zi.Value;
                var exponent = yi.Value;
                while (exponent > 0)
                {
                    if (exponent % 2 == 1)
                    {
                        answer = answer * power % modulus;
                    }

                    power = power * power % modulus;
                    exponent /= 2;
                }

                return Int((long)answer);
            }

            throw new KclRuntimeException("pow() 3rd argument not allowed unless all arguments are integers");
        }

        return (x, y) switch
        {
            (IntValue a, IntValue b) => b.Value >= 0 ? Int(SaturatingLong(Math.Pow(a.Value, b.Value))) : Float(Math.Pow(a.Value, b.Value)),
            (IntValue a, FloatValue b) => Float(Math.Pow(a.Value, b.Value)),
            (FloatValue a, IntValue b) => Float(Math.Pow(a.Value, b.Value)),
            (FloatValue a, FloatValue b) => Float(Math.Pow(a.Value, b.Value)),
            _ => Undefined,
        };
    }

    private static KclValue Round(KclValue number, KclValue digits)
    {
        if (digits is not IntValue nd)
        {
            return number switch
            {
                IntValue i => i,
                FloatValue f => Int(SaturatingLong(Math.Round(f.Value, MidpointRounding.AwayFromZero))),
                _ => Undefined,
            };
        }

        if (number is IntValue integer)
        {
            return Float(integer.Value);
        }

        if (number is not FloatValue fv)
        {
            return Undefined;
        }

        var value = fv.Value;
        var ndigits = nd.Value;
        if (ndigits == 0)
        {
            return Float(Math.Round(value, MidpointRounding.AwayFromZero));
        }

        double y;
        double pow1;
        double? pow2 = null;
        if (ndigits >= 0)
        {
            (pow1, var p2) = ndigits > 22 ? (Math.Pow(10.0, ndigits - 22), 1e22) : (Math.Pow(10.0, ndigits), 1.0);
            y = value * pow1 * p2;
            if (!double.IsFinite(y))
            {
                return Float(value);
            }

            pow2 = p2;
        }
        else
        {
            pow1 = Math.Pow(10.0, -ndigits);
            y = value / pow1;
        }

        var z = Math.Round(y, MidpointRounding.AwayFromZero);
        if (Math.Abs(y - z) == 0.5)
        {
            z = 2.0 * Math.Round(y / 2.0, MidpointRounding.AwayFromZero);
        }

        z = pow2 is { } p ? z / p / pow1 : z * pow1;
        return double.IsFinite(z) ? Float(z) : Undefined;
    }

    private static KclValue Zip(IReadOnlyList<KclValue> lists)
    {
        var sources = lists.Select(l => Iterate(l).ToList()).ToList();
        var result = new ListValue();
        if (sources.Count == 0)
        {
            return result;
        }

        var length = sources.Min(s => s.Count);
        for (var i = 0; i < length; i++)
        {
            result.Items.Add(new ListValue(sources.Select(s => s[i])));
        }

        return result;
    }

    private static KclValue Dict(Args args)
    {
        var result = new DictValue();
        if (args.Get(0, "x") is { } source)
        {
            AddPairs(result, source);
        }

        foreach (var (key, value) in args.Keywords)
        {
            if (key != "x" || args.Count > 0)
            {
                result.Set(key, value);
            }
        }

        return result;
    }

    private static void AddPairs(DictValue result, KclValue source)
    {
        switch (source)
        {
            case DictValue dict:
                foreach (var (key, value) in dict.Entries)
                {
                    result.Set(key, value);
                }

                break;
            case ListValue list:
                for (var i = 0; i < list.Items.Count; i++)
                {
                    var pair = Iterate(list.Items[i]).ToList();
                    if (pair.Count != 2)
                    {
                        throw new KclRuntimeException($"dictionary update sequence element #{i} has length {pair.Count}; 2 is required");
                    }

                    result.Set(ValueFormatter.ToStr(pair[0]), pair[1]);
                }

                break;
            default:
                foreach (var item in Iterate(source))
                {
                    result.Set(ValueFormatter.ToStr(item), item);
                }

                break;
        }
    }

    internal static string TypeOf(KclValue value, bool fullName)
    {
        if (value is SchemaValue schema)
        {
            if (fullName)
            {
                var package = schema.PackagePath.StartsWith('@') ? schema.PackagePath[1..] : schema.PackagePath;
                return package == "__main__" || package.Length == 0 ? schema.Name : package + "." + schema.Name;
            }

            return schema.Name;
        }

        return value is NoneValue ? "None" : value.TypeName;
    }

    private static KclValue Range(KclValue start, KclValue stop, KclValue step)
    {
        if (start is not IntValue a || stop is not IntValue b || step is not IntValue s)
        {
            return Undefined;
        }

        if (s.Value == 0)
        {
            throw new KclRuntimeException("range() step argument must not be zero");
        }

        // Counted up front (in 128 bits: the bounds may be far apart), so the size limit applies before
        // any item is made and the step can never overflow past the stop.
        var span = s.Value > 0 ? (Int128)b.Value - a.Value : (Int128)a.Value - b.Value;
        var stride = s.Value > 0 ? (Int128)s.Value : -(Int128)s.Value;
        var count = span <= 0 ? 0 : (span + stride - 1) / stride;
        ValueLimits.CheckCollection((long)Int128.Min(count, long.MaxValue));
        var list = new ListValue();
        list.Items.Capacity = (int)count;
        for (var i = 0L; i < (long)count; i++)
        {
            list.Items.Add(Int(a.Value + (i * s.Value)));
        }

        return list;
    }

    /// <summary>In debug mode the reference converts a unit value exactly (raw × multiplier) and rejects what overflows.</summary>
    private static void CheckUnitRange(NumberMultiplierValue value, bool strict)
    {
        var multiplier = Evaluation.Numbers.Multiplier(value.Suffix);
        var exact = multiplier >= 1 ? value.Raw * new System.Numerics.BigInteger(multiplier) : new System.Numerics.BigInteger(value.Value);
        var bits = strict ? 32 : 64;
        var limit = System.Numerics.BigInteger.One << (bits - 1);
        if (exact < -limit || exact >= limit)
        {
            throw new KclRuntimeException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{exact}: A {bits} bit integer overflow"));
        }
    }

    private static KclValue Reduce(CallContext context, Args args)
    {
        if (args.Get(0, "reducer") is not FunctionValue reducer)
        {
            throw new KclRuntimeException("reduce() argument 'reducer' must be a function");
        }

        var items = args.Get(1, "iterable") is { } iterable ? Iterate(iterable).ToList() : [];
        var initial = args.Get(2, "initial");
        KclValue accumulator;
        var start = 0;
        if (initial is not null)
        {
            accumulator = initial;
        }
        else if (items.Count > 0)
        {
            accumulator = items[0];
            start = 1;
        }
        else
        {
            var type = context.GetParameterType(reducer, 0);
            if (type is not null && !type.EndsWith('?') && type is not "any" and not "None" && !type.Contains("None", StringComparison.Ordinal))
            {
                throw new KclRuntimeException($"reduce() empty list with no initial value and non-nullable accumulator type '{type}'");
            }

            return None;
        }

        for (var i = start; i < items.Count; i++)
        {
            accumulator = context.Call(reducer, [accumulator, items[i]]);
        }

        return accumulator;
    }
}
