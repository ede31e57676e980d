using FluentAssertions;
using Konfig.Bot.Commands;

namespace Konfig.Bot.Tests.Commands;

public sealed class CommandParserTests
{
    public static TheoryData<string, CommandVerb, string[]> Valid => new()
    {
        { "/konfig preview", CommandVerb.Preview, [] },
        { "/konfig preview -s apps/web/dev", CommandVerb.Preview, ["apps/web/dev"] },
        { "  \t/konfig  preview -s a/b --stack c_d/e.f-g  ", CommandVerb.Preview, ["a/b", "c_d/e.f-g"] },
        { "/konfig retry", CommandVerb.Retry, [] },
        { "/konfig retry --stack apps/api/prod", CommandVerb.Retry, ["apps/api/prod"] },
        { "/konfig unlock", CommandVerb.Unlock, [] },
        { "/konfig unlock -s apps/web/dev", CommandVerb.Unlock, ["apps/web/dev"] },
        { "/konfig help", CommandVerb.Help, [] },
        { "/Konfig HELP", CommandVerb.Help, [] },
        { "/konfig preview -s apps/web\nand -s ignored on later lines: /konfig retry", CommandVerb.Preview, ["apps/web"] },
        { "/konfig help\r\n", CommandVerb.Help, [] },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Commands_parse(string comment, CommandVerb verb, string[] stacks)
    {
        var result = CommandParser.Parse(comment);

        result.Error.Should().BeNull();
        result.Command.Should().BeEquivalentTo(new BotCommand(verb, stacks), o => o.WithStrictOrdering());
    }

    [Theory]
    [InlineData("/konfig destroy", 9, "preview, retry, unlock or help")]
    [InlineData("/konfig", 8, "a space")]
    [InlineData("/konfig previewx", 16, "a space or the end of the line")]
    [InlineData("/konfig preview -x a", 17, "'-s STACK' or '--stack STACK'")]
    [InlineData("/konfig preview -s", 19, "a space")]
    [InlineData("/konfig preview -s apps/we!b", 27, "a space or the end of the line")]
    [InlineData("/konfig preview -s  ", 21, "a stack path")]
    [InlineData("/konfig unlock -s a -s b", 21, "the end of the line")]
    [InlineData("/konfig help me", 14, "the end of the line")]
    public void Errors_give_the_column_and_what_was_expected(string comment, int column, string expected)
    {
        var result = CommandParser.Parse(comment);

        result.Command.Should().BeNull();
        result.Error!.Column.Should().Be(column, result.Error.Message);
        result.Error.Expected.Should().Contain(expected, result.Error.Message);
        result.Error.Message.Should().StartWith($"column {column}: ");
    }

    [Theory]
    [InlineData("/konfig help", true)]
    [InlineData("   /konfig", true)]
    [InlineData("/KONFIG preview", true)]
    [InlineData("/konfigure", false)]
    [InlineData("see /konfig help", false)]
    [InlineData("thanks\n/konfig preview", false)]
    [InlineData("", false)]
    public void Only_a_first_line_starting_with_the_word_konfig_is_a_command(string comment, bool isCommand)
    {
        CommandParser.IsCommand(comment).Should().Be(isCommand);
    }

    [Fact]
    public void A_command_prints_as_it_parses()
    {
        var command = CommandParser.Parse("/konfig retry --stack a/b -s c").Command!;

        CommandParser.Parse(command.ToString()).Command.Should().BeEquivalentTo(command);
        command.ToString().Should().Be("/konfig retry -s a/b -s c");
    }
}
