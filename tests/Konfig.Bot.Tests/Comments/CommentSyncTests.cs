using FluentAssertions;
using Konfig.Bot.Commands;
using Konfig.Bot.Comments;

namespace Konfig.Bot.Tests.Comments;

public sealed class CommentSyncTests
{
    private static string Part(int part, int parts, string text) => $"<!-- konfig:preview part={part}/{parts} -->\n{text}";

    [Fact]
    public void The_first_preview_is_created()
    {
        CommentSync.Plan([new ExistingComment(1, "LGTM")], ["<!-- konfig:preview -->\nA"]).Should().Equal(new CreateComment("<!-- konfig:preview -->\nA"));
    }

    [Fact]
    public void Existing_parts_are_edited_in_part_order_and_unchanged_ones_left_alone()
    {
        var existing = new[] { new ExistingComment(30, Part(2, 2, "B")), new ExistingComment(10, Part(1, 2, "A")), new ExistingComment(20, "not ours") };

        var plan = CommentSync.Plan(existing, [Part(1, 3, "A2"), Part(2, 3, "B"), Part(3, 3, "C")]);

        plan.Should().Equal(new UpdateComment(10, Part(1, 3, "A2")), new UpdateComment(30, Part(2, 3, "B")), new CreateComment(Part(3, 3, "C")));
        CommentSync.Plan([new ExistingComment(10, "<!-- konfig:preview -->\nA")], ["<!-- konfig:preview -->\nA"]).Should().BeEmpty();
    }

    [Fact]
    public void Parts_no_longer_needed_are_deleted()
    {
        var existing = new[] { new ExistingComment(10, Part(1, 2, "A")), new ExistingComment(11, Part(2, 2, "B")) };

        CommentSync.Plan(existing, ["<!-- konfig:preview -->\nA"]).Should().Equal(new UpdateComment(10, "<!-- konfig:preview -->\nA"), new DeleteComment(11));
    }

    [Fact]
    public void A_parse_error_reply_points_at_the_column()
    {
        var comment = "/konfig preview -x a\nmore text";
        var error = CommandParser.Parse(comment).Error!;

        var reply = CommandReplies.ParseError(comment, error);

        reply.Should().StartWith("I could not read that command: column 17: expected &#39;-s STACK&#39; or &#39;--stack STACK&#39; or the end of the line, found &#39;-&#39;");
        reply.Should().Contain("```\n/konfig preview -x a\n                ^\n```");
        reply.Should().Contain(CommandParser.Usage).And.NotContain("more text");
        MarkdownChecks.ShouldBeBalanced(reply);
    }
}
