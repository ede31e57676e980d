using System.Globalization;
using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Semantics;

/// <summary>Every code, kind and message the checker reports, in KCL's exact words.</summary>
internal static class SemanticDiagnostics
{
    public const string TypeErrorCode = "E2G22";
    public const string CompileErrorCode = "E2L23";
    public const string IllegalInheritCode = "E2D34";
    public const string IllegalAttributeCode = "E2A31";
    public const string UniqueKeyCode = "E2L28";
    public const string CannotFindModuleCode = "E2F04";
    public const string E1001 = "E1001";
    public const string InternalErrorCode = "E9999";

    private static DiagnosticLocation At(TextSpan span) => DiagnosticLocation.At(span);

    private static Diagnostic Error(string code, string kind, TextSpan span, string message) =>
        Diagnostic.Error(code, kind, At(span), message);

    private static Diagnostic Compile(TextSpan span, string message) => Error(CompileErrorCode, "CompileError", span, message);

    private static Diagnostic Type(TextSpan span, string message) => Error(TypeErrorCode, "TypeError", span, message);

    private static string DidYouMean(IReadOnlyList<string> suggestions) =>
        suggestions.Count == 0 ? string.Empty : ", did you mean '" + Suggestions.Format(suggestions) + "'?";

    /// <summary>
    /// The checker itself failed (a bug): a warning, so that a program that would run still runs, with the
    /// trace a bug report needs (and that the fuzzer counts).
    /// </summary>
    public static Diagnostic CheckerFailed(Exception exception) =>
        new(InternalErrorCode, "InternalError", DiagnosticSeverity.Warning,
        [
            new DiagnosticLabel(null, $"internal checker error, the remaining checks were skipped: {exception.GetType().Name}: {exception.Message}"),
            new DiagnosticLabel(null, "note: this is a bug in the compiler, not in the program; please report it with this trace:\n" + exception),
        ]);

    // Names and scopes

    public static Diagnostic NameNotDefined(TextSpan span, string name, IReadOnlyList<string> suggestions) =>
        Compile(span, $"name '{name}' is not defined{DidYouMean(suggestions)}");

    public static Diagnostic UniqueKey(TextSpan span, string name) =>
        Error(UniqueKeyCode, "UniqueKeyError", span, $"Unique key error name '{name}'");

    public static Diagnostic UniqueKeyWithDeclaration(TextSpan span, string name, TextSpan declared) =>
        UniqueKey(span, name).WithLabel(At(declared), $"The variable '{name}' is declared here");

    public static Diagnostic ImmutableAssign(TextSpan span, string name, TextSpan declared) =>
        Error(E1001, "ImmutableError", span, $"Can not change the value of '{name}', because it was declared immutable")
            .WithLabel(At(declared), $"The variable '{name}' is declared here")
            .WithLabel(null, $"note: change the variable name to '_{name}' to make it mutable");

    public static Diagnostic ImmutableModify(TextSpan span, string name, TextSpan declared) =>
        Error(E1001, "ImmutableError", span, $"Immutable variable '{name}' is modified during compiling")
            .WithLabel(At(declared), $"The variable '{name}' is declared here firstly")
            .WithLabel(null, $"note: change the variable name to '_{name}' to make it mutable");

    // Imports

    public static Diagnostic CannotFindModule(TextSpan span, string importPath, string directory, string rootName) =>
        Error(CannotFindModuleCode, "CannotFindModule", span, $"Cannot find the module {importPath} from {directory}")
            .WithLabel(null, $"suggestion: try 'kcl mod add {rootName}' to download the missing package")
            .WithLabel(null, "suggestion: browse more packages at 'https://artifacthub.io'");

    public static Diagnostic CircularModules(TextSpan span, IEnumerable<string> modules) =>
        Compile(span, "There is a circular reference between modules " + string.Join(", ", modules));

    // Schemas

    public static Diagnostic CircularSchemas(TextSpan span, IEnumerable<string> schemas) =>
        Compile(span, "There is a circular reference between schemas " + string.Join(", ", schemas));

    public static Diagnostic InvalidInheritance(TextSpan span, KclType got) =>
        Error(IllegalInheritCode, "IllegalInheritError", span, $"invalid schema inherit object type, expect schema, got '{got}'");

    public static Diagnostic InvalidProtocol(TextSpan span, KclType got) =>
        Error(IllegalInheritCode, "IllegalInheritError", span, $"invalid schema inherit object type, expect protocol, got '{got}'");

    public static Diagnostic OnlyMixinForProtocol(TextSpan span) =>
        Error(IllegalInheritCode, "IllegalInheritError", span, "only schema mixin can inherit from protocol");

    public static Diagnostic InvalidMixinName(TextSpan span, string name) =>
        Error(E1001, "NameError", span, $"a valid mixin name should end with 'Mixin', got '{name}'");

