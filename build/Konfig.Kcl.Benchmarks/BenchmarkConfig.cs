using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Konfig.Kcl.Benchmarks;

/// <summary>
/// In-process jobs: no generated project to build (it would inherit the repository's central package
/// versions and warnings-as-errors), and a whole-corpus operation is long enough to need few iterations.
/// </summary>
internal static class BenchmarkConfig
{
    public sealed class Corpus : ManualConfig
    {
        public Corpus() => Configure(this, warmups: 1, iterations: 5);
    }

    public sealed class Blog : ManualConfig
    {
        public Blog() => Configure(this, warmups: 3, iterations: 15);
    }

    private static void Configure(ManualConfig config, int warmups, int iterations)
    {
        config.AddJob(Job.Default
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true))
            .WithWarmupCount(warmups)
            .WithIterationCount(iterations)
            .WithGcServer(false)
            .WithGcConcurrent(false));
        config.AddDiagnoser(MemoryDiagnoser.Default);
        config.AddColumn(new ThroughputColumn());
    }
}
