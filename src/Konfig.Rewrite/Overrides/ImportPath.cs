using Pidgin;
using static Pidgin.Parser;
using static Pidgin.Parser<char>;

namespace Konfig.Rewrite.Overrides;

/// <summary>
/// An import to make sure a file has, <c>a.b.c</c> or <c>a.b.c as x</c> (a leading dot is a relative path).
/// <see cref="ToString"/> is the text KCL compares with existing imports to skip duplicates.
/// </summary>
public sealed record ImportPath(string Path, string? Alias)
{
    private static readonly Parser<char, string> Name =
        Token(c => char.IsLetterOrDigit(c) || c == '_' || c == '$' || c == '-').AtLeastOnceString();

    private static readonly Parser<char, string> DottedPath =
        Char('.').SkipMany().Then(Name.SeparatedAtLeastOnce(Char('.'))).Slice((span, _) => span.ToString());

    private static readonly Parser<char, ImportPath> Grammar =
        Map(
            (path, alias) => new ImportPath(path, alias.HasValue ? alias.Value : null),
            SkipWhitespaces.Then(DottedPath),
            Try(Whitespace.AtLeastOnce().Then(String("as")).Then(Whitespace.AtLeastOnce()).Then(Name)).Optional())
        .Before(SkipWhitespaces).Before(End);

    /// <summary>Parses <c>path</c> or <c>path as alias</c>; null with a message when it is neither.</summary>
    public static (ImportPath? Import, string? Error) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = Grammar.Parse(text);
        return result.Success
            ? (result.Value, null)
            : (null, $"Invalid import path '{text}', expected <package_path> or <package_path> as <alias>");
    }

    public override string ToString() => Alias is null ? Path : $"{Path} as {Alias}";
}
