using Konfig.Kcl.Syntax;

namespace Konfig.Kcl.Formatting;

/// <summary>
/// Prints single syntax nodes in the formatter's layout, for tools that insert or replace code in a file
/// (e.g. <c>konfig rewrite</c>) and want the result to look as <c>konfig fmt</c> would write it.
/// <para>
/// The text starts at the node itself (no leading indentation): the caller places it after whatever precedes
/// it on the line. Continuation lines (the items of a multi-line config, the closing brace) are indented for
/// a node that sits at <c>indentLevel</c> levels, so <c>{</c> written at level 1 closes with one indent before
/// <c>}</c>. No trailing line break is added.
/// </para>
/// <para>
/// Layout follows the reference printer: a config or list stays on one line when all its items start on the
/// same source line, and breaks one item per line otherwise. Nodes parsed from text (e.g. with
/// <see cref="Parsing.KclParser"/>) keep the line structure of that text, and string literals print as they
/// were written there; nodes built without a source (default spans) print on one line with double-quoted strings.
/// Comments are not printed: they belong to files, and <see cref="KclFormatter"/> places them.
/// </para>
/// </summary>
public static class KclPrinter
{
    /// <summary>The expression's text, as it would appear at <paramref name="indentLevel"/> in a formatted file.</summary>
    public static string PrintExpression(Expression expression, int indentLevel = 0, FormatOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return NewPrinter(indentLevel, options).PrintExpression(expression);
    }

    /// <summary>
    /// The expression's text when it is written into a file at source line <paramref name="line"/>, as the
    /// reference printer does for values it splices into a file (override values): a collection whose items
    /// come from another line than the one being printed breaks one item per line. Values parsed from a
    /// one-line spec therefore stay on one line only when written on line 1.
    /// </summary>
    public static string PrintExpressionAtLine(Expression expression, int indentLevel, int line, FormatOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentOutOfRangeException.ThrowIfNegative(line);
        return NewPrinter(indentLevel, options, line).PrintExpression(expression);
    }

    /// <summary>
    /// A config entry (<c>key: value</c>, <c>key = value</c>, <c>**value</c>) or an if-entry, as it would appear as
    /// an item of a multi-line config whose items sit at <paramref name="indentLevel"/>.
    /// </summary>
    public static string PrintConfigItem(ConfigItem item, int indentLevel = 0, FormatOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        return NewPrinter(indentLevel, options).PrintConfigItem(item);
    }

    /// <summary>
    /// A statement (an assignment, a schema, an if block…) as it would appear at <paramref name="indentLevel"/>,
    /// without its final line break. Blocks may end with the blank line the formatter puts after them trimmed.
    /// </summary>
    public static string PrintStatement(Statement statement, int indentLevel = 0, FormatOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return NewPrinter(indentLevel, options).PrintStatement(statement);
    }

    private static SyntaxPrinter NewPrinter(int indentLevel, FormatOptions? options, int line = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(indentLevel);
        return new SyntaxPrinter(options ?? FormatOptions.Default, CommentQueue.None(), tokens: null, indentLevel, line);
    }
}
