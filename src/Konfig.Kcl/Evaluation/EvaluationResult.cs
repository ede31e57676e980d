using System.Collections.Immutable;
using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Evaluation;

/// <summary>The exported top-level values of the main package in definition order, and the diagnostics of the run.</summary>
public sealed record EvaluationResult(IReadOnlyList<KeyValuePair<string, KclValue>> Values, ImmutableArray<Diagnostic> Diagnostics);
