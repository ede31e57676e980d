using System.Globalization;
using System.Text;

namespace Konfig.Kcl.Parsing;

/// <summary>Where a string token's parts are, as absolute offsets into the source text.</summary>
internal readonly record struct StringLayout(bool IsRaw, bool IsLong, char Quote, int ContentStart, int ContentEnd);

/// <summary>Decodes string literal text: prefixes, quotes and escapes.</summary>
internal static class StringLiterals
{
    public static StringLayout Analyze(string text, int start, int end)
    {
        var isRaw = text[start] is 'r' or 'R';
        var quoteStart = isRaw ? start + 1 : start;
        var quote = text[quoteStart];
        var isLong = quoteStart + 2 < end && text[quoteStart + 1] == quote && text[quoteStart + 2] == quote;
        var contentStart = quoteStart + (isLong ? 3 : 1);

        // Find the closing quote(s) the way the lexer did (a backslash always skips the next character).
        var i = contentStart;
        var contentEnd = end;
        while (i < end)
        {
            var c = text[i];
            if (c == '\\')
            {
                i += 2;
                continue;
            }

            if (c == quote && (!isLong || (i + 2 < end && text[i + 1] == quote && text[i + 2] == quote)))
            {
                contentEnd = i;
                break;
            }

            i++;
        }

        if (contentEnd > end)
        {
            contentEnd = end;
        }

        return new StringLayout(isRaw, isLong, quote, contentStart, Math.Max(contentStart, contentEnd));
    }

    /// <summary>
    /// Appends the value of <c>text[start..end)</c> with escapes decoded (KCL follows Python's escapes;
    /// <c>\$</c> is a literal dollar that does not start an interpolation). Returns false on a malformed escape.
    /// </summary>
    public static bool Decode(string text, int start, int end, bool isRaw, StringBuilder builder)
    {
        var ok = true;
        var i = start;
        while (i < end)
        {
            var c = text[i];
            if (c != '\\')
            {
                builder.Append(c);
                i++;
                continue;
            }

            if (i + 1 >= end)
            {
                builder.Append('\\');
                return false;
            }

            var next = text[i + 1];
            if (isRaw)
            {
                builder.Append('\\').Append(next);
                i += 2;
                continue;
            }

            i += 2;
            switch (next)
            {
                case '\\': builder.Append('\\'); break;
                case '\'': builder.Append('\''); break;
                case '"': builder.Append('"'); break;
                case '$': builder.Append('$'); break;
                case '\n': break;
                case '\r':
                    if (i < end && text[i] == '\n')
                    {
                        i++;
                    }

                    break;
                case 'a': builder.Append('\a'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'v': builder.Append('\v'); break;
                case >= '0' and <= '7':
                    {
                        var value = next - '0';
                        for (var n = 0; n < 2 && i < end && text[i] is >= '0' and <= '7'; n++, i++)
                        {
                            value = (value * 8) + (text[i] - '0');
                        }

                        builder.Append((char)value);
                        break;
                    }

                case 'x':
                    ok &= AppendHex(text, ref i, end, 2, builder);
                    break;
                case 'u':
                    ok &= AppendHex(text, ref i, end, 4, builder);
                    break;
                case 'U':
                    ok &= AppendHex(text, ref i, end, 8, builder);
                    break;
                default:
                    // Unknown escapes (and \N{...}, which needs the Unicode name table) stay as written.
                    builder.Append('\\').Append(next);
                    break;
            }
        }

        return ok;
    }

    private static bool AppendHex(string text, ref int i, int end, int digits, StringBuilder builder)
    {
        if (i + digits > end || !int.TryParse(text.AsSpan(i, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        i += digits;
        if (value is >= 0xD800 and <= 0xDFFF)
        {
            builder.Append('\uFFFD');
        }
        else if (value > 0x10FFFF || value < 0)
        {
            return false;
        }
        else
        {
            builder.Append(char.ConvertFromUtf32(value));
        }

        return true;
    }
}
