using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Konfig.Kcl.Syntax;

namespace Konfig.Rewrite.Overrides;

/// <summary>How override paths meet the syntax tree: config keys as path parts, names as text, keys as KCL text.</summary>
internal static partial class SyntaxPaths
{
    /// <summary>
    /// The path parts a config key stands for: a name, a dotted name (<c>a.b.c: v</c> is KCL's
    /// shorthand for nested configs) or a string. Other keys (computed ones, <c>**</c> unpacking) match nothing.
    /// </summary>
    public static ImmutableArray<string> KeyParts(Expression? key) => key switch
    {
        NameExpression name => [name.Name],
        StringLiteral literal => [literal.Value],
        SelectorExpression { IsOptional: false } selector when DottedName(selector) is { } dotted => [.. dotted.Split('.')],
        _ => [],
    };

    /// <summary><c>a</c> or <c>a.b.c</c> as text; null for any other expression.</summary>
    public static string? DottedName(Expression expression) => expression switch
    {
        NameExpression name => name.Name,
        SelectorExpression { IsOptional: false } selector when DottedName(selector.Value) is { } prefix => $"{prefix}.{selector.Attribute.Name}",
        _ => null,
    };

    /// <summary>The config a value holds: a config literal, or a schema instance's config.</summary>
    public static ConfigExpression? ConfigOf(Expression expression) => expression switch
    {
        ConfigExpression config => config,
        SchemaExpression schema => schema.Config,
        _ => null,
    };

    /// <summary>A config key as KCL text: bare when it is an identifier, quoted otherwise (<c>"dot.key"</c>).</summary>
    public static string KeyText(string part) => Identifier().IsMatch(part) ? part : OverrideValue.QuoteAsString(part);

    public static string OperatorText(OverrideOperation operation) => operation switch
    {
        OverrideOperation.Union => ": ",
        OverrideOperation.Append => " += ",
        _ => " = ",
    };

    public static OverrideOperation FromConfigOperation(ConfigOperation operation) => operation switch
    {
        ConfigOperation.Union => OverrideOperation.Union,
        ConfigOperation.Insert => OverrideOperation.Append,
        _ => OverrideOperation.Assign,
    };

    [GeneratedRegex("^\\$?[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();
}
