using BenchmarkDotNet.Attributes;
using Konfig.Kcl.Compilation;
using Konfig.Kcl.Evaluation;
using Konfig.Kcl.Text;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Benchmarks;

/// <summary>
/// Each stage over the whole conformance corpus (../shared/kcl-conformance and kcl-snapshots): every
/// <c>.k</c> file lexed and parsed, every case evaluated, every successful result emitted as YAML.
/// </summary>
[Config(typeof(BenchmarkConfig.Corpus))]
public class CorpusBenchmarks
{
    // Preparing the corpus (copy, probe, evaluate once) takes a while: done once per process, not per benchmark.
    private static readonly Lazy<Corpus> Prepared = new(Corpus.Prepare);

    private Corpus _corpus = null!;

    [GlobalSetup]
    public void Setup()
    {
        _corpus = Prepared.Value;
        var sourceChars = _corpus.Files.Sum(file => (long)file.Text.Length);
        ThroughputColumn.Record(nameof(CorpusBenchmarks), nameof(Lex), sourceChars);
        ThroughputColumn.Record(nameof(CorpusBenchmarks), nameof(Parse), sourceChars);
        ThroughputColumn.Record(nameof(CorpusBenchmarks), nameof(Evaluate), _corpus.Cases.Sum(c => c.Main.Modules.Sum(m => (long)m.File.Text.Length)));
        ThroughputColumn.Record(nameof(CorpusBenchmarks), nameof(Emit), PipelineStages.Emit(_corpus.Documents));
    }

    [Benchmark]
    public int Lex() => PipelineStages.Lex(_corpus.Files);

    [Benchmark]
    public int Parse() => PipelineStages.Parse(_corpus.Files);

    [Benchmark]
    public IReadOnlyList<EvaluationResult?> Evaluate() => PipelineStages.Evaluate(_corpus.Cases);

    [Benchmark]
    public int Emit() => PipelineStages.Emit(_corpus.Documents);

    /// <summary>The corpus in memory, from a scratch copy (cases write files into their folders) deleted at exit.</summary>
    private sealed record Corpus(SourceFile[] Files, KclCase[] Cases, IReadOnlyList<KeyValuePair<string, KclValue>>[] Documents)
    {
        public static Corpus Prepare()
        {
            var scratch = ScratchCorpus.Of(BenchmarkInputs.CorpusFolders);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => scratch.Dispose();

            SourceFile[] files = [.. Directory.EnumerateFiles(scratch.Root, "*.k", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal)
                .Select(path => new SourceFile(path, File.ReadAllText(path)))];

            var mainFiles = Directory.EnumerateFiles(scratch.Root, "main.k", SearchOption.AllDirectories)
                .Where(IsCase)
                .Order(StringComparer.Ordinal)
                .ToList();
            var finishing = CaseProbe.FinishingCases(mainFiles);
            var cache = new ParseCache();
            KclCase[] cases = [.. mainFiles
                .Where(finishing.Contains)
                .Select(main => KclCase.Load(Path.GetDirectoryName(main)!, main, cache))
                .OfType<KclCase>()];

            IReadOnlyList<KeyValuePair<string, KclValue>>[] documents = [.. PipelineStages.Evaluate(cases)
                .Where(result => result is { Values.Count: > 0 } && result.Diagnostics.IsDefaultOrEmpty)
                .Select(result => result!.Values)];

            Console.WriteLine($"// Corpus: {files.Length} .k files ({files.Sum(f => (long)f.Text.Length):N0} chars); {cases.Length} of"
                + $" {mainFiles.Count} cases evaluated (the others have syntax errors or do not finish); {documents.Length} results emitted");
            return new Corpus(files, cases, documents);
        }

        /// <summary>A case folder has a golden file beside its main.k (folders without one are imported helpers).</summary>
        private static bool IsCase(string mainFile)
        {
            var folder = Path.GetDirectoryName(mainFile)!;
            return File.Exists(Path.Combine(folder, "stdout.golden")) || File.Exists(Path.Combine(folder, "stderr.golden"));
        }
    }
}
