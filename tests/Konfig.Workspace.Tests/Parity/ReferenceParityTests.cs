using System.Diagnostics;
using System.Globalization;
using Konfig.Kcl.Compilation;
using Konfig.Workspace.Compilation;
using Konfig.Workspace.Discovery;
using Konfig.Workspace.Golden;
using Xunit.Abstractions;

namespace Konfig.Workspace.Tests.Parity;

/// <summary>
/// Compiles every stack of <c>../shared/konfig-reference</c> (a real monorepo whose goldens were written by
/// <c>kusion compile</c>) and compares each spec with its golden by meaning. Stacks that fail today are
/// listed in <c>reference-known-failures.txt</c>: an unlisted failure is a regression, a listed stack that
/// passes must come off the list (both fail the test). <c>KONFIG_UPDATE_BASELINES=1</c> rewrites the list.
/// </summary>
public sealed class ReferenceParityTests(ITestOutputHelper output)
{
    public const string UpdateVariable = "KONFIG_UPDATE_BASELINES";
    private const string ListName = "reference-known-failures.txt";

    [RequiresReferenceFact]
    public void Reference_stacks_match_their_goldens_except_known_failures()
    {
        var workspace = WorkspaceDiscovery.Discover(SharedReference.Folder!);
        Assert.True(workspace.Stacks.Count > 0, $"no stacks found in {workspace.Root}");

        var watch = Stopwatch.StartNew();
        var results = new StackCompiler(new ParseCache()).CompileAll(workspace.Stacks, StackCompileOptions.Default).Select(GoldenFile.Check).ToList();
        watch.Stop();

        foreach (var result in results)
        {
            output.WriteLine($"{result.Compilation.Stack.Path}: {Describe(result)}");
        }

        var passed = results.Count(r => r.Passed);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{passed}/{results.Count} reference stacks match their goldens ({watch.Elapsed.TotalSeconds:0.00} s)"));

        var listPath = Path.Combine(SharedReference.RepositoryRoot!, "tests", "Konfig.Workspace.Tests", "Parity", ListName);
        var known = KnownFailureList.Load(listPath);
        var failures = results.Where(r => !r.Passed).ToDictionary(r => r.Compilation.Stack.Path, Describe, StringComparer.Ordinal);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(listPath, known.With(failures).Render());
            output.WriteLine($"{UpdateVariable}=1: rewrote {listPath}; review it with git diff.");
            return;
        }

        var regressions = failures.Where(f => !known.Entries.ContainsKey(f.Key)).Select(f => $"  {f.Key}: {f.Value}").ToList();
        var nowPassing = results.Where(r => r.Passed && known.Entries.ContainsKey(r.Compilation.Stack.Path)).Select(r => "  " + r.Compilation.Stack.Path).ToList();
        var problems = new List<string>();
        if (regressions.Count > 0)
        {
            problems.Add($"{regressions.Count} stack(s) fail that are not in {ListName}:");
            problems.AddRange(regressions);
        }

        if (nowPassing.Count > 0)
        {
            problems.Add($"{nowPassing.Count} listed stack(s) now pass: shorten {ListName} (delete them, or rerun with {UpdateVariable}=1):");
            problems.AddRange(nowPassing);
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    /// <summary>One line: the result, and the first KCL error or the first differing path.</summary>
    private static string Describe(GoldenResult result)
    {
        var compilation = result.Compilation;
        if (result.Status != GoldenStatus.CompileFailed)
        {
            return result.Detail is null ? result.Status.ToString() : $"{result.Status}: {result.Detail}";
        }

        var first = compilation.KclDiagnostics.FirstOrDefault(d => d.Severity == Kcl.Diagnostics.DiagnosticSeverity.Error);
        var message = first is not null
            ? $"{first.Kind}: {first.Message}"
            : compilation.Errors.FirstOrDefault()?.Message ?? "no diagnostics";
        message = message.ReplaceLineEndings(" ");
        return $"CompileFailed: {(message.Length > 120 ? message[..117] + "..." : message)}";
    }
}
