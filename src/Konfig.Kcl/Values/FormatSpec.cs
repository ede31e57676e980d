using System.Globalization;
using System.Numerics;
using System.Text;

namespace Konfig.Kcl.Values;

/// <summary>
/// Python's format-spec mini-language (<c>[[fill]align][sign][#][0][width][,|_][.precision][type]</c>)
/// for ints and floats, with the behaviour (and error messages) of KCL's runtime.
/// </summary>
internal sealed class FormatSpec
{
    private char? _fill;
    private char? _align;
    private char? _sign;
    private bool _alternate;
    private int? _width;
    private char? _grouping;
    private int? _precision;
    private char? _type;

    public static FormatSpec Parse(string text)
    {
        var spec = new FormatSpec();
        var i = 0;
        if (text.Length >= 2 && text[0] == '!' && text[1] is 's' or 'r' or 'a' or 'b')
        {
            i = 2;
        }

        // [[fill]align]: a fill is any character followed by an align character.
        if (i + 1 < text.Length && IsAlign(text[i + 1]))
        {
            spec._fill = text[i];
            spec._align = text[i + 1];
            i += 2;
        }
        else if (i < text.Length && IsAlign(text[i]))
        {
            spec._align = text[i];
            i++;
        }

        if (i < text.Length && text[i] is '-' or '+' or ' ')
        {
            spec._sign = text[i];
            i++;
        }

        if (i < text.Length && text[i] == '#')
        {
            spec._alternate = true;
            i++;
        }

        var zero = false;
        if (i < text.Length && text[i] == '0')
        {
            zero = true;
            i++;
        }

        spec._width = ParseNumber(text, ref i);
        if (i < text.Length && text[i] is ',' or '_')
        {
            spec._grouping = text[i];
            i++;
        }

        if (i < text.Length && text[i] == '.')
        {
            var start = i + 1;
            var precision = ParseNumber(text, ref start);
            if (precision is not null)
            {
                spec._precision = precision;
                i = start;
            }
        }

        if (i < text.Length && "sbcdoxXeEfFgGn%".Contains(text[i], StringComparison.Ordinal))
        {
            spec._type = text[i];
            i++;
        }

        if (i != text.Length)
        {
            throw new KclRuntimeException("Invalid format specifier");
        }

        if (zero && spec._fill is null)
        {
            spec._fill = '0';
            spec._align ??= '=';
        }

        return spec;
    }

    private static bool IsAlign(char c) => c is '<' or '>' or '=' or '^';

