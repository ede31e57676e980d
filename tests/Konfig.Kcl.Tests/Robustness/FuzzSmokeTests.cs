using FluentAssertions;
using Konfig.Kcl.Fuzz;
using Konfig.Kcl.Tests.Conformance;

namespace Konfig.Kcl.Tests.Robustness;

/// <summary>
/// A short run of the mutation fuzzer (build/fuzz.sh runs the long ones): a fixed seed, twenty thousand
/// mutants of the conformance inputs, every core. No mutant may crash the compiler (an exception out of
/// it, or an internal-error diagnostic) or keep it busy past its deadline.
/// </summary>
[Collection(RobustnessCollection.Name)]
public sealed class FuzzSmokeTests
{
    private const int Seed = 20240611;
    private const int Mutants = 20_000;

    [RequiresSharedFact("kcl-conformance")]
    public void A_short_fixed_seed_fuzz_run_finds_no_crash_and_no_hang()
    {
        var corpus = FuzzCorpus.Load(SharedPaths.SharedFolder("kcl-conformance")!);
        var settings = new FuzzSettings(
            Seed,
            Mutants,
            Math.Max(2, Environment.ProcessorCount),
            Timeout: TimeSpan.FromSeconds(2),
            LongTimeout: TimeSpan.FromSeconds(30),
            Watchdog: TimeSpan.FromSeconds(10),
            FailureDirectory: null);

        var summary = new FuzzSession(corpus, settings).Run();

        summary.Runs.Should().Be(Mutants);
        summary.Failures.Should().BeEmpty(
            "every mutant must end with output or diagnostics; replay one with build/fuzz.sh --seed {0} --count <index + 1>:\n{1}",
            Seed,
            string.Join("\n\n", summary.Failures.Select(f => $"{f.Kind} x{f.Count}: {f.Signature}\nmutant {f.First.Index} of {f.First.Case.Path}/{f.First.TargetFile}: {string.Join("; ", f.First.Mutations)}\n{f.FirstOutcome.Detail}")));
        (summary.Ok + summary.Diagnostics + summary.Slow).Should().Be(Mutants);
    }
}
