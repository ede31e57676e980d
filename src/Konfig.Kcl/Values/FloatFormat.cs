using System.Globalization;
using System.Text;

namespace Konfig.Kcl.Values;

/// <summary>
/// The float layouts KCL's runtime produces: the shortest round-trip digits laid out the way Rust's
/// <c>ryu</c> does (YAML and JSON output) or the way KCL's <c>float_to_string</c> does (<c>str()</c>,
/// Python-like <c>1e-09</c>).
/// </summary>
public static class FloatFormat
{
    // Rust's f64::EPSILON, which KCL's is_integer check uses.
    private const double RustEpsilon = 2.220446049250313e-16;

    /// <summary>ryu's layout, used by serde_json and serde_yaml: <c>1.0</c>, <c>0.001</c>, <c>1e-9</c>, <c>1e16</c>, <c>1.5e20</c>.</summary>
    public static string Ryu(double value)
    {
        var builder = new StringBuilder(24);
        AppendRyu(builder, value);
        return builder.ToString();
    }

    public static void AppendRyu(StringBuilder builder, double value)
    {
        if (value == 0)
        {
            builder.Append(double.IsNegative(value) ? "-0.0" : "0.0");
            return;
        }

        var (negative, digits, kk) = Decompose(value);
        if (negative)
        {
            builder.Append('-');
        }

        var length = digits.Length;
        var k = kk - length;
        if (k >= 0 && kk <= 16)
        {
            builder.Append(digits).Append('0', k).Append(".0");
        }
        else if (kk > 0 && kk <= 16)
        {
            builder.Append(digits, 0, kk).Append('.').Append(digits, kk, length - kk);
        }
        else if (kk > -5 && kk <= 0)
        {
            builder.Append("0.").Append('0', -kk).Append(digits);
        }
        else
        {
            builder.Append(digits[0]);
            if (length > 1)
            {
                builder.Append('.').Append(digits, 1, length - 1);
            }

            builder.Append('e').Append((kk - 1).ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>KCL's <c>float_to_string</c> (str(), print, interpolation): <c>1.0</c>, <c>0.1</c>, <c>1e-09</c>, <c>1e+16</c>.</summary>
    public static string Kcl(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        var (negative, digits, kk) = Decompose(value);
        var exponent = kk - 1;
        var builder = new StringBuilder(24);
        if (negative)
        {
            builder.Append('-');
        }

        if (exponent < 16 && exponent > -5)
        {
            if (Math.Abs(value - Math.Round(value)) < RustEpsilon)
            {
                // Rust's {:.1?}: one decimal, rounded exactly.
                return Math.Round(value, 1, MidpointRounding.ToEven).ToString("F1", CultureInfo.InvariantCulture);
            }

            AppendPlain(builder, digits, kk);
            return builder.ToString();
        }

        builder.Append(digits[0]);
        if (digits.Length > 1)
        {
            builder.Append('.').Append(digits, 1, digits.Length - 1);
        }

        builder.Append('e').Append(exponent < 0 ? '-' : '+');
        var magnitude = Math.Abs(exponent);
        if (magnitude < 10)
        {
            builder.Append('0');
        }

        builder.Append(magnitude.ToString(CultureInfo.InvariantCulture));
        return builder.ToString();
    }

    /// <summary>Rust's <c>Display</c> for f64: shortest digits, never an exponent (<c>1e20</c> prints all digits, <c>1.0</c> prints <c>1</c>).</summary>
    public static string RustDisplay(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0" : "0";
        }

        var (negative, digits, kk) = Decompose(value);
        var builder = new StringBuilder(24);
        if (negative)
        {
            builder.Append('-');
        }

        AppendPlain(builder, digits, kk);
        return builder.ToString();
    }

    private static void AppendPlain(StringBuilder builder, string digits, int kk)
    {
        var length = digits.Length;
        if (kk <= 0)
        {
            builder.Append("0.").Append('0', -kk).Append(digits);
        }
        else if (kk >= length)
        {
            builder.Append(digits).Append('0', kk - length);
        }
        else
        {
            builder.Append(digits, 0, kk).Append('.').Append(digits, kk, length - kk);
        }
    }

    /// <summary>
    /// Splits a finite non-zero double into its shortest round-trip decimal digits (no leading or
    /// trailing zeros) and the position of the decimal point: value = 0.DIGITS × 10^kk.
    /// </summary>
    internal static (bool Negative, string Digits, int PointPosition) Decompose(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = text[0] == '-';
        var start = negative ? 1 : 0;
        var exponentIndex = text.IndexOf('E', StringComparison.Ordinal);
        var exponent = 0;
        var mantissaEnd = text.Length;
        if (exponentIndex >= 0)
        {
            exponent = int.Parse(text.AsSpan(exponentIndex + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mantissaEnd = exponentIndex;
        }

        var digits = new StringBuilder(20);
        var integerDigits = 0;
        var seenPoint = false;
        for (var i = start; i < mantissaEnd; i++)
        {
            var c = text[i];
            if (c == '.')
            {
                seenPoint = true;
                continue;
            }

            digits.Append(c);
            if (!seenPoint)
            {
                integerDigits++;
            }
        }

        var leading = 0;
        while (leading < digits.Length - 1 && digits[leading] == '0')
        {
            leading++;
        }

        var trailing = digits.Length;
        while (trailing > leading + 1 && digits[trailing - 1] == '0')
        {
            trailing--;
        }

        var result = digits.ToString(leading, trailing - leading);
        return (negative, result, integerDigits + exponent - leading);
    }
}
