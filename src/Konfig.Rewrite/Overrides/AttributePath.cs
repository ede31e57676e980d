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

    private static readonly Parser<char, string?> BracketedKey =
        Char('[').Then(
            OneOf('"', '\'').Or(Fail<char>("Expected opening quote after '['"))
                .Then(AnyCharExcept('"', '\'').ManyString())
                .Before(Try(OneOf('"', '\'').Then(Char(']'))).Or(Fail<char>("Expected closing bracket"))))
        .Select<string?>(key => key);

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
