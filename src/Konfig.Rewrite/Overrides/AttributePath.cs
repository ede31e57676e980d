using System.Collections.Immutable;
using Pidgin;
using static Pidgin.Parser;
using static Pidgin.Parser<char>;

namespace Konfig.Rewrite.Overrides;

/// <summary>
/// Splits a spec path into keys: <c>a.b.c</c>, <c>a['b.c'].d</c> and <c>a.["b"]</c> give the parts between
/// dots, a bracketed quoted key kept whole. Characters other than dots and brackets belong to the key, so
/// <c>a.str-key</c> names the key <c>str-key</c>. Error texts are KCL's.
/// </summary>
internal static class AttributePath
{
    private static readonly Parser<char, string?> Dot = Char('.').ThenReturn<string?>(null);

    // Failures are raised after reading the offending character (Then with a function), so the
    // message survives instead of being merged into "expected one of" by an alternative.
    private static readonly Parser<char, char> OpeningQuote =
        Any.Optional().Then(c => c.HasValue && c.Value is '"' or '\'' ? Return(c.Value) : Fail<char>("Expected opening quote after '['"));

    private static readonly Parser<char, Unit> ClosingQuoteAndBracket =
        Any.Optional().Then(quote => Any.Optional().Then(bracket =>
            quote.HasValue && bracket.HasValue && bracket.Value == ']' ? Return(Unit.Value) : Fail<Unit>("Expected closing bracket")));

    private static readonly Parser<char, string?> BracketedKey =
        Char('[').Then(OpeningQuote).Then(AnyCharExcept('"', '\'').ManyString()).Before(ClosingQuoteAndBracket).Select<string?>(key => key);

    private static readonly Parser<char, string?> PlainKey = AnyCharExcept('.', '[', ']').AtLeastOnceString().Select<string?>(key => key);

    private static readonly Parser<char, string?> StrayClosingBracket = Char(']').Then(Fail<string?>("Unmatched closing bracket"));

    private static readonly Parser<char, ImmutableArray<string>> Path =
        OneOf(Dot, BracketedKey, PlainKey, StrayClosingBracket).Many().Before(End)
            .Select(parts => parts.OfType<string>().ToImmutableArray());

    public static (ImmutableArray<string> Parts, string? Error) Parse(string path)
    {
        var result = Path.Parse(path);
        return result.Success ? (result.Value, null) : ([], result.Error?.Message ?? "Invalid field path");
    }
}
