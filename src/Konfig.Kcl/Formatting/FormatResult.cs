using System.Collections.Immutable;
using Konfig.Kcl.Diagnostics;

namespace Konfig.Kcl.Formatting;

/// <summary>
/// The outcome of formatting one file: the formatted text, or (when the file has syntax errors) no text and
/// the parse diagnostics. A file with errors is never reformatted: printing a damaged tree would lose code.
/// </summary>
public sealed record FormatResult(string? Text, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool Succeeded => Text is not null;

    /// <summary>Whether formatting changes the text (false when it failed).</summary>
    public bool Changed(string original) => Text is not null && !string.Equals(Text, original, StringComparison.Ordinal);
}
