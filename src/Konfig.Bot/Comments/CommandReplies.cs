using System.Net;
using Konfig.Bot.Commands;

namespace Konfig.Bot.Comments;

/// <summary>The bot's answers to <c>/konfig</c> comments that it does not run: help, a command it cannot parse, a user without write access.</summary>
public static class CommandReplies
{
    public static string Help() =>
        "**Konfig commands** (the first line of a comment):\n\n```\n" + CommandParser.Usage + "\n```\n";

    /// <summary>The command line as written, a caret under the column of the error, what was expected there, then the help.</summary>
    public static string ParseError(string comment, CommandError error)
    {
        var end = comment.AsSpan().IndexOfAny('\r', '\n');
        var line = end < 0 ? comment : comment[..end];

        // The line goes in a fence: a backtick run in it must not close the fence early.
        var fence = new string('`', Math.Max(3, LongestBacktickRun(line) + 1));
        return $"I could not read that command: {WebUtility.HtmlEncode(error.Message)}\n\n{fence}\n{line}\n{new string(' ', Math.Max(0, error.Column - 1))}^\n{fence}\n\n" + Help();
    }

    public static string NotAllowed(string user, CommandVerb verb) =>
        $"@{user} `/konfig {verb.ToString().ToLowerInvariant()}` needs write access to this repository.";

    private static int LongestBacktickRun(string text)
    {
        int longest = 0, run = 0;
        foreach (var c in text)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }
}
