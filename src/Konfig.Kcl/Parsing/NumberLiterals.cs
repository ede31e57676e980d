using System.Globalization;

namespace Konfig.Kcl.Parsing;

/// <summary>Reads number token text: bases, underscores, floats and unit suffixes.</summary>
internal static class NumberLiterals
{
    /// <summary>The unit suffixes KCL accepts after an integer (SI and IEC multipliers).</summary>
    public static bool IsValidSuffix(ReadOnlySpan<char> suffix) => suffix switch
    {
        "n" or "u" or "m" or "k" or "K" or "M" or "G" or "T" or "P" or "Ki" or "Mi" or "Gi" or "Ti" or "Pi" => true,
        _ => false,
    };

    /// <summary>Splits the digits from a trailing unit suffix.</summary>
    public static (string Digits, string? Suffix) SplitSuffix(string text)
    {
        var i = 0;
        if (text.Length > 1 && text[0] == '0' && text[1] is 'x' or 'X' or 'o' or 'O' or 'b' or 'B')
        {
            var hex = text[1] is 'x' or 'X';
            i = 2;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '_' || (hex && char.IsAsciiHexDigit(text[i]))))
            {
                i++;
            }
        }
        else
        {
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] is '_' or '.'))
            {
                i++;
            }

            if (i < text.Length && text[i] is 'e' or 'E')
            {
                var j = i + 1;
                if (j < text.Length && text[j] is '+' or '-')
                {
                    j++;
                }

                if (j < text.Length && char.IsAsciiDigit(text[j]))
                {
                    i = j;
                    while (i < text.Length && char.IsAsciiDigit(text[i]))
                    {
                        i++;
                    }
                }
            }
        }

        return i == text.Length ? (text, null) : (text[..i], text[i..]);
    }

    public static bool TryParseInt(string digits, out long value)
    {
        var clean = digits.Contains('_', StringComparison.Ordinal) ? digits.Replace("_", string.Empty, StringComparison.Ordinal) : digits;
        value = 0;
        if (clean.Length > 2 && clean[0] == '0' && clean[1] is 'x' or 'X' or 'o' or 'O' or 'b' or 'B')
        {
            var numberBase = clean[1] switch
            {
                'x' or 'X' => 16,
                'o' or 'O' => 8,
                _ => 2,
            };
            ulong result = 0;
            for (var i = 2; i < clean.Length; i++)
            {
                var d = clean[i] switch
                {
                    >= '0' and <= '9' => clean[i] - '0',
                    >= 'a' and <= 'f' => clean[i] - 'a' + 10,
                    >= 'A' and <= 'F' => clean[i] - 'A' + 10,
                    _ => 99,
                };
                if (d >= numberBase)
                {
                    return false;
                }

                if (result > (ulong.MaxValue - (ulong)d) / (ulong)numberBase)
                {
                    return false;
                }

                result = (result * (ulong)numberBase) + (ulong)d;
            }

            if (result > long.MaxValue)
            {
                return false;
            }

            value = (long)result;
            return true;
        }

        // Like the reference (and C), a leading zero means octal: 0777 is 511.
        if (clean.Length > 1 && clean[0] == '0')
        {
            var octal = clean.TrimStart('0');
            return octal.Length == 0 || TryParseInt("0o" + octal, out value);
        }

        return long.TryParse(clean, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryParseFloat(string digits, out double value)
    {
        var clean = digits.Contains('_', StringComparison.Ordinal) ? digits.Replace("_", string.Empty, StringComparison.Ordinal) : digits;
        return double.TryParse(clean, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value);
    }
}
