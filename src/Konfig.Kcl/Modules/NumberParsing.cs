using System.Globalization;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Modules;

/// <summary>Rust's <c>str::parse::&lt;f64&gt;</c>: sign, digits with an optional point and exponent, or inf/infinity/nan.</summary>
internal static class RustFloat
{
    public static bool TryParse(string text, out double value)
    {
        value = 0;
        var span = text.AsSpan();
        var negative = false;
        if (span.Length > 0 && (span[0] == '+' || span[0] == '-'))
        {
            negative = span[0] == '-';
            span = span[1..];
        }

        if (span.Equals("inf", StringComparison.OrdinalIgnoreCase) || span.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        if (span.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        if (!IsDecimalSyntax(span) || !double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        if (negative)
        {
            value = -value;
        }

        return true;
    }

    /// <summary>Unsigned decimal syntax, the whole span: (digits ('.' digits?)? | '.' digits) (('e'|'E') sign? digits)?.</summary>
    public static bool IsDecimalSyntax(ReadOnlySpan<char> span)
    {
        var i = 0;
        var digits = 0;
        while (i < span.Length && char.IsAsciiDigit(span[i]))
        {
            i++;
            digits++;
        }

        if (i < span.Length && span[i] == '.')
        {
            i++;
            while (i < span.Length && char.IsAsciiDigit(span[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < span.Length && (span[i] == 'e' || span[i] == 'E'))
        {
            i++;
            if (i < span.Length && (span[i] == '+' || span[i] == '-'))
            {
                i++;
            }

            var exponentDigits = 0;
            while (i < span.Length && char.IsAsciiDigit(span[i]))
            {
                i++;
                exponentDigits++;
            }

            if (exponentDigits == 0)
            {
                return false;
            }
        }

        return i == span.Length;
    }
}

/// <summary>Rust's <c>i64::from_str_radix</c>.</summary>
internal static class RustInt
{
    public static long? ParseRadix(string text, int radix)
    {
        if (radix is < 2 or > 36)
        {
            throw new KclRuntimeException($"from_str_radix_int: must lie in the range `[2, 36]` - found {radix}");
        }

        var span = text.AsSpan();
        var negative = false;
        if (span.Length > 0 && (span[0] == '+' || span[0] == '-'))
        {
            negative = span[0] == '-';
            span = span[1..];
        }

        if (span.Length == 0)
        {
            return null;
        }

        Int128 result = 0;
        foreach (var c in span)
        {
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'z' => c - 'a' + 10,
                >= 'A' and <= 'Z' => c - 'A' + 10,
                _ => 99,
            };
            if (digit >= radix)
            {
                return null;
            }

            result = (result * radix) + digit;
            if (result > (Int128)long.MaxValue + 1)
            {
                return null;
            }
        }

        if (negative)
        {
            result = -result;
        }

        return result < long.MinValue || result > long.MaxValue ? null : (long)result;
    }

    /// <summary>The message Rust's <c>unwrap()</c> of a failed i64 parse panics with.</summary>
    public static string UnwrapMessage(string text)
    {
        var span = text.AsSpan();
        var kind = "InvalidDigit";
        if (span.Length == 0)
        {
            kind = "Empty";
        }
        else
        {
            var negative = span[0] == '-';
            var body = span[0] is '+' or '-' ? span[1..] : span;
            if (body.Length == 0)
            {
                kind = "InvalidDigit";
            }
            else
            {
                var allDigits = true;
                foreach (var c in body)
                {
                    allDigits &= char.IsAsciiDigit(c);
                }

                if (allDigits)
                {
                    kind = negative ? "NegOverflow" : "PosOverflow";
                }
            }
        }

        return $"called `Result::unwrap()` on an `Err` value: ParseIntError {{ kind: {kind} }}";
    }
}
