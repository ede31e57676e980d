using System.Collections.Immutable;
using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Compilation;

/// <summary>
/// Every diagnostic the runner itself reports (command line, settings files, kcl.mod, package loading),
/// with the codes and texts <c>kcl run</c> uses where it has one.
/// </summary>
internal static class CompilationDiagnostics
{
    private const string EvaluationErrorCode = "E3M38";
    private const string EvaluationError = "EvaluationError";
    private const string CannotFindModuleCode = "E2F04";
    private const string CannotFindModule = "CannotFindModule";

    /// <summary>The code of <see cref="InternalError"/>: a bug in the compiler, never a fault of the program.</summary>
    public const string InternalErrorCode = "E9999";

    /// <summary>How the <see cref="Timeout"/> message starts.</summary>
    public const string TimeoutMessageStart = "evaluation did not finish within";

    public static Diagnostic InvalidArgument(string token) =>
        Diagnostic.Error(EvaluationErrorCode, EvaluationError, null, $"Invalid value for top level arguments: '{token}', expected name=value");

    /// <summary>
    /// kcl prints the file name as given, then "invalid setting file format"; we add why and, when known,
    /// a second label pointing at the line (the first label has no location so the text reads like kcl's).
    /// </summary>
    public static Diagnostic InvalidSettingsFile(string displayPath, string reason, DiagnosticLocation? location)
    {
        var diagnostic = Diagnostic.Error(
            EvaluationErrorCode,
            EvaluationError,
            null,
            $"Failed to load '{displayPath}', invalid setting file format: {reason}");
        return location is null ? diagnostic : diagnostic.WithLabel(location, reason);
    }

    public static Diagnostic CannotReadFile(string displayPath, string reason) =>
        Diagnostic.Error(EvaluationErrorCode, EvaluationError, null, $"Failed to load '{displayPath}': {reason}");

    public static Diagnostic InputFileNotFound(string path) =>
        Diagnostic.Error(EvaluationErrorCode, EvaluationError, null, $"Cannot find the kcl file, please check the file path {path}");

    public static Diagnostic NoInputFiles() =>
        Diagnostic.Error(EvaluationErrorCode, EvaluationError, null, "No input KCL files");

    public static Diagnostic NoKclFilesInFolder(string folder) =>
        Diagnostic.Error(EvaluationErrorCode, EvaluationError, null, $"No KCL files found in the specified folder {folder}");

    public static Diagnostic InvalidKclMod(SourceFile file, int line, int column, string reason) =>
        Diagnostic.Error(EvaluationErrorCode, EvaluationError, new DiagnosticLocation(file, line, column), $"invalid kcl.mod: {reason}");

    public static Diagnostic ModuleNotFound(TextSpan importSpan, string importPath, string searchedFolder, string? packageName)
    {
        var labels = ImmutableArray.CreateBuilder<DiagnosticLabel>();
        labels.Add(new DiagnosticLabel(DiagnosticLocation.At(importSpan), $"Cannot find the module {importPath} from {searchedFolder}"));
        if (!string.IsNullOrEmpty(packageName))
        {
            labels.Add(new DiagnosticLabel(null, $"suggestion: try 'kcl mod add {packageName}' to download the missing package"));
        }

        labels.Add(new DiagnosticLabel(null, "suggestion: browse more packages at 'https://artifacthub.io'"));
        return new Diagnostic(CannotFindModuleCode, CannotFindModule, DiagnosticSeverity.Error, labels.ToImmutable());
    }

    public static Diagnostic ImportOutsideRoot(TextSpan importSpan, string importPath) =>
        Diagnostic.Error(
            CannotFindModuleCode,
            CannotFindModule,
            DiagnosticLocation.At(importSpan),
            $"No KCL files found in the specified folder: the import {importPath} goes above the module root");

    /// <summary>kcl's loader error for a file that imports its own package, printed the way kcl nests it.</summary>
    public static Diagnostic RecursiveLoad(string file) =>
        new(
            EvaluationErrorCode,
            "error[E1001]: RecursiveLoad",
            DiagnosticSeverity.Error,
            [new DiagnosticLabel(null, "Could not compiles due to cyclic import statements"), new DiagnosticLabel(null, $"- {file}")]);

    public static Diagnostic PathSelectorNotFound(DiagnosticLocation? location, string selector) =>
        Diagnostic.Error(EvaluationErrorCode, EvaluationError, location, $"invalid path select operand {selector}, value not found");

    public static Diagnostic Timeout(TimeSpan timeout) =>
        Diagnostic.Error(
            EvaluationErrorCode,
            EvaluationError,
            null,
            $"{TimeoutMessageStart} {timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s and was stopped");

    /// <summary>The stack ran out outside the evaluator's own checks (e.g. printing a very deeply nested value): kcl's recursion error.</summary>
    public static Diagnostic RecursionLimit() =>
        Diagnostic.Error(EvaluationErrorCode, EvaluationError, null, "maximum recursion depth exceeded");

    /// <summary>An allocation failed: the program builds more than the process may hold (kcl itself would abort).</summary>
    public static Diagnostic OutOfMemory() =>
        Diagnostic.Error(EvaluationErrorCode, EvaluationError, null, "out of memory: the program builds values larger than the available memory");

    public static Diagnostic TooManyDiagnostics(int omitted) =>
        Diagnostic.Error(EvaluationErrorCode, EvaluationError, null, $"{omitted} more errors not shown");

    /// <summary>The memory watchdog stopped the run.</summary>
    public static Diagnostic MemoryLimit(long limit) =>
        Diagnostic.Error(
            EvaluationErrorCode,
            EvaluationError,
            null,
            $"out of memory: the program used more than {limit / (1024 * 1024)} MB and was stopped");

    /// <summary>An exception escaped the compiler: say so, with the trace a bug report needs.</summary>
    public static Diagnostic InternalError(Exception exception) =>
        Diagnostic.Error(InternalErrorCode, "InternalError", null, $"internal compiler error: {exception.GetType().Name}: {exception.Message}")
            .WithLabel(null, "note: this is a bug in the compiler, not in the program; please report it with this trace:\n" + exception);
}
