using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Konfig.Kcl.Benchmarks;

/// <summary>
/// Characters per second through a stage: KCL source for the lexer, parser and evaluator, YAML produced
/// for the emitter. Benchmarks record their sizes in their setup.
/// </summary>
internal sealed class ThroughputColumn : IColumn
{
    private static readonly ConcurrentDictionary<string, long> Sizes = new(StringComparer.Ordinal);

    public string Id => nameof(ThroughputColumn);

    public string ColumnName => "Throughput";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => false;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Million characters per second: KCL source in (lexer, parser, evaluator), YAML out (emitter)";

    public static void Record(string type, string method, long characters) => Sizes[type + "." + method] = characters;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var key = benchmarkCase.Descriptor.Type.Name + "." + benchmarkCase.Descriptor.WorkloadMethod.Name;
        if (!Sizes.TryGetValue(key, out var characters) || summary[benchmarkCase]?.ResultStatistics is not { } statistics)
        {
            return "-";
        }

        var seconds = statistics.Mean / 1e9;
        return (characters / seconds / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " Mchar/s";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
