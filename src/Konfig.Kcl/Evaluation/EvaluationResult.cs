using System.Collections.Immutable;
using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Evaluation;

/// <summary>The exported top-level values of the main package in definition order, and the diagnostics of the run.</summary>
public sealed record EvaluationResult(IReadOnlyList<KeyValuePair<string, KclValue>> Values, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>
    /// Set when the main package has top-level expression statements (<c>1</c>, <c>{a = 1}</c>,
    /// <c>Data {…}</c>): kcl then prints this one value (those expressions and the globals merged)
    /// instead of <see cref="Values"/>.
    /// </summary>
    public KclValue? Document { get; init; }

    /// <summary>Set when the program called <c>manifests.yaml_stream</c>: the YAML stream kcl prints instead of any value.</summary>
    public string? ManifestsOutput { get; init; }
}
