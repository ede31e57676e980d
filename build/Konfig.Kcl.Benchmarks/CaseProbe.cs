using System.Diagnostics;
using Konfig.Kcl.Compilation;

namespace Konfig.Kcl.Benchmarks;

/// <summary>
/// Finds the cases that finish evaluating in time. A case can hang where cancellation cannot reach (inside
/// a library), and a hung thread cannot be stopped, so the probe runs in a child process (this program
/// with <see cref="Argument"/>) that is simply ended; the benchmarks then use only the cases it reported.
/// </summary>
internal static class CaseProbe
{
    public const string Argument = "--probe-cases";

    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The main files (of <paramref name="mainFiles"/>) whose evaluation finished within the timeout.</summary>
    public static IReadOnlySet<string> FinishingCases(IReadOnlyList<string> mainFiles)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Argument);
        using var child = Process.Start(start)!;
        foreach (var file in mainFiles)
        {
            child.StandardInput.WriteLine(file);
        }

        child.StandardInput.Close();
        var finished = new HashSet<string>(StringComparer.Ordinal);
        while (child.StandardOutput.ReadLine() is { } line)
        {
            finished.Add(line);
        }

        child.WaitForExit();
        return finished;
    }

    /// <summary>The child's side: evaluates each main file read from standard input, prints those that finish, stops at the first that does not.</summary>
    public static int Run()
    {
        var cache = new ParseCache();
        while (Console.In.ReadLine() is { } mainFile)
        {
            if (KclCase.Load(Path.GetDirectoryName(mainFile)!, mainFile, cache) is not { } kclCase)
            {
                continue;
            }

            var evaluation = new Thread(() => PipelineStages.Evaluate([kclCase])) { IsBackground = true };
            evaluation.Start();
            if (!evaluation.Join(CaseTimeout))
            {
                Console.Error.WriteLine($"// Left out (does not finish in {CaseTimeout.TotalSeconds} s): {mainFile}");
                continue;
            }

            Console.WriteLine(mainFile);
        }

        Console.Out.Flush();
        Environment.Exit(0);
        return 0;
    }
}
