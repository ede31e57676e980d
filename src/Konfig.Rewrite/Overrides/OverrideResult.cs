using System.Collections.Immutable;
using Konfig.Kcl.Diagnostics;

namespace Konfig.Rewrite.Overrides;

/// <summary>
/// The outcome of <see cref="FileOverride.Apply"/>: the new text and the steps that produced it, or an
/// error. On error <see cref="Text"/> is the input unchanged; <see cref="Diagnostics"/> holds the
/// file's syntax errors when those were the reason.
/// </summary>
public sealed record OverrideResult(string Text, bool Changed, ImmutableArray<OverrideStep> Steps, string? Error, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool Success => Error is null;

    public IEnumerable<TextEdit> Edits => Steps.SelectMany(step => step.Edits);

    internal static OverrideResult Failed(string originalText, string error, ImmutableArray<Diagnostic> diagnostics) =>
        new(originalText, false, [], error, diagnostics);
}
