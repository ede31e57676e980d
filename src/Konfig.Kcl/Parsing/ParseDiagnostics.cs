using System.Globalization;
using System.Text;
using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Parsing;

/// <summary>
/// Every syntax error the lexer and parser report, worded like the reference implementation
/// (kclvm parser) so expected-stderr tests match. Call sites say
/// <c>ParseDiagnostics.UnexpectedToken(token)</c>; the wording lives only here.
/// </summary>
public static class ParseDiagnostics
{
    public const string SyntaxCode = "E1001";
    public const string SyntaxKind = "InvalidSyntax";
    public const string CompileCode = "E2L23";
    public const string CompileKind = "CompileError";

    // Expected-token lists used by several rules, spelled as the reference prints them.
    internal static readonly string[] OperandStart = ["identifier", "literal", "(", "[", "{"];

    /// <summary>
    /// A syntax error at the start of <paramref name="span"/>. Like the reference, a position in the
    /// first column prints the line without a caret.
    /// </summary>
    public static Diagnostic Syntax(TextSpan span, string message) =>
        Diagnostic.Error(SyntaxCode, SyntaxKind, Locate(span), message);

    public static Diagnostic Compile(TextSpan span, string message) =>
        Diagnostic.Error(CompileCode, CompileKind, DiagnosticLocation.At(span), message);

    private static DiagnosticLocation Locate(TextSpan span)
    {
        var location = DiagnosticLocation.At(span);
        return location.Column == 1 ? location with { Column = 0 } : location;
    }

    // ---- Lexer ----

    public static Diagnostic UnterminatedString(TextSpan span) => Syntax(span, "unterminated string");

    public static Diagnostic InvalidStringSyntax(TextSpan span) => Syntax(span, "invalid string syntax");

    public static Diagnostic UnknownStartOfToken(TextSpan span) => Syntax(span, "unknown start of token");

    public static Diagnostic UnnecessarySemicolon(TextSpan span) => Syntax(span, "the semicolon ';' here is unnecessary, please remove it");

    public static Diagnostic InvalidBang(TextSpan span) => Syntax(span, "invalid token '!', consider using 'not'");

    public static Diagnostic InvalidLineContinuation(TextSpan span) => Syntax(span, "unexpected character after line continuation character");

    public static Diagnostic NoValidDigits(TextSpan span) => Syntax(span, "no valid digits found for number");

    public static Diagnostic InvalidDigit(TextSpan span, int numberBase) =>
        Syntax(span, string.Create(CultureInfo.InvariantCulture, $"invalid digit for a base {numberBase} literal"));

    public static Diagnostic InvalidIntSuffix(TextSpan span) => Syntax(span, "invalid int binary suffix");

    public static Diagnostic EmptyExponent(TextSpan span) => Syntax(span, "expected at least one digit in exponent");

    public static Diagnostic FloatBaseNotSupported(TextSpan span, string baseName) => Syntax(span, $"{baseName} float literal is not supported");

    public static Diagnostic InconsistentTabsSpaces(TextSpan span) => Syntax(span, "inconsistent use of tabs and spaces in indentation");

    public static Diagnostic MismatchedIndentLevel(TextSpan span) => Syntax(span, "mismatched indent level");

    public static Diagnostic ErrorNestingOnCloseParen(TextSpan span) => Syntax(span, "error nesting on close paren");

    public static Diagnostic ErrorNestingOnCloseBrace(TextSpan span) => Syntax(span, "error nesting on close brace");

    public static Diagnostic MismatchedClosingDelimiter(TextSpan span) => Syntax(span, "mismatched closing delimiter");

    // ---- Parser ----

    /// <summary><c>expected one of ["a", "b"] got x</c>, the reference's generic unexpected-token error.</summary>
    public static Diagnostic ExpectedOneOf(TextSpan where, Token got, params string[] expected)
    {
        var builder = new StringBuilder("expected one of [");
        for (var i = 0; i < expected.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            builder.Append('"').Append(expected[i]).Append('"');
        }

        builder.Append("] got ").Append(Describe(got));
        return Syntax(where, builder.ToString());
    }

    public static Diagnostic UnexpectedToken(TextSpan where, Token token) => Syntax(where, $"unexpected token '{Describe(token)}'");

    public static Diagnostic ExpectedExpression(TextSpan where, Token token) => Syntax(where, $"expected expression, got {Describe(token)}");

    public static Diagnostic InvalidIndentation(Token dedent) =>
        Syntax(dedent.Span, string.Create(CultureInfo.InvariantCulture, $"invalid indentation with {dedent.DedentMismatch} {(dedent.DedentMismatch == 1 ? "space" : "spaces")}, try to align indents by adding or removing spaces"));

    public static Diagnostic ElseIf(TextSpan span) => Syntax(span, "'else if' here is invalid in KCL, consider using the 'elif' keyword");

