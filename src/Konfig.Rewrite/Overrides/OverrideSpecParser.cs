using System.Collections.Immutable;
using Pidgin;
using static Pidgin.Parser;
using static Pidgin.Parser<char>;

namespace Konfig.Rewrite.Overrides;

/// <summary>
/// Parses <c>kcl -O</c> specs: <c>path=value</c>, <c>path:value</c>, <c>path+=value</c> or <c>path-</c>.
/// The operator is the first <c>=</c>, <c>:</c> or <c>+=</c> outside brackets, braces and quoted strings,
/// as in KCL, so <c>a["x=1"]=2</c> and <c>a={b: 1}</c> split where a reader expects.
/// </summary>
public static class OverrideSpecParser
{
    private static readonly Parser<char, Unit> QuotedString =
        OneOf('"', '\'').Then(quote =>
            OneOf(Char('\\').Then(AnyCharExcept('\n')), AnyCharExcept(quote, '\\', '\n')).SkipMany().Then(Char(quote)))
        .IgnoreResult();

    // KCL keeps a stack of open brackets and ignores operators while it is not empty; a closing
    // bracket with nothing open is an ordinary character, an unclosed one runs to the end.
    private static readonly Parser<char, Unit> BracketGroup = Rec(() =>
        OneOf('[', '{')
            .Then(OneOf(Try(QuotedString), BracketGroup!, AnyCharExcept(']', '}').IgnoreResult()).SkipMany())
            .Then(OneOf(OneOf(']', '}').IgnoreResult(), End)));

    private static readonly Parser<char, Unit> PathCharacter = OneOf(
        Try(QuotedString),
        BracketGroup,
        OneOf(']', '}').IgnoreResult(),
        Try(Char('+').Before(Not(Char('=')))).IgnoreResult(),
        AnyCharExcept('=', ':', '+', '[', '{').IgnoreResult());

    private static readonly Parser<char, OverrideOperation> Operator = OneOf(
        String("+=").ThenReturn(OverrideOperation.Append),
        Char('=').ThenReturn(OverrideOperation.Assign),
        Char(':').ThenReturn(OverrideOperation.Union));

    private static readonly Parser<char, (string Path, OverrideOperation Operation, string Value)> SpecWithValue =
        Map(
            (path, operation, value) => (path, operation, value),
            PathCharacter.SkipMany().Slice((span, _) => span.ToString()),
            Operator,
            Any.ManyString());

    public static OverrideSpecResult Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var split = SpecWithValue.Parse(spec);
        if (split.Success)
        {
            var (path, operation, value) = split.Value;
            return Build(spec, path.Trim(), operation, value.Trim());
        }

        return spec.EndsWith('-')
            ? Build(spec, spec[..^1].Trim(), OverrideOperation.Delete, string.Empty)
            : OverrideSpecResult.Fail(InvalidSpecMessage(spec));
    }

    /// <summary>KCL's message for a spec it cannot split (its spelling, "filed" included, is kept so tools can match it).</summary>
    public static string InvalidSpecMessage(string spec) =>
        $"Invalid spec format '{spec}', expected <field_path>=<filed_value>, <field_path>:<filed_value>, <field_path>+=<filed_value> or <field_path>-";

    private static OverrideSpecResult Build(string spec, string path, OverrideOperation operation, string value)
    {
        if (path.Length == 0 || (operation != OverrideOperation.Delete && value.Length == 0))
        {
            return OverrideSpecResult.Fail(InvalidSpecMessage(spec));
        }

        var parts = AttributePath.Parse(path);
        if (parts.Error is { } error)
        {
            return OverrideSpecResult.Fail($"Invalid spec '{spec}': {error}");
        }

        return parts.Parts.IsEmpty
            ? OverrideSpecResult.Fail(InvalidSpecMessage(spec))
            : OverrideSpecResult.Ok(new OverrideSpec(spec, parts.Parts, operation, value));
    }
}
