using Pidgin;
using static Pidgin.Parser;
using static Pidgin.Parser<char>;

namespace Konfig.Bot.Commands;

/// <summary>
/// Parses bot commands from the first line of a pull-request comment (the rest is free text):
/// <code>
/// /konfig preview [-s STACK]...
/// /konfig retry [-s STACK]...
/// /konfig unlock [-s STACK]
/// /konfig help
/// </code>
/// <c>--stack STACK</c> is the long form of <c>-s STACK</c>; a stack is a repository-relative path of
/// letters, digits and <c>-_./</c>. Leading whitespace is fine; <c>/konfig</c> and verbs are case-insensitive.
/// </summary>
public static class CommandParser
{
    public const string Prefix = "/konfig";

    public const string Usage =
        "/konfig preview [-s STACK]...   preview the affected stacks (or only these)\n" +
        "/konfig retry [-s STACK]...     retry the failed apply of the merged pull request (or only these stacks)\n" +
        "/konfig unlock [-s STACK]       release the pull request's stack locks (or one stack's)\n" +
        "/konfig help                    show this help";

    private static readonly Parser<char, Unit> Blank = OneOf(' ', '\t').SkipAtLeastOnce().Labelled("a space");
    private static readonly Parser<char, Unit> OptionalBlank = OneOf(' ', '\t').SkipMany();

    // A word ends at a blank or the end of the line: "previewx" is not "preview".
    private static readonly Parser<char, Unit> WordEnd = Lookahead(OneOf(' ', '\t').IgnoreResult().Or(End));

    private static readonly Parser<char, string> StackPath =
        Token(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/')
            .AtLeastOnceString()
            .Labelled("a stack path (letters, digits, '-', '_', '.', '/')");

    private static readonly Parser<char, string> StackOption =
        Try(String("--stack")).Or(Try(String("-s"))).Labelled("'-s STACK' or '--stack STACK'")
            .Then(Blank)
            .Then(StackPath)
            .Before(WordEnd.Labelled("a space or the end of the line"))
            .Before(OptionalBlank);

    private static readonly Parser<char, CommandVerb> VerbWord =
        OneOf(
            Keyword("preview", CommandVerb.Preview),
            Keyword("retry", CommandVerb.Retry),
            Keyword("unlock", CommandVerb.Unlock),
            Keyword("help", CommandVerb.Help)).Labelled("preview, retry, unlock or help")
        .Before(WordEnd.Labelled("a space or the end of the line"));

    private static readonly Parser<char, BotCommand> Command =
        OptionalBlank
            .Then(CIString(Prefix)).Then(Blank)
            .Then(VerbWord)
            .Bind(verb => OptionalBlank.Then(OptionsOf(verb)).Map(stacks => stacks.ToList()).Bind(stacks =>
                End.Labelled(ExpectedAfter(verb, stacks.Count)).ThenReturn(new BotCommand(verb, stacks))));

    /// <summary>Whether the comment's first line is meant for the bot: it starts with <c>/konfig</c> as a word.</summary>
    public static bool IsCommand(string comment)
    {
        var line = FirstLine(comment).TrimStart(' ', '\t');
        return line.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            && (line.Length == Prefix.Length || line[Prefix.Length] is ' ' or '\t');
    }

    public static CommandParseResult Parse(string comment)
    {
        var line = FirstLine(comment);
        var result = Command.Parse(line);
        if (result.Success)
        {
            return new CommandParseResult(result.Value, null);
        }

        var error = result.Error!;
        var column = error.ErrorOffset + 1;
        var expected = string.Join(" or ", error.Expected.Select(Describe).Where(e => e.Length > 0).Distinct());
        var found = error.EOF ? "the end of the line" : error.Unexpected.HasValue ? $"'{error.Unexpected.Value}'" : "something else";
        var message = expected.Length > 0
            ? $"column {column}: expected {expected}, found {found}"
            : $"column {column}: unexpected {found}";
        return new CommandParseResult(null, new CommandError(column, expected, message));
    }

    private static Parser<char, CommandVerb> Keyword(string name, CommandVerb verb) =>
        Try(CIString(name)).ThenReturn(verb);

    // What may follow the options given so far: said in full, since a failed option alone reports nothing.
    private static string ExpectedAfter(CommandVerb verb, int stacks) => verb switch
    {
        CommandVerb.Preview or CommandVerb.Retry => "'-s STACK' or '--stack STACK' or the end of the line",
        CommandVerb.Unlock when stacks == 0 => "'-s STACK' or '--stack STACK' or the end of the line",
        _ => "the end of the line",
    };

    // preview and retry take any number of stacks, unlock at most one, help none.
    private static Parser<char, IEnumerable<string>> OptionsOf(CommandVerb verb) => verb switch
    {
        CommandVerb.Preview or CommandVerb.Retry => StackOption.Many(),
        CommandVerb.Unlock => StackOption.Optional().Map(s => s.HasValue ? [s.Value] : Enumerable.Empty<string>()),
        _ => Return(Enumerable.Empty<string>()),
    };

    private static string Describe(Expected<char> expected) =>
        expected.Label ?? (expected.Tokens.IsDefaultOrEmpty ? (expected.IsEof ? "the end of the line" : "") : $"'{string.Concat(expected.Tokens)}'");

    private static string FirstLine(string comment)
    {
        var end = comment.AsSpan().IndexOfAny('\r', '\n');
        return end < 0 ? comment : comment[..end];
    }
}
