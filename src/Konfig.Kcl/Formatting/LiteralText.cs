using System.Globalization;
using System.Text;
using Konfig.Kcl.Semantics;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Formatting;

/// <summary>How names, literals and operators are spelled in printed code.</summary>
internal static class LiteralText
{
    /// <summary>A name as written (a <c>$</c> that escapes a keyword is kept), or the plain name for built nodes.</summary>
    public static string Name(TextSpan span, string name)
    {
        if (span.File is { } file && span.Length == name.Length + 1 && file.Text[span.Start] == '$'
            && string.CompareOrdinal(file.Text, span.Start + 1, name, 0, name.Length) == 0)
        {
            return span.Text;
        }

        return name;
    }

    /// <summary>Strings print as written (quotes, prefix and escapes kept); a built literal is double-quoted.</summary>
    public static string String(StringLiteral literal) =>
        AsWritten(literal.Span) ?? (literal.IsLong ? "\"\"\"" + Escape(literal.Value, longString: true) + "\"\"\"" : DoubleQuote(literal.Value));

    public static string JoinedString(JoinedString joined)
    {
        if (AsWritten(joined.Span) is { } text)
        {
            return text;
        }

        // A built interpolation: literal parts escaped, values as ${expr}.
        var quote = joined.IsLong ? "\"\"\"" : "\"";
        var builder = new StringBuilder(quote);
        foreach (var part in joined.Parts)
        {
            builder.Append(part switch
            {
                StringLiteral literal => Escape(literal.Value, joined.IsLong).Replace("${", "\\${", StringComparison.Ordinal),
                FormattedValue formatted => KclPrinter.PrintExpression(formatted, 0, FormatOptions.Default),
                _ => string.Empty,
            });
        }

        return builder.Append(quote).ToString();
    }

    private static string? AsWritten(TextSpan span)
    {
        if (span.File is not { } file || span.Length < 2)
        {
            return null;
        }

        var first = file.Text[span.Start];
        var quoted = first is '"' or '\'' || (first is 'r' or 'R' && file.Text[span.Start + 1] is '"' or '\'');
        return quoted ? span.Text : null;
    }

    /// <summary><c>"value"</c> with the characters that would end or change the string escaped.</summary>
    public static string DoubleQuote(string value) => "\"" + Escape(value, longString: false) + "\"";

    private static string Escape(string value, bool longString)
    {
        var builder = new StringBuilder(value.Length + 2);
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n' when !longString:
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t' when !longString:
                    builder.Append("\\t");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>A string as Rust's <c>{:?}</c> writes it (the reference's quoting of attribute names).</summary>
    public static string DebugQuote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case '\0':
                    builder.Append("\\0");
                    break;
                default:
                    if (char.IsControl(c))
                    {
                        builder.Append("\\u{").Append(((int)c).ToString("x", CultureInfo.InvariantCulture)).Append('}');
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>Whether the text is a name or a dotted path of names (optionally <c>$</c>-escaped).</summary>
    public static bool IsIdentifierPath(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        var start = true;
        foreach (var c in text)
        {
            if (start)
            {
                if (!(char.IsLetter(c) || c is '_' or '$'))
                {
                    return false;
                }

                start = false;
            }
            else if (c == '.')
            {
                start = true;
            }
            else if (!(char.IsLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return !start;
    }

    /// <summary>
    /// Ints print in decimal with their unit suffix (<c>0x11</c> becomes <c>17</c>), as the reference does.
    /// Floats print in shortest round-trip form; unlike the reference, a float always keeps a decimal point
    /// (<c>1.0</c> stays <c>1.0</c>; the reference writes <c>1</c>, which turns the value into an int).
    /// </summary>
    public static string Number(NumberLiteral number) =>
        number.IsFloat ? Float(number.FloatValue) : number.IntValue.ToString(CultureInfo.InvariantCulture) + number.Suffix;

    /// <summary>A float in plain decimal notation (never an exponent), with at least one decimal.</summary>
    public static string Float(double value)
    {
        var text = KclType.FormatFloat(value);
        return double.IsFinite(value) && !text.Contains('.', StringComparison.Ordinal) ? text + ".0" : text;
    }

    public static string Constant(LiteralKind kind) => kind switch
    {
        LiteralKind.True => "True",
        LiteralKind.False => "False",
        LiteralKind.None => "None",
        _ => "Undefined",
    };
}
