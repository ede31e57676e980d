using System.Globalization;
using System.Text;
using Konfig.Kcl.Syntax;

namespace Konfig.Kcl.Formatting;

/// <summary>A type annotation as the reference prints it: <c>{K:V}</c> without spaces, <c> | </c> between union members.</summary>
internal static class TypeText
{
    public static string Of(TypeNode type)
    {
        var builder = new StringBuilder();
        Append(builder, type);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, TypeNode? type)
    {
        switch (type)
        {
            case null:
                break;
            case NamedType named:
                builder.Append(named.FullName);
                break;
            case ListType list:
                builder.Append('[');
                Append(builder, list.Element);
                builder.Append(']');
                break;
            case DictType dict:
                builder.Append('{');
                Append(builder, dict.Key);
                builder.Append(':');
                Append(builder, dict.Value);
                builder.Append('}');
                break;
            case UnionType union:
                for (var i = 0; i < union.Types.Length; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(" | ");
                    }

                    Append(builder, union.Types[i]);
                }

                break;
            case LiteralType literal:
                builder.Append(Literal(literal));
                break;
            case FunctionType function:
                builder.Append('(');
                for (var i = 0; i < function.Parameters.Length; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }

                    Append(builder, function.Parameters[i]);
                }

                builder.Append(')');
                if (function.Return is not null)
                {
                    builder.Append(" -> ");
                    Append(builder, function.Return);
                }

                break;
        }
    }

    private static string Literal(LiteralType literal) => literal.Value switch
    {
        null => "None",
        bool value => value ? "True" : "False",
        long value => value.ToString(CultureInfo.InvariantCulture) + literal.Suffix,
        double value => LiteralText.Float(value),
        string value => LiteralText.DoubleQuote(value),
        _ => Convert.ToString(literal.Value, CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
