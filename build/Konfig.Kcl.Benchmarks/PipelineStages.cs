using System.Collections.Immutable;
using Konfig.Kcl.Emit;
using Konfig.Kcl.Evaluation;
using Konfig.Kcl.Parsing;
using Konfig.Kcl.Text;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Benchmarks;

/// <summary>The stages of <c>kcl run</c> as the benchmarks call them, over a set of sources or cases.</summary>
internal static class PipelineStages
{
    /// <summary>As in <c>KclRunner</c>: deep KCL recursion needs far more stack than a benchmark thread has.</summary>
    private const int EvaluationStackSize = 512 * 1024 * 1024;

    /// <summary>A case that loops for good is stopped, so one bad case cannot stall the run.</summary>
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(10);

    public static int Lex(IReadOnlyList<SourceFile> files)
    {
        var tokens = 0;
        foreach (var file in files)
        {
            tokens += Lexer.Tokenize(file).Tokens.Length;
        }

        return tokens;
    }

    public static int Parse(IReadOnlyList<SourceFile> files)
    {
        var statements = 0;
        foreach (var file in files)
        {
            statements += KclParser.Parse(file).Module.Body.Length;
        }

        return statements;
    }

    /// <summary>Evaluates every case on one large-stack thread; returns the results in case order.</summary>
    public static IReadOnlyList<EvaluationResult?> Evaluate(IReadOnlyList<KclCase> cases)
    {
        var results = new EvaluationResult?[cases.Count];
        var thread = new Thread(
            () =>
            {
                for (var i = 0; i < cases.Count; i++)
                {
                    results[i] = EvaluateCase(cases[i]);
                }
            },
            EvaluationStackSize);
        thread.Start();
        thread.Join();
        return results;
    }

    public static int Emit(IReadOnlyList<IReadOnlyList<KeyValuePair<string, KclValue>>> documents)
    {
        var characters = 0;
        var options = new YamlEmitOptions { IgnorePrivate = true };
        foreach (var document in documents)
        {
            characters += YamlEmitter.Emit(document, options).Length;
        }

        return characters;
    }

    private static EvaluationResult? EvaluateCase(KclCase kclCase)
    {
        using var cancellation = new CancellationTokenSource(CaseTimeout);
        var settings = new EvaluationSettings { WorkingDirectory = kclCase.Folder, Cancellation = cancellation.Token };
        try
        {
            return KclEvaluator.Evaluate(kclCase.Main, kclCase.Loader, settings);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // KclRunner turns these into an internal-error diagnostic; a benchmark just moves on.
            return new EvaluationResult([], ImmutableArray<Diagnostics.Diagnostic>.Empty);
        }
    }
}
