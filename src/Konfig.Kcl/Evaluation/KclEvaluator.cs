using System.Collections.Immutable;
using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Evaluation;

/// <summary>Entry point of KCL evaluation: checks what can be checked before running, then evaluates the main package.</summary>
public static class KclEvaluator
{
    public static EvaluationResult Evaluate(KclPackage main, IPackageResolver resolver, EvaluationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(main);
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(settings);
        var evaluator = new Evaluator(settings, resolver);
        var diagnostics = new List<Diagnostic>();
        var state = evaluator.GetPackageState(main);
        evaluator.ResolveImports(state, diagnostics, []);
        StaticChecker.CheckFatal(main, diagnostics);
        if (diagnostics.Count > 0)
        {
            return new EvaluationResult([], [.. diagnostics]);
        }

        try
        {
            var values = evaluator.Run(main);
            return new EvaluationResult(diagnostics.Count > 0 ? [] : values, [.. diagnostics])
            {
                Document = evaluator.Document,
                ManifestsOutput = evaluator.ManifestsOutput,
            };
        }
        catch (EvaluationException exception)
        {
            diagnostics.AddRange(exception.Diagnostics.Select(d => settings.Debug ? WithBacktrace(d) : d));
        }
        catch (KclRuntimeException exception)
        {
            diagnostics.Add(Diagnostic.Error(exception.Code, exception.Kind, null, exception.Message));
        }
        catch (InsufficientExecutionStackException)
        {
            diagnostics.Add(EvaluationDiagnostics.Runtime(null, EvaluationDiagnostics.RecursionLimit));
        }

        return new EvaluationResult([], [.. diagnostics]);
    }

    /// <summary>With -d, KCL adds the frame a runtime error happened in.</summary>
    private static Diagnostic WithBacktrace(Diagnostic diagnostic)
    {
        if (diagnostic.Code != EvaluationDiagnostics.EvaluationErrorCode || diagnostic.Location is not { } location)
        {
            return diagnostic;
        }

        return diagnostic.WithLabel(null, $"note: backtrace:\n\t0: kcl_main\n\t\tat {location.File.Path}:{location.Line}");
    }
}
