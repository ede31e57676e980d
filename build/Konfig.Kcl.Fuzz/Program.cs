using System.Globalization;
using Konfig.Kcl.Fuzz;

// Mutation fuzzer for the KCL compiler. Usage (from the repository root):
//   dotnet run -c Release --project build/Konfig.Kcl.Fuzz -- --seed 1 --count 100000 --corpus ../shared/kcl-conformance
//   options: --workers N (default: processor count), --timeout S (run deadline, 2), --watchdog S (10),
//            --long-timeout S (deadline of the second run of a mutant that passed the first one: 60),
//            --out DIR (failing mutants, default TestResults/fuzz-failures), --replay DIR (run saved mutants again)
// Exit code 0 when no run crashed, timed out or hung.
var arguments = ParseArguments(args);
if (arguments is null)
{
    return 2;
}

var corpus = FuzzCorpus.Load(arguments.GetValueOrDefault("corpus", "../shared/kcl-conformance"));
var timeout = TimeSpan.FromSeconds(double.Parse(arguments.GetValueOrDefault("timeout", "2"), CultureInfo.InvariantCulture));
var watchdog = TimeSpan.FromSeconds(double.Parse(arguments.GetValueOrDefault("watchdog", "10"), CultureInfo.InvariantCulture));
var longTimeout = TimeSpan.FromSeconds(double.Parse(arguments.GetValueOrDefault("long-timeout", "60"), CultureInfo.InvariantCulture));

if (arguments.TryGetValue("replay", out var replayDirectory))
{
    return Replay(replayDirectory, corpus, timeout, longTimeout, watchdog);
}

var settings = new FuzzSettings(
    int.Parse(arguments.GetValueOrDefault("seed", "1"), CultureInfo.InvariantCulture),
    long.Parse(arguments.GetValueOrDefault("count", "10000"), CultureInfo.InvariantCulture),
    int.Parse(arguments.GetValueOrDefault("workers", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
    timeout,
    longTimeout,
    watchdog,
    Path.GetFullPath(arguments.GetValueOrDefault("out", "TestResults/fuzz-failures")));
Console.WriteLine($"seed {settings.Seed}, {settings.Count} mutants of {corpus.Cases.Count} cases, {settings.Workers} workers, timeout {timeout.TotalSeconds} s, watchdog {watchdog.TotalSeconds} s");

var session = new FuzzSession(corpus, settings);
using var progress = new Timer(
    _ => Console.WriteLine($"  {session.Done} done, {session.Failed} failing"),
    null,
    TimeSpan.FromSeconds(15),
    TimeSpan.FromSeconds(15));
var summary = session.Run((mutant, outcome, signature) =>
    Console.WriteLine($"  new {outcome.Kind}: {signature} (mutant {mutant.Index}, {mutant.Case.Path}/{mutant.TargetFile})"));
progress.Change(Timeout.Infinite, Timeout.Infinite);

Console.WriteLine();
Console.WriteLine($"runs {summary.Runs}: ok {summary.Ok}, diagnostics {summary.Diagnostics}, slow but finished {summary.Slow}, crashes {summary.Crashes}, timeouts {summary.Timeouts}, hangs {summary.Hangs}");
Console.WriteLine($"time {summary.Elapsed.TotalSeconds:0.0} s ({summary.Runs / Math.Max(summary.Elapsed.TotalSeconds, 0.001):0} runs/s)");
if (summary.StoppedEarly)
{
    Console.WriteLine("stopped early: too many hung runs are still using the CPU");
}

foreach (var group in summary.Failures)
{
    Console.WriteLine();
    Console.WriteLine($"## {group.Kind} x{group.Count}: {group.Signature}");
    Console.WriteLine($"first: mutant {group.First.Index} of {group.First.Case.Path}/{group.First.TargetFile} {group.First.Flags}; saved to {group.SavedTo ?? "-"}");
    Console.WriteLine($"mutations: {string.Join("; ", group.First.Mutations)}");
    Console.WriteLine(group.FirstOutcome.Detail);
}

return summary.Failures.Count == 0 && !summary.StoppedEarly ? 0 : 1;

static int Replay(string directory, FuzzCorpus corpus, TimeSpan timeout, TimeSpan longTimeout, TimeSpan watchdog)
{
    var failing = 0;
    using var workspace = new MutantWorkspace(corpus);
    foreach (var info in Directory.EnumerateFiles(directory, FailureStore.InfoFile, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
    {
        var folder = Path.GetDirectoryName(info)!;
        if (FailureStore.Load(folder, corpus) is not { } mutant)
        {
            Console.WriteLine($"{folder}: its case is not in the corpus");
            continue;
        }

        var outcome = workspace.Run(mutant, timeout, longTimeout, watchdog);
        failing += outcome.IsFailure ? 1 : 0;
        Console.WriteLine($"{folder}: {outcome.Kind} in {outcome.Elapsed.TotalMilliseconds:0} ms");
        if (outcome.IsFailure)
        {
            Console.WriteLine(outcome.Detail);
        }
    }

    return failing == 0 ? 0 : 1;
}

static Dictionary<string, string>? ParseArguments(string[] args)
{
    var known = new HashSet<string>(StringComparer.Ordinal) { "seed", "count", "corpus", "workers", "timeout", "long-timeout", "watchdog", "out", "replay" };
    var values = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i < args.Length; i++)
    {
        var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : string.Empty;
        if (!known.Contains(name) || i + 1 >= args.Length)
        {
            Console.Error.WriteLine($"unknown option or missing value: {args[i]}; options: --{string.Join(" --", known)}");
            return null;
        }

        values[name] = args[++i];
    }

    return values;
}
