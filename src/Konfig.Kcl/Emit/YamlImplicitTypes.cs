using System.Globalization;
using Konfig.Kcl.Modules;

namespace Konfig.Kcl.Emit;

/// <summary>
/// Whether a plain YAML scalar would read back as something other than a string, by the rules of
/// serde_yaml (null, bool, int in decimal/0x/0o/0b, Rust-syntax floats, .inf/.nan) plus the YAML 1.1
/// booleans (<c>yes</c>, <c>on</c>, <c>y</c>…) that KCL also quotes. Such strings are emitted quoted.
/// </summary>
internal static class YamlImplicitTypes
{
    public static bool NeedsQuotes(string s)
    {
        if (s.Length == 0)
        {
            return true;
        }

        // Fast path: only these first characters can start a null, bool or number.
        var first = s[0];
        switch (first)
        {
            case >= '0' and <= '9':
            case '+' or '-' or '.' or '~':
            case 'n' or 'N' or 't' or 'T' or 'f' or 'F' or 'y' or 'Y' or 'o' or 'O':
                break;
            default:
                return false;
        }

        if (s.Length <= 5 && IsNullOrBool(s))
        {
            return true;
        }

        return DigitsButNotNumber(s) || IsInteger(s) || IsFloat(s);
    }

    private static bool IsNullOrBool(string s) => s switch
    {
        "~" or "null" or "Null" or "NULL" => true,
        "true" or "True" or "TRUE" or "false" or "False" or "FALSE" => true,
        "y" or "Y" or "yes" or "Yes" or "YES" or "n" or "N" or "no" or "No" or "NO" => true,
        "on" or "On" or "ON" or "off" or "Off" or "OFF" => true,
        _ => false,
    };

    /// <summary>Leading zeros followed by digits (<c>007</c>): a string under YAML 1.2, quoted to stay one.</summary>
    public static bool DigitsButNotNumber(string s)
    {
        var start = s.Length > 0 && (s[0] == '-' || s[0] == '+') ? 1 : 0;
        if (s.Length - start <= 1 || s[start] != '0')
        {
            return false;
        }

        for (var i = start + 1; i < s.Length; i++)
        {
            if (s[i] is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsInteger(string s)
    {
        var span = s.AsSpan();
        var negative = false;
        if (span[0] == '+')
        {
            span = span[1..];
        }
        else if (span[0] == '-')
        {
            negative = true;
            span = span[1..];
        }

        if (span.Length == 0 || (!negative && s[0] == '+' && (span[0] == '+' || span[0] == '-')))
        {
            return false;
        }

        if (span.Length > 2 && span[0] == '0' && span[1] is 'x' or 'o' or 'b')
        {
            var digits = span[2..];
            if (digits.Length > 0 && digits[0] == '+' && !negative)
            {
                // Rust's from_str_radix accepts one leading '+', serde_yaml rejects it first.
                return false;
            }

            var radix = span[1] switch { 'x' => 16, 'o' => 8, _ => 2 };
            if (AllDigits(digits, radix))
            {
                return true;
            }
        }

        // Decimal: serde_yaml tries u64/u128/i64/i128; a longer number fails those but then reads
        // as a float, so every decimal integer short of float overflow needs quotes.
        return AllDigits(span, 10);
    }

    private static bool AllDigits(ReadOnlySpan<char> digits, int radix)
    {
        if (digits.Length == 0)
        {
            return false;
        }

        foreach (var c in digits)
        {
            var value = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'z' => c - 'a' + 10,
                >= 'A' and <= 'Z' => c - 'A' + 10,
                _ => 99,
            };
            if (value >= radix)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsFloat(string s)
    {
        var span = s.AsSpan();
        if (span[0] == '+')
        {
            span = span[1..];
            if (span.Length > 0 && (span[0] == '+' || span[0] == '-'))
            {
                return false;
            }
        }

        if (span is ".inf" or ".Inf" or ".INF" || s is "-.inf" or "-.Inf" or "-.INF" or ".nan" or ".NaN" or ".NAN")
        {
            return true;
        }

        // Rust's f64 grammar: sign? (digits ('.' digits?)? | '.' digits) (('e'|'E') sign? digits)?
        var unsigned = span.Length > 0 && (span[0] == '+' || span[0] == '-') ? span[1..] : span;
        if (!RustFloat.IsDecimalSyntax(unsigned))
        {
            return false;
        }

        // A float that overflows to infinity is not a float to serde_yaml: the text stays a plain string.
        return double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value);
    }
}
