using Konfig.Kcl.Diagnostics;

namespace Konfig.Kcl.Compilation;

/// <summary>The YAML a run printed (possibly partial when it failed) and its diagnostics.</summary>
public sealed record KclRunResult(string Yaml, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Success => !Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
