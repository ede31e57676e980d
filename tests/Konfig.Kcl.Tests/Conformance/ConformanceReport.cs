using System.Globalization;
using System.Text;

namespace Konfig.Kcl.Tests.Conformance;

/// <summary>
/// Renders a run as Markdown: pass rates per top-level category (stdout and stderr cases apart), totals,
/// how the run differs from known-failures.txt, and every failing case with its kind and first difference.
/// </summary>
internal static class ConformanceReport
{
    private const int ListedInOutput = 40;

    public static string Summary(string title, IReadOnlyList<CaseResult> results, BaselineComparison comparison, int listLimit = ListedInOutput)
    {
        var builder = new StringBuilder();
        builder.Append("## ").Append(title).Append("\n\n");
        AppendCategoryTable(builder, results);
        AppendKinds(builder, results);
        AppendList(builder, "Regressions: failing, not in known-failures.txt", comparison.Regressions.Select(Line), listLimit);
        AppendList(builder, "Now passing: remove them from known-failures.txt", comparison.NowPassing, listLimit);
        AppendList(builder, "Stale known-failures.txt entries: no such case", comparison.Stale, listLimit);
        return builder.ToString();
    }

    /// <summary>The summary plus every failing case.</summary>
    public static string Section(string title, IReadOnlyList<CaseResult> results, BaselineComparison comparison)
    {
        var builder = new StringBuilder(Summary(title, results, comparison, int.MaxValue));
        var failures = results.Where(r => !r.Passed).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        if (failures.Count > 0)
        {
            builder.Append("### All failing cases\n\n| case | kind | detail |\n| --- | --- | --- |\n");
            foreach (var failure in failures)
            {
                builder.Append("| ").Append(failure.Id).Append(" | ").Append(CaseResult.KindName(failure.Failure))
                    .Append(" | ").Append(Cell(failure.Detail)).Append(" |\n");
            }

            builder.Append('\n');
        }

        return builder.ToString();
    }

    private static void AppendCategoryTable(StringBuilder builder, IReadOnlyList<CaseResult> results)
    {
        builder.Append("| category | stdout | stderr | all | rate |\n| --- | ---: | ---: | ---: | ---: |\n");
        foreach (var group in results.GroupBy(r => r.Category).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            AppendRow(builder, group.Key, group.ToList());
        }

        AppendRow(builder, "**total**", results);
        builder.Append('\n');
    }

    private static void AppendRow(StringBuilder builder, string name, IReadOnlyList<CaseResult> results)
    {
        string Ratio(IEnumerable<CaseResult> subset)
        {
            var list = subset.ToList();
            return list.Count == 0 ? "-" : $"{list.Count(r => r.Passed)}/{list.Count}";
        }

        builder.Append("| ").Append(name)
            .Append(" | ").Append(Ratio(results.Where(r => r.Expect == Expectation.Stdout)))
            .Append(" | ").Append(Ratio(results.Where(r => r.Expect == Expectation.Stderr)))
            .Append(" | ").Append(Ratio(results))
            .Append(" | ").Append(Rate(results.Count(r => r.Passed), results.Count))
            .Append(" |\n");
    }

    private static void AppendKinds(StringBuilder builder, IReadOnlyList<CaseResult> results)
    {
        var kinds = results.Where(r => !r.Passed)
            .GroupBy(r => r.Failure)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
            .Select(g => $"{CaseResult.KindName(g.Key)} {g.Count()}")
            .ToList();
        if (kinds.Count > 0)
        {
            builder.Append("Failures by kind: ").Append(string.Join(", ", kinds)).Append(".\n\n");
        }

        var slowest = results.MaxBy(r => r.Elapsed);
        if (slowest is not null)
        {
            builder.Append(CultureInfo.InvariantCulture, $"Slowest case: {slowest.Id} ({slowest.Elapsed.TotalMilliseconds:0} ms).\n\n");
        }
    }

    private static void AppendList(StringBuilder builder, string heading, IEnumerable<string> items, int limit)
    {
        var list = items.ToList();
        if (list.Count == 0)
        {
            return;
        }

        builder.Append("### ").Append(heading).Append(CultureInfo.InvariantCulture, $" ({list.Count})\n\n");
        foreach (var item in list.Take(limit))
        {
            builder.Append("- ").Append(item).Append('\n');
        }

        if (list.Count > limit)
        {
            builder.Append(CultureInfo.InvariantCulture, $"- … and {list.Count - limit} more (see the report file)\n");
        }

        builder.Append('\n');
    }

    private static string Line(CaseResult result) => $"{result.Id}: {CaseResult.KindName(result.Failure)}: {result.Detail}";

    public static string Rate(int passed, int total) =>
        total == 0 ? "-" : (100.0 * passed / total).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Cell(string text)
    {
        var single = text.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal);
        return single.Length <= 200 ? single : single[..197] + "...";
    }
}
