using System.Collections.Immutable;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Diagnostics;

/// <summary>
/// A position a diagnostic points at. Column is 1-based; 0 means the line is known but not the column
/// (KCL then prints the message under the line without a caret).
/// </summary>
public sealed record DiagnosticLocation(SourceFile File, int Line, int Column)
{
    public static DiagnosticLocation At(TextSpan span)
    {
        var (line, column) = span.StartPosition;
        return new DiagnosticLocation(span.File, line, column);
    }

    public static DiagnosticLocation LineOnly(TextSpan span) => new(span.File, span.StartPosition.Line, 0);
}

/// <summary>One message attached to a location (or to none, for errors outside any source file).</summary>
public sealed record DiagnosticLabel(DiagnosticLocation? Location, string Message);

/// <summary>
/// A KCL diagnostic as data: a code such as <c>E2G22</c>, a kind such as <c>TypeError</c>, a severity and
/// one or more labels. The first label carries the main message; later ones add context
/// (for example "variable is defined here").
/// </summary>
public sealed record Diagnostic(string Code, string Kind, DiagnosticSeverity Severity, ImmutableArray<DiagnosticLabel> Labels)
{
    public string Message => Labels.IsDefaultOrEmpty ? string.Empty : Labels[0].Message;

    public DiagnosticLocation? Location => Labels.IsDefaultOrEmpty ? null : Labels[0].Location;

    public static Diagnostic Error(string code, string kind, DiagnosticLocation? location, string message) =>
        new(code, kind, DiagnosticSeverity.Error, [new DiagnosticLabel(location, message)]);

    public Diagnostic WithLabel(DiagnosticLocation? location, string message) =>
        this with { Labels = Labels.Add(new DiagnosticLabel(location, message)) };

    public override string ToString() => DiagnosticFormatter.FormatKcl([this]);
}
