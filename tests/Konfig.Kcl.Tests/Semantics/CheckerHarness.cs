using System.Collections.Immutable;
using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Parsing;
using Konfig.Kcl.Semantics;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Tests.Semantics;

/// <summary>Runs the checker over source text or a conformance case folder.</summary>
internal static class CheckerHarness
{
    /// <summary>Checks one file of source text as the main package (no imports resolve).</summary>
    public static ImmutableArray<Diagnostic> Check(string source)
    {
        var module = KclParser.Parse(new SourceFile("/work/main.k", source)).Module;
        var main = new Konfig.Kcl.Evaluation.KclPackage("__main__", "/work", [module]);
        return Run(main, new FolderPackageResolver("/nonexistent"));
    }

    public static string Format(ImmutableArray<Diagnostic> diagnostics) => DiagnosticFormatter.FormatKcl(diagnostics);

    /// <summary>Checks a case folder: main.k plus the extra .k files its options name.</summary>
    public static ImmutableArray<Diagnostic> CheckCase(string caseDirectory, string options)
    {
        var root = FolderPackageResolver.FindRoot(caseDirectory);
        var files = new List<string> { Path.Combine(caseDirectory, "main.k") };
        foreach (var token in options.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (token.EndsWith(".k", StringComparison.Ordinal))
            {
                var path = token.Replace("${KCL_MOD}", root, StringComparison.Ordinal);
                path = Path.GetFullPath(Path.Combine(caseDirectory, path));
                if (File.Exists(path))
                {
                    files.Add(path);
                }
            }
        }

        var main = FolderPackageResolver.LoadMain(caseDirectory, files);
        return Run(main, new FolderPackageResolver(root));
    }

    /// <summary>Runs the checker without the guard <see cref="KclChecker.Check"/> puts around it, so bugs surface.</summary>
    public static ImmutableArray<Diagnostic> Run(Konfig.Kcl.Evaluation.KclPackage main, Konfig.Kcl.Evaluation.IPackageResolver resolver)
    {
        var program = new ProgramChecker(main, resolver);
        program.CheckMain();
        return program.Diagnostics;
    }
}
