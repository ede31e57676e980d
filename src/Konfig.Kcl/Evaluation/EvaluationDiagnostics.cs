using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Evaluation;

/// <summary>Every code, kind and message the evaluator reports, in one place.</summary>
internal static class EvaluationDiagnostics
{
    public const string EvaluationErrorCode = "E3M38";
    public const string CompileErrorCode = "E2L23";
    public const string TypeErrorCode = "E2G22";
    public const string CannotFindModuleCode = "E2F04";
    public const string E1001 = "E1001";

    public static Diagnostic Runtime(TextSpan? span, string message) =>
        Diagnostic.Error(EvaluationErrorCode, "EvaluationError", span is { } s ? DiagnosticLocation.LineOnly(s) : null, message);

    public static Diagnostic Compile(TextSpan span, string message) =>
        Diagnostic.Error(CompileErrorCode, "CompileError", DiagnosticLocation.At(span), message);

    public static Diagnostic Type(TextSpan span, string message) =>
        Diagnostic.Error(TypeErrorCode, "TypeError", DiagnosticLocation.At(span), message);

    public static Diagnostic CannotFindModule(TextSpan span, string path, string root) =>
        Diagnostic.Error(CannotFindModuleCode, "CannotFindModule", DiagnosticLocation.At(span), $"Cannot find the module {path} from {root}");

    public static Diagnostic CircularImport(TextSpan span, string modules) =>
        Compile(span, $"There is a circular reference between modules {modules}");

    public static Diagnostic Immutable(TextSpan span, TextSpan declared, string name) =>
        Diagnostic.Error(E1001, "ImmutableError", DiagnosticLocation.At(span), $"Can not change the value of '{name}', because it was declared immutable")
            .WithLabel(DiagnosticLocation.At(declared), $"The variable '{name}' is declared here")
            .WithLabel(null, $"note: change the variable name to '_{name}' to make it mutable");

    public static Diagnostic IllegalParameter(TextSpan span, string message) =>
        Diagnostic.Error(E1001, "IllegalParameterError", DiagnosticLocation.At(span), message);

    public static Diagnostic NotDefined(TextSpan span, string name) => Compile(span, $"name '{name}' is not defined");

    public static Diagnostic CannotAddMember(TextSpan span, string member, string schema) =>
        Compile(span, $"Cannot add member '{member}' to schema '{schema}'");

    public static Diagnostic InstanceCheckFailed(TextSpan instanceSpan, TextSpan checkSpan, string? message) =>
        Diagnostic.Error(EvaluationErrorCode, "EvaluationError", DiagnosticLocation.At(instanceSpan), "Instance check failed")
            .WithLabel(DiagnosticLocation.LineOnly(checkSpan), string.IsNullOrEmpty(message) ? "Check failed on the condition" : $"Check failed on the condition: {message}");

    public static string Required(string attribute, string schema) =>
        $"attribute '{attribute}' of {schema} is required and can't be None or Undefined";

    public static string Unsupported(string op, string left, string right) =>
        $"unsupported operand type(s) for {op}: '{left}' and '{right}'";

    public static string UnsupportedUnary(string op, string operand) =>
        $"bad operand type for unary {op}: '{operand}'";

    public const string TimedOut = "evaluation timed out";

    public const string RecursionLimit = "maximum recursion depth exceeded";
}
