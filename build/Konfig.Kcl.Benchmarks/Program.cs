using BenchmarkDotNet.Running;
using Konfig.Kcl.Benchmarks;

if (args is [CaseProbe.Argument])
{
    return CaseProbe.Run();
}

// Benchmarks whose inputs are missing (no ../shared) are left out, saying so, rather than failing.
var types = new List<Type>();
if (BenchmarkInputs.CorpusFolders.Count > 0)
{
    types.Add(typeof(CorpusBenchmarks));
}
else
{
    Console.WriteLine("Skipping CorpusBenchmarks: ../shared/kcl-conformance not found (set KONFIG_SHARED_DIR).");
}

if (BenchmarkInputs.BlogBenchmark is not null)
{
    types.Add(typeof(BlogBenchmarks));
}
else
{
    Console.WriteLine("Skipping BlogBenchmarks: ../shared/bench/test.k not found (set KONFIG_SHARED_DIR).");
}

if (types.Count == 0)
{
    Console.WriteLine("No benchmark inputs found; nothing to run.");
    return 0;
}

BenchmarkSwitcher.FromTypes([.. types]).Run(args);
return 0;