    public static Diagnostic NotIs(TextSpan span) => Syntax(span, "'not is' here is invalid, consider using 'is not'");

    public static Diagnostic PositionalAfterKeyword(TextSpan span) => Syntax(span, "positional argument follows keyword argument");

    public static Diagnostic DuplicateIndexSignature(TextSpan span) => Syntax(span, "duplicate schema index signature definitions, only one is allowed in the schema");

    public static Diagnostic ExpectedIndexSignatureOrList(Token token) => Syntax(token.Span, $"expected a index signature or list expression here, got {Describe(token)}");

    public static Diagnostic ExpectedIdentifier(TextSpan span) => Syntax(span, "expected identifier");

    public static Diagnostic InvalidImportAsName(TextSpan span) => Syntax(span, "Invalid import asname");

    public static Diagnostic MultipleListCompElements(TextSpan span, int count) =>
        Syntax(span, string.Create(CultureInfo.InvariantCulture, $"multiple list comp clause expression found: expected 1, got {count}"));

    public static Diagnostic MultipleConfigCompEntries(TextSpan span, int count) =>
        Syntax(span, string.Create(CultureInfo.InvariantCulture, $"multiple config comp clause expression found: expected 1, got {count}"));

    public static Diagnostic MissingListCompElement(TextSpan span) => Syntax(span, "missing list comp clause expression");

    public static Diagnostic MissingConfigCompEntry(TextSpan span) => Syntax(span, "missing config comp clause expression");

    public static Diagnostic ListIndexHasOneExpression(TextSpan span) => Syntax(span, "a list should have only one expr");

    public static Diagnostic ConsecutiveExpressions(TextSpan span) => Syntax(span, "consecutive exprs found");

    public static Diagnostic EmptyInterpolation(TextSpan span) => Syntax(span, "string interpolation expression can not be empty");

    public static Diagnostic InvalidInterpolation(TextSpan span, string source) => Syntax(span, $"invalid string interpolation expression: '{source}'");

    public static Diagnostic InvalidFormatSpec(TextSpan span) => Syntax(span, "invalid joined string spec without #");

    public static Diagnostic UnterminatedInterpolation(TextSpan span) => Syntax(span, "invalid joined string");

    /// <summary>
    /// Errors kept per file. Damaged input can hold one per character, and each is printed with its line:
    /// past this many, the rest are dropped and <see cref="TooManyErrors"/> says so.
    /// </summary>
    public const int MaxPerFile = 1000;

    public static Diagnostic TooManyErrors(TextSpan span) =>
        Syntax(span, $"too many syntax errors: only the first {MaxPerFile} are shown");

    public static Diagnostic NestingTooDeep(TextSpan span) => Syntax(span, "expression is nested too deeply");

    // ---- Syntactic checks the reference makes after parsing ----

    public static Diagnostic IllegalAssignTarget(TextSpan span, string nodeName) =>
        Syntax(span, $"'{nodeName}' is an illegal expression for assignment");

    public static Diagnostic SliceAssignTarget(TextSpan span) =>
        Syntax(span, "'SubscriptExpression' is an illegal expression for assignment, because the left-hand side of an assignment expression may not be a slice access");

    public static Diagnostic OptionalSelectorAssignTarget(TextSpan span) =>
        Syntax(span, "'SelectorExpression' is an illegal expression for assignment, because the left-hand side of an assignment expression may not be an optional attribute access.");

    public static Diagnostic LoopVariableNotIdentifier(TextSpan span) => Compile(span, "loop variables can only be ordinary identifiers");

    public static Diagnostic TooManyLoopVariables(TextSpan span, int count) =>
        Compile(span, string.Create(CultureInfo.InvariantCulture, $"the number of loop variables is {count}, which can only be 1 or 2"));

    public static Diagnostic NonDefaultAfterDefault(TextSpan span) =>
        new Diagnostic("E1001", "IllegalParameterError", DiagnosticSeverity.Error, [new DiagnosticLabel(DiagnosticLocation.At(span), "non-default argument follows default argument")])
            .WithLabel(null, "note: A default argument");

    /// <summary>How the reference names a token in messages: punctuation as itself, others by class.</summary>
    public static string Describe(Token token) => token.Kind switch
    {
        TokenKind.EndOfFile => "eof",
        TokenKind.Newline => "newline",
        TokenKind.Indent => "indent",
        TokenKind.Dedent => "dedent",
        TokenKind.Identifier => "identifier",
        TokenKind.Int or TokenKind.Float => token.Text,
        TokenKind.String => StringContent(token),
        TokenKind.Bang => "not",
        _ => token.Text,
    };

    // The reference names a string literal by its content.
    private static string StringContent(Token token)
    {
        var text = token.Span.File.Text;
        var layout = StringLiterals.Analyze(text, token.Span.Start, token.Span.End);
        return text[layout.ContentStart..layout.ContentEnd];
    }
}
