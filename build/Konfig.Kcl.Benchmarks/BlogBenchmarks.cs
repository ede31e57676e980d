using BenchmarkDotNet.Attributes;
using Konfig.Kcl.Compilation;
using Konfig.Kcl.Evaluation;
using Konfig.Kcl.Text;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Benchmarks;

/// <summary>
/// Each stage, and the whole in-process run, on ../shared/bench/test.k: the KCL blog's 10,000-entry
/// program (a lambda called in a dict comprehension), the same one build/bench.sh times against Jsonnet.
/// </summary>
[Config(typeof(BenchmarkConfig.Blog))]
public class BlogBenchmarks
{
    private string _path = string.Empty;
    private SourceFile[] _file = [];
    private KclCase[] _case = [];
    private IReadOnlyList<KeyValuePair<string, KclValue>>[] _document = [];

    [GlobalSetup]
    public void Setup()
    {
        _path = BenchmarkInputs.BlogBenchmark ?? throw new InvalidOperationException("../shared/bench/test.k not found");
        _file = [new SourceFile(_path, File.ReadAllText(_path))];
        _case = [KclCase.Load(Path.GetDirectoryName(_path)!, _path, new ParseCache()) ?? throw new InvalidOperationException("test.k does not parse")];
        _document = [PipelineStages.Evaluate(_case)[0]!.Values];

        var sourceBytes = (long)_file[0].Text.Length;
        ThroughputColumn.Record(nameof(BlogBenchmarks), nameof(Lex), sourceBytes);
        ThroughputColumn.Record(nameof(BlogBenchmarks), nameof(Parse), sourceBytes);
        ThroughputColumn.Record(nameof(BlogBenchmarks), nameof(Emit), PipelineStages.Emit(_document));
    }

    [Benchmark]
    public int Lex() => PipelineStages.Lex(_file);

    [Benchmark]
    public int Parse() => PipelineStages.Parse(_file);

    [Benchmark]
    public IReadOnlyList<EvaluationResult?> Evaluate() => PipelineStages.Evaluate(_case);

    [Benchmark]
    public int Emit() => PipelineStages.Emit(_document);

    /// <summary>What <c>konfig kcl run test.k</c> does after start-up: read (cached), check, evaluate, emit.</summary>
    [Benchmark]
    public KclRunResult Run() => KclRunner.Run(new KclRunOptions { Files = [_path], WorkingDirectory = Path.GetDirectoryName(_path)! });
}
