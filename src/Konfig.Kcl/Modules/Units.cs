using System.Globalization;
using Konfig.Kcl.Values;
using static Konfig.Kcl.Modules.KclValues;

namespace Konfig.Kcl.Modules;

/// <summary>The <c>units</c> module: unit constants and <c>to_Ki</c>-style conversions to suffixed strings.</summary>
internal static class Units
{
    private static readonly Dictionary<string, int> Exponents = new(StringComparer.Ordinal)
    {
        ["n"] = -3,
        ["u"] = -2,
        ["m"] = -1,
        ["k"] = 1,
        ["K"] = 1,
        ["M"] = 2,
        ["G"] = 3,
        ["T"] = 4,
        ["P"] = 5,
    };

    private static readonly (string Suffix, double Divisor)[] Conversions =
    [
        ("n", 1e-09), ("u", 1e-06), ("m", 0.001), ("k", 1_000.0), ("K", 1_000.0), ("M", 1_000_000.0),
        ("G", 1_000_000_000.0), ("T", 1_000_000_000_000.0), ("P", 1_000_000_000_000_000.0),
        ("Ki", 1024.0), ("Mi", 1024.0 * 1024.0), ("Gi", 1024.0 * 1024.0 * 1024.0),
        ("Ti", 1024.0 * 1024.0 * 1024.0 * 1024.0), ("Pi", 1024.0 * 1024.0 * 1024.0 * 1024.0 * 1024.0),
    ];

    public static void Register(Dictionary<string, KclValue> members)
    {
        members["n"] = Float(1e-09);
        members["u"] = Float(1e-06);
        members["m"] = Float(0.001);
        members["k"] = Int(1_000);
        members["K"] = Int(1_000);
        members["M"] = Int(1_000_000);
        members["G"] = Int(1_000_000_000);
        members["T"] = Int(1_000_000_000_000);
        members["P"] = Int(1_000_000_000_000_000);
        members["Ki"] = Int(1024);
        members["Mi"] = Int(1048576);
        members["Gi"] = Int(1073741824);
        members["Ti"] = Int(1099511627776);
        members["Pi"] = Int(1125899906842624);
        foreach (var (suffix, divisor) in Conversions)
        {
            var name = "to_" + suffix;
            var small = suffix is "n" or "u" or "m";
            members[name] = new BuiltinFunction(name, (_, positional, keywords) =>
            {
                var args = new Args(positional, keywords);
                var number = args.Get(0, "num") ?? throw new KclRuntimeException($"{name}() missing 1 required positional argument: 'num'");
                var value = small ? AsDouble(number, name) : args.GetNumber(0, "num") ?? throw new KclRuntimeException($"{name}() missing 1 required positional argument: 'num'");
                return Str(((long)(value / divisor)).ToString(CultureInfo.InvariantCulture) + suffix);
            });
        }
    }

    /// <summary>KCL's <c>to_quantity</c>: <c>8Gi</c> → 8589934592, <c>2K</c> → 2000, <c>12</c> → 12.</summary>
    public static long ToQuantity(string quantity)
    {
        var number = quantity;
        string? suffix = null;
        var length = quantity.Length;
        if (length >= 2 && quantity[^1] == 'i')
        {
            if (Exponents.ContainsKey(quantity.Substring(length - 2, 1)))
            {
                number = quantity[..(length - 2)];
                suffix = quantity[(length - 2)..];
            }
        }
        else if (length >= 1 && Exponents.ContainsKey(quantity[^1..]))
        {
            number = quantity[..(length - 1)];
            suffix = quantity[^1..];
        }

        if (number.Length == 0)
        {
            throw new KclRuntimeException("number can't be empty");
        }

        var parsed = RustInt.ParseRadix(number, 10) ?? throw new KclRuntimeException(RustInt.UnwrapMessage(number));
        if (suffix is null)
        {
            return parsed;
        }

        if (suffix is "ni" or "ui" or "mi" or "ki")
        {
            throw new KclRuntimeException($"Invalid suffix {suffix[..1]}");
        }

        var exponent = Exponents[suffix[..1]];
        if (exponent < 0)
        {
            throw new KclRuntimeException("attempt to multiply with overflow");
        }

        long unit = 1;
        var unitBase = suffix.EndsWith('i') ? 1024L : 1000L;
        for (var i = 0; i < exponent; i++)
        {
            unit *= unitBase;
        }

        return parsed * unit;
    }
}