    public static Diagnostic InvalidMixin(TextSpan span, KclType got) =>
        Error(IllegalInheritCode, "IllegalInheritError", span, $"illegal schema mixin object type, expected mixin, got '{got}'");

    public static Diagnostic FieldTypeChanged(TextSpan span, string name, KclType from, KclType to) =>
        Type(span, $"can't change schema field type of '{name}' from {from} to {to}");

    public static Diagnostic RequiredToOptional(TextSpan span, string name) =>
        Type(span, $"can't change the required schema attribute of '{name}' to optional");

    public static Diagnostic IndexSignatureNameClash(TextSpan span, string name) =>
        Error(E1001, "IndexSignatureError", span, $"index signature attribute name '{name}' cannot have the same name as schema attributes");

    public static Diagnostic IndexSignatureMismatch(TextSpan span, KclType type, string name, IndexSignatureSymbol signature) =>
        Error(E1001, "IndexSignatureError", span, $"the type '{type}' of schema attribute '{name}' does not meet the index signature definition {signature}");

    public static Diagnostic UnknownDecorator(TextSpan span, string name) => Compile(span, $"UnKnown decorator {name}");

    // Configs and attributes

    public static Diagnostic CannotAddMember(TextSpan span, string attribute, string schema, IReadOnlyList<string> suggestions) =>
        Compile(span, $"Cannot add member '{attribute}' to schema '{schema}'{DidYouMean(suggestions)}");

    public static Diagnostic CannotAddMemberToSchemas(TextSpan span, string attribute, IEnumerable<string> schemas) =>
        Compile(span, $"Cannot add member '{attribute}' to 'schemas {Suggestions.Format([.. schemas])}'");

    public static Diagnostic AttributeMustBeString(TextSpan span, KclType type) =>
        Error(IllegalAttributeCode, "IllegalAttributeError", span, $"A attribute must be string type, got '{type}'");

    public static Diagnostic AttributeNotFound(TextSpan span, string attribute, KclType owner, IReadOnlyList<string> suggestions) =>
        Type(span, $"attribute '{attribute}' not found in '{owner}'{DidYouMean(suggestions)}");

    public static Diagnostic ConfigAttributeDefinedHere(Diagnostic diagnostic, TextSpan? attribute) =>
        attribute is { } span ? diagnostic.WithLabel(At(span), "config attribute is defined here") : diagnostic;

    // Types

    public static Diagnostic Mismatch(TextSpan span, KclType expected, KclType got, TextSpan? declared)
    {
        var diagnostic = Type(span, $"expected {expected}, got {got}");
        return declared is { } at
            ? diagnostic.WithLabel(At(at), $"variable is defined here, its type is {expected}, but got {got}")
            : diagnostic;
    }

    public static Diagnostic CannotChangeType(TextSpan span, string name, KclType to, TextSpan? declared, KclType expected)
    {
        var diagnostic = Type(span, $"can not change the type of '{name}' to {to}");
        return declared is { } at ? diagnostic.WithLabel(At(at), $"expected {expected}") : diagnostic;
    }

    public static Diagnostic UnsupportedOperands(TextSpan span, string symbol, KclType left, KclType right) =>
        Type(span, $"unsupported operand type(s) for {symbol}: '{left}' and '{right}'");

    public static Diagnostic BadConversion(TextSpan span, KclType from, KclType to) =>
        Type(span, $"Conversion of type '{from}' to type '{to}' may be a mistake because neither type sufficiently overlaps with the other");

    // Calls

    /// <summary>"1 positional argument", "2 positional arguments" (the reference's UnitUsize: plural above one).</summary>
    private static string PositionalArguments(int count) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} positional argument{(count > 1 ? "s" : string.Empty)}");

    public static Diagnostic TooManyPositional(TextSpan span, string function, int expected, int given) =>
        Compile(span, string.Create(CultureInfo.InvariantCulture, $"{function} takes {PositionalArguments(expected)} but {given} were given"));

    public static Diagnostic MissingPositional(TextSpan span, int expected, int found) =>
        Compile(span, string.Create(CultureInfo.InvariantCulture, $"expected {PositionalArguments(expected)}, found {found}"));

    public static Diagnostic UnexpectedKeyword(TextSpan span, string function, string keyword, IReadOnlyList<string> suggestions) =>
        Compile(span, $"{function} got an unexpected keyword argument '{keyword}'" + (suggestions.Count == 0 ? string.Empty : $", did you mean '{string.Join(" or ", suggestions)}'?"));

    public static Diagnostic DuplicatedKeyword(TextSpan span, string function, string keyword) =>
        Compile(span, $"{function} has duplicated keyword argument {keyword}");
}
