using System.Globalization;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Emit;

/// <summary>
/// KCL writes YAML by first writing JSON and reading it back with serde_json, whose default float
/// reader is fast rather than exact: it takes the written digits as a 64-bit integer, converts that to a
/// double and scales it by one power of ten. Values with 17 significant digits or far from 1 can come
/// back one unit in the last place away (<c>math.modf(100.12)[0]</c> prints 0.12000000000000456).
/// <see cref="Apply"/> gives the double that round trip yields, so the YAML carries the same digits.
/// </summary>
internal static class JsonFloatRoundTrip
{
    /// <summary>10^0 … 10^308, each the correctly rounded double, as serde_json's table holds them.</summary>
    private static readonly double[] PowersOfTen = BuildPowers();

    public static double Apply(double value)
    {
        if (!double.IsFinite(value) || value == 0)
        {
            return value;
        }

        return TryRead(FloatFormat.Ryu(value), out var read) ? read : value;
    }

    /// <summary>serde_json's reading of a number written by ryu (<c>-12.5</c>, <c>1e-7</c>, <c>1.5e300</c>).</summary>
    internal static bool TryRead(string text, out double value)
    {
        value = 0;
        var position = 0;
        var positive = true;
        if (position < text.Length && text[position] == '-')
        {
            positive = false;
            position++;
        }

        ulong significand = 0;
        var exponent = 0;
        var digits = 0;
        var afterPoint = false;
        for (; position < text.Length; position++)
        {
            var c = text[position];
            if (c == '.' && !afterPoint)
            {
                afterPoint = true;
                continue;
            }

            if (c is < '0' or > '9')
            {
                break;
            }

            if (significand > (ulong.MaxValue - 9) / 10)
            {
                // More digits than ryu ever writes: serde_json switches to another path here.
                return false;
            }

            significand = (significand * 10) + (ulong)(c - '0');
            digits++;
            if (afterPoint)
            {
                exponent--;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (position < text.Length)
        {
            if (text[position] is not ('e' or 'E')
                || !int.TryParse(text.AsSpan(position + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var written))
            {
                return false;
            }

            exponent += written;
        }

        if (!TryScale(significand, exponent, out var magnitude))
        {
            return false;
        }

        value = positive ? magnitude : -magnitude;
        return true;
    }

    private static bool TryScale(ulong significand, int exponent, out double result)
    {
        result = significand;
        while (true)
        {
            var power = Math.Abs(exponent);
            if (power < PowersOfTen.Length)
            {
                if (exponent >= 0)
                {
                    result *= PowersOfTen[power];
                    return double.IsFinite(result);
                }

                result /= PowersOfTen[power];
                return true;
            }

            if (result == 0)
            {
                return true;
            }

            if (exponent >= 0)
            {
                return false;
            }

            result /= 1e308;
            exponent += 308;
        }
    }

    private static double[] BuildPowers()
    {
        var powers = new double[309];
        for (var i = 0; i < powers.Length; i++)
        {
            powers[i] = double.Parse("1e" + i.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }

        return powers;
    }
}
