using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Tests.Formatting;

/// <summary>
/// A canonical text of a syntax tree without positions: node kinds and every value they hold. Two sources
/// with equal dumps mean the same program (comments and layout aside).
/// </summary>
internal static class SyntaxDump
{
    public static string Of(SyntaxNode node)
    {
        var builder = new StringBuilder();
        Append(builder, node);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case null:
                builder.Append("null");
                break;
            case string text:
                builder.Append('"').Append(text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                break;
            case double number:
                builder.Append(number.ToString("R", CultureInfo.InvariantCulture)).Append('d');
                break;
            case IFormattable formattable:
                builder.Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            case bool flag:
                builder.Append(flag ? "true" : "false");
                break;
            case IEnumerable items:
                builder.Append('[');
                foreach (var item in items)
                {
                    Append(builder, item);
                    builder.Append(',');
                }

                builder.Append(']');
                break;
            default:
                AppendObject(builder, value);
                break;
        }
    }

    private static void AppendObject(StringBuilder builder, object value)
    {
        var type = value.GetType();
        builder.Append(type.Name).Append('(');
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (property.PropertyType == typeof(TextSpan) || property.PropertyType == typeof(SourceFile) || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            builder.Append(property.Name).Append('=');
            Append(builder, property.GetValue(value));
            builder.Append(' ');
        }

        builder.Append(')');
    }
}
