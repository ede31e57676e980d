using Konfig.Kcl.Diagnostics;

namespace Konfig.Kcl.Evaluation;

/// <summary>Stops evaluation with a diagnostic; caught once in <see cref="KclEvaluator"/>.</summary>
internal sealed class EvaluationException(Diagnostic diagnostic) : Exception(diagnostic.Message)
{
    public Diagnostic Diagnostic { get; } = diagnostic;
}