    private static int? ParseNumber(string text, ref int index)
    {
        var start = index;
        while (index < text.Length && char.IsAsciiDigit(text[index]))
        {
            index++;
        }

        if (index == start)
        {
            return null;
        }

        if (!int.TryParse(text.AsSpan(start, index - start), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new KclRuntimeException("Too many decimal digits in format string");
        }

        // A width or precision is text that will be built: the string limit applies to it up front.
        ValueLimits.CheckString(value);
        return value;
    }

    public string FormatInt(long number)
    {
        var magnitude = number == long.MinValue ? (BigInteger)long.MaxValue + 1 : (BigInteger)Math.Abs(number);
        var prefix = _alternate
            ? _type switch
            {
                'b' => "0b",
                'o' => "0o",
                'x' or 'X' => "0x",
                _ => string.Empty,
            }
            : string.Empty;
        string raw = _type switch
        {
            'b' => ToRadix(magnitude, 2),
            'o' => ToRadix(magnitude, 8),
            'x' => ToRadix(magnitude, 16),
            'X' => ToRadix(magnitude, 16).ToUpperInvariant(),
            'd' or 'n' or null => magnitude.ToString(CultureInfo.InvariantCulture),
            's' or 'c' or 'g' or 'G' => throw new KclRuntimeException($"Unknown format code '{_type}' for object of type 'int'"),
            // KCL formats the int as a float here, sign and padding included, then pads again.
            _ => FormatFloat(number),
        };
        var magnitudeText = prefix + AddSeparators(raw);
        var sign = number < 0 ? "-" : SignFor();
        return Align(magnitudeText, sign);
    }

    public string FormatFloat(double number)
    {
        var precision = _precision ?? 6;
        var magnitude = Math.Abs(number);
        string raw = _type switch
        {
            'F' => Fixed(precision, magnitude, upper: true),
            'f' => Fixed(precision, magnitude, upper: false),
            'd' or 'b' or 'o' or 'x' or 'X' or 's' or 'c' => throw new KclRuntimeException($"Unknown format code '{_type}' for object of type 'float'"),
            'n' => throw new KclRuntimeException("Format code 'n' for object of type 'float' not implemented yet"),
            'G' => General(precision == 0 ? 1 : precision, magnitude, upper: true),
            'g' => General(precision == 0 ? 1 : precision, magnitude, upper: false),
            'E' => Exponent(precision, magnitude, upper: true),
            'e' => Exponent(precision, magnitude, upper: false),
            '%' => double.IsNaN(magnitude) ? "nan%" : double.IsInfinity(magnitude) ? "inf%" : ExactFixed(magnitude * 100.0, precision) + "%",
            _ => double.IsNaN(magnitude) ? "nan" : double.IsInfinity(magnitude) ? "inf" : FloatFormat.Kcl(magnitude),
        };
        var magnitudeText = AddSeparators(raw);
        var sign = double.IsNegative(number) && !double.IsNaN(number) ? "-" : SignFor();
        return Align(magnitudeText, sign);
    }

    private string SignFor() => _sign switch
    {
        '+' => "+",
        ' ' => " ",
        _ => string.Empty,
    };

    private string Align(string magnitude, string sign)
    {
        var fill = _fill ?? ' ';
        var needed = _width is { } width ? Math.Max(0, width - Encoding.UTF8.GetByteCount(magnitude) - sign.Length) : 0;
        var padding = new string(fill, needed);
        return (_align ?? '>') switch
        {
            '<' => sign + magnitude + padding,
            '=' => sign + padding + magnitude,
            '^' => new string(fill, needed / 2) + sign + magnitude + new string(fill, needed - (needed / 2)),
            _ => padding + sign + magnitude,
        };
    }

    private string AddSeparators(string magnitude)
    {
        if (_grouping is not { } separator)
        {
            return magnitude;
        }

        var interval = _type switch
        {
            'b' or 'o' or 'x' or 'X' => 4,
            'd' or 'n' or 'f' or 'F' or null => 3,
            _ => throw new KclRuntimeException("Separators only valid for numbers!"),
        };
        var point = magnitude.IndexOf('.', StringComparison.Ordinal);
        var integer = point < 0 ? magnitude : magnitude[..point];
        var builder = new StringBuilder(magnitude.Length + (integer.Length / interval));
        var remaining = integer.Length;
        foreach (var c in integer)
        {
            builder.Append(c);
            remaining--;
            if (remaining % interval == 0 && remaining > 0)
            {
                builder.Append(separator);
            }
        }

        if (point >= 0)
        {
            builder.Append(magnitude, point, magnitude.Length - point);
        }

        return builder.ToString();
    }

    private static string Fixed(int precision, double magnitude, bool upper)
    {
        if (double.IsNaN(magnitude))
        {
            return upper ? "NAN" : "nan";
        }

        if (double.IsInfinity(magnitude))
        {
            return upper ? "INF" : "inf";
        }

        return ExactFixed(magnitude, precision);
    }

    private static string Exponent(int precision, double magnitude, bool upper)
    {
        if (double.IsNaN(magnitude))
        {
            return upper ? "NAN" : "nan";
        }

        if (double.IsInfinity(magnitude))
        {
            return upper ? "INF" : "inf";
        }

        var (mantissa, exponent) = ExactExponent(magnitude, precision);
        return mantissa + (upper ? 'E' : 'e') + PythonExponent(exponent);
    }

    private static string General(int precision, double magnitude, bool upper)
    {
        if (double.IsNaN(magnitude))
        {
            return upper ? "NAN" : "nan";
        }

        if (double.IsInfinity(magnitude))
        {
            return upper ? "INF" : "inf";
        }

        var (mantissa, exponent) = ExactExponent(magnitude, precision - 1);
        if (exponent < -4 || exponent >= precision)
        {
            var truncated = mantissa.Length > precision + 1 ? mantissa[..(precision + 1)] : mantissa;
            return TrimFraction(truncated) + (upper ? 'E' : 'e') + PythonExponent(exponent);
        }

        return TrimFraction(ExactFixed(magnitude, precision - 1 - exponent));
    }

    private static string TrimFraction(string text)
    {
        if (!text.Contains('.', StringComparison.Ordinal))
        {
            return text;
        }

        text = text.TrimEnd('0');
        return text.EndsWith('.') ? text[..^1] : text;
    }

    /// <summary>Rust's <c>{:+#03}</c> on the exponent: a sign and at least two digits.</summary>
    private static string PythonExponent(int exponent) =>
        (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);

    private static string ToRadix(BigInteger value, int radix)
    {
        if (value.IsZero)
        {
            return "0";
        }

        var builder = new StringBuilder();
        while (!value.IsZero)
        {
            var digit = (int)(value % radix);
            builder.Insert(0, (char)(digit < 10 ? '0' + digit : 'a' + digit - 10));
            value /= radix;
        }

        return builder.ToString();
    }

    /// <summary>The exact decimal value of a finite non-negative double, rounded half-to-even to <paramref name="precision"/> places (Rust's <c>{:.N}</c>).</summary>
    internal static string ExactFixed(double value, int precision)
    {
        var (numerator, denominator) = Rational(value);
        var scaled = numerator * BigInteger.Pow(10, precision);
        var rounded = DivideRounded(scaled, denominator);
        var digits = rounded.ToString(CultureInfo.InvariantCulture);
        if (precision == 0)
        {
            return digits;
        }

        if (digits.Length <= precision)
        {
            digits = new string('0', precision - digits.Length + 1) + digits;
        }

        return digits[..^precision] + "." + digits[^precision..];
    }

    /// <summary>Rust's <c>{:.Ne}</c> mantissa (<c>1.50</c>) and decimal exponent for a finite non-negative double.</summary>
    internal static (string Mantissa, int Exponent) ExactExponent(double value, int precision)
    {
        if (value == 0)
        {
            return (precision == 0 ? "0" : "0." + new string('0', precision), 0);
        }

        var (numerator, denominator) = Rational(value);
        var exponent = (int)Math.Floor(Math.Log10(value));
        var limit = BigInteger.Pow(10, precision + 1);
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var shift = precision - exponent;
            var rounded = shift >= 0
                ? DivideRounded(numerator * BigInteger.Pow(10, shift), denominator)
                : DivideRounded(numerator, denominator * BigInteger.Pow(10, -shift));
            if (rounded >= limit)
            {
                exponent++;
                continue;
            }

            if (rounded < limit / 10)
            {
                exponent--;
                continue;
            }

            var digits = rounded.ToString(CultureInfo.InvariantCulture);
            var mantissa = precision == 0 ? digits : digits[..1] + "." + digits[1..];
            return (mantissa, exponent);
        }

        throw new InvalidOperationException("float exponent did not converge");
    }

    private static (BigInteger Numerator, BigInteger Denominator) Rational(double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        var exponentBits = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        int exponent;
        if (exponentBits == 0)
        {
            exponent = -1074;
        }
        else
        {
            mantissa |= 1L << 52;
            exponent = exponentBits - 1075;
        }

        return exponent >= 0
            ? (new BigInteger(mantissa) << exponent, BigInteger.One)
            : (new BigInteger(mantissa), BigInteger.One << -exponent);
    }

    private static BigInteger DivideRounded(BigInteger numerator, BigInteger denominator)
    {
        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        var twice = remainder * 2;
        var comparison = twice.CompareTo(denominator);
        if (comparison > 0 || (comparison == 0 && !quotient.IsEven))
        {
            quotient += 1;
        }

        return quotient;
    }
}
