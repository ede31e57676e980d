using Konfig.Kcl.Parsing;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Text;

namespace Konfig.Rewrite.Overrides;

/// <summary>
/// A spec's value parsed as a KCL expression, from a tiny synthetic source. As in KCL, a value that
/// parses as a unary or binary expression is taken as a string (<c>image=nginx/nginx</c> means the
/// string "nginx/nginx"), and text after a complete expression is ignored.
/// </summary>
internal sealed record OverrideValue(Expression Expression)
{
    private const string Prefix = "__override_value__ = ";

    public static (OverrideValue? Value, string? Error) Parse(OverrideSpec spec)
    {
        var (expression, error) = ParseExpression(spec.Value);
        if (expression is null)
        {
            return (null, $"Invalid value in spec '{spec.Text}': {error}");
        }

        if (expression is UnaryExpression or BinaryExpression)
        {
            (expression, error) = ParseExpression(QuoteAsString(spec.Value));
            if (expression is null)
            {
                return (null, $"Invalid value in spec '{spec.Text}': {error}");
            }
        }

        return (new OverrideValue(expression), null);
    }

    private static (Expression? Expression, string? Error) ParseExpression(string value)
    {
        var source = new SourceFile("<override value>", Prefix + value + "\n");
        var parsed = KclParser.Parse(source);
        if (parsed.Module.Body is not [AssignStatement { Value: var expression }, ..] || expression is BadExpression)
        {
            return (null, parsed.Diagnostics.FirstOrDefault()?.Message ?? "not an expression");
        }

        // An error inside the value, or at its end (an unclosed bracket), makes it invalid; one on
        // text after a complete expression is trailing text, which KCL ignores too.
        var firstError = parsed.Diagnostics.FirstOrDefault();
        if (firstError is not null)
        {
            var offset = firstError.Location is { } location ? source.GetOffset(location.Line, Math.Max(location.Column, 1)) : int.MaxValue;
            if (offset < expression.Span.End || offset >= Prefix.Length + value.TrimEnd().Length)
            {
                return (null, firstError.Message);
            }
        }

        return (expression, null);
    }

    /// <summary>A KCL string literal holding the text, escaped the way KCL's own conversion does.</summary>
    internal static string QuoteAsString(string text)
    {
        var builder = new System.Text.StringBuilder("\"");
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }
}
