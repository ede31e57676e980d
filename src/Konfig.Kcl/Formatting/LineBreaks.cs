using System.Collections.Immutable;
using Konfig.Kcl.Syntax;

namespace Konfig.Kcl.Formatting;

/// <summary>
/// Predicts whether an expression prints over several lines, without printing it. Not in the reference:
/// it keeps a one-line collection from holding an item that breaks before another item (the reference
/// prints <c>[{\n a = 1\n}, {…}]</c>, which its next run lays out differently), so formatting is idempotent.
/// </summary>
internal static class LineBreaks
{
    /// <summary>Whether a collection that fits on one line by the source rule must still break: an if-item, or an item other than the last that spans lines.</summary>
    public static bool ItemsForceBreak<T>(ImmutableArray<T> items, Func<T, bool> isConditional, Func<T, bool> breaks)
    {
        for (var i = 0; i < items.Length; i++)
        {
            if (isConditional(items[i]) || (i < items.Length - 1 && breaks(items[i])))
            {
                return true;
            }
        }

        return false;
    }

    public static bool Breaks(Expression? expression) => expression switch
    {
        null => false,
        LambdaExpression or ListIfItem => true,
        StringLiteral or JoinedString => expression.Span.File is not null && expression.Span.Text.Contains('\n', StringComparison.Ordinal),
        ConfigExpression config => ConfigBreaks(config),
        ListExpression list => ListBreaks(list),
        SchemaExpression schema => ConfigBreaks(schema.Config) || schema.Arguments.Any(Breaks) || schema.Keywords.Any(k => Breaks(k.Value)),
        QuantifierExpression quantifier => Line(quantifier.Test) != Line(quantifier) || Breaks(quantifier.Iterable) || Breaks(quantifier.Test) || Breaks(quantifier.Condition),
        CallExpression call => Breaks(call.Function) || call.Arguments.Any(Breaks) || call.Keywords.Any(k => Breaks(k.Value)),
        BinaryExpression binary => Breaks(binary.Left) || Breaks(binary.Right),
        CompareExpression compare => Breaks(compare.Left) || compare.Comparators.Any(Breaks),
        UnaryExpression unary => Breaks(unary.Operand),
        ParenthesizedExpression parenthesized => Breaks(parenthesized.Inner),
        SelectorExpression selector => Breaks(selector.Value),
        IndexExpression index => Breaks(index.Value) || Breaks(index.Index),
        SliceExpression slice => Breaks(slice.Value) || Breaks(slice.Lower) || Breaks(slice.Upper) || Breaks(slice.Step),
        IfExpression conditional => Breaks(conditional.Body) || Breaks(conditional.Condition) || Breaks(conditional.OrElse),
        StarredExpression starred => Breaks(starred.Value),
        AsExpression cast => Breaks(cast.Value),
        ListComprehension comprehension => Breaks(comprehension.Element) || ClausesBreak(comprehension.Clauses),
        DictComprehension comprehension => Breaks(comprehension.Key) || Breaks(comprehension.Value) || ClausesBreak(comprehension.Clauses),
        _ => false,
    };

    private static bool ClausesBreak(ImmutableArray<ComprehensionClause> clauses) =>
        clauses.Any(c => Breaks(c.Iterable) || c.Conditions.Any(Breaks));

    private static bool ConfigBreaks(ConfigExpression config)
    {
        if (config.Items.IsEmpty)
        {
            return false;
        }

        if (!OnOneSourceLine(config, config.Items) || config.Items is [ConfigIfEntry or ConfigEntry { Value: ConfigExpression or SchemaExpression }])
        {
            return true;
        }

        return config.Items.Any(item => item switch
        {
            ConfigEntry entry => Breaks(entry.Key) || Breaks(entry.Value),
            _ => true,
        });
    }

    private static bool ListBreaks(ListExpression list) =>
        !OnOneSourceLine(list, list.Items) || list.Items.Any(Breaks);

    private static bool OnOneSourceLine<T>(Expression collection, ImmutableArray<T> items)
        where T : SyntaxNode
    {
        var line = Line(collection);
        foreach (var item in items)
        {
            var itemLine = Line(item);
            if (itemLine > 0 && line > 0 && itemLine != line)
            {
                return false;
            }
        }

        return true;
    }

    private static int Line(SyntaxNode node) => node.Span.File is null ? 0 : node.Span.StartPosition.Line;
}
