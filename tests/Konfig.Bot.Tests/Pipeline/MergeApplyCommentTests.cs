using FluentAssertions;
using Konfig.Bot.GitHub;
using Konfig.Bot.Pipeline;

namespace Konfig.Bot.Tests.Pipeline;

public sealed class MergeApplyCommentTests
{
    [Fact]
    public void An_error_tail_holding_backticks_stays_inside_its_code_block()
    {
        var failed = new StackApplyReport("konfig/apps/web/prod", StackApplyOutcome.Failed, "Applied 0, deleted 0, failed 1, skipped 0, unchanged 0", null,
            ["Failed apps/v1:Deployment:web:web: bad value ```yaml", "end"]);

        var body = MergeApplyComment.Render("0123456789abcdef", [failed], error: null);

        body.Should().Contain("the apply of 0123456");
        body.Should().Contain("````text\nFailed apps/v1:Deployment:web:web: bad value ```yaml\nend\n````");
        body.Should().Contain("/konfig retry");
    }

    [Fact]
    public void A_merge_that_could_not_run_fails_the_aggregate_with_why_in_one_status_line()
    {
        var error = "the stacks' dependsOn form a cycle: apps/a/prod → apps/b/prod → apps/a/prod " + new string('x', 200);

        var checks = MergeApplyChecks.All([], error);

        var aggregate = checks.Should().ContainSingle().Subject;
        aggregate.Name.Should().Be("konfig apply");
        aggregate.Conclusion.Should().Be(CheckRunConclusion.Failure);
        aggregate.Description.Should().StartWith("Not applied: the stacks' dependsOn form a cycle").And.HaveLength(140);
        MergeApplyComment.Render("abc", [], error).Should().Contain("Nothing was applied: the stacks' dependsOn form a cycle");
    }
}
