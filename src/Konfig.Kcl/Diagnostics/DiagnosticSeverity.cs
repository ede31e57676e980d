namespace Konfig.Kcl.Diagnostics;

public enum DiagnosticSeverity
{
    Error,
    Warning,
}
