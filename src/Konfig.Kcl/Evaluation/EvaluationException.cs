using System.Collections.Immutable;
using Konfig.Kcl.Diagnostics;

namespace Konfig.Kcl.Evaluation;

/// <summary>Stops evaluation with one or more diagnostics; caught once in <see cref="KclEvaluator"/>.</summary>
internal sealed class EvaluationException : Exception
{
    public EvaluationException(Diagnostic diagnostic)
        : this([diagnostic])
    {
    }

    public EvaluationException(ImmutableArray<Diagnostic> diagnostics)
        : base(diagnostics[0].Message)
    {
        Diagnostics = diagnostics;
        PanicMessage = diagnostics[0].Message;
    }

    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>What kcl's runtime panics with (what <c>runtime.catch</c> returns); by default the first message.</summary>
    public string PanicMessage { get; init; } = string.Empty;

    public Diagnostic Diagnostic => Diagnostics[0];
}
