using Konfig.Kcl.Diagnostics;

namespace Konfig.Kcl.Compilation;

/// <summary>Runs KCL programs the way <c>kcl run</c> does. Placeholder until the evaluator lands.</summary>
public static class KclRunner
{
    public static KclRunResult Run(KclRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new KclRunResult(string.Empty, [Diagnostic.Error("E3M38", "EvaluationError", null, "kcl run is not implemented yet")]);
    }
}
