using FluentAssertions;
using Konfig.Bot.Checks;
using Konfig.Bot.Comments;
using Konfig.Bot.Tests.Comments;
using Konfig.Engine.Planning;

namespace Konfig.Bot.Tests.Checks;

public sealed class CheckRunsTests
{
    private static readonly StackResult Changed = StackResult.Previewed("apps/web/dev", PreviewCommentTests.Updates("apps/web/dev", 2, 1));
    private static readonly StackResult Unchanged = StackResult.Previewed("apps/api/dev", new Preview("apps/api/dev", null, [], [], []));

    private static StackResult Broken(string stack, int errors) => new(stack, null,
        [.. Enumerable.Range(1, errors).Select(i => new StackError($"{stack}/main.k", i, i % 3, $"error {i}")), new StackError(null, 0, 0, "no file")]);

    [Fact]
    public void One_run_per_stack_plus_the_aggregate_with_conclusions_from_the_results()
    {
        var runs = CheckRuns.All([Changed, Unchanged, Broken("apps/db/dev", 1)]);

        runs.Select(r => (r.Name, r.ConclusionName)).Should().Equal(
            ("konfig", "failure"),
            ("konfig: apps/web/dev", "success"),
            ("konfig: apps/api/dev", "neutral"),
            ("konfig: apps/db/dev", "failure"));
        runs[0].Title.Should().Be("3 stacks: 1 with changes, 1 without, 1 failed");
        runs[1].Title.Should().Be("0 to create, 2 to update, 0 to delete");
        runs[1].Text.Should().Contain("```diff");
        runs[2].Title.Should().Be("No changes");
        runs[3].Title.Should().Be("2 errors");
    }

    [Fact]
    public void The_aggregate_is_success_with_any_change_and_neutral_without()
    {
        CheckRuns.Aggregate([Changed, Unchanged]).Conclusion.Should().Be(CheckConclusion.Success);
        CheckRuns.Aggregate([Unchanged]).Conclusion.Should().Be(CheckConclusion.Neutral);
        CheckRuns.Aggregate([]).Should().Match<CheckRunContent>(r => r.Conclusion == CheckConclusion.Neutral && r.Title == "No stack affected");
    }

    [Fact]
    public void A_preview_with_errors_fails()
    {
        var preview = new Preview("apps/x", null, [], [], [new PreviewMessage("web", "forbidden")]);

        CheckRuns.ForStack(StackResult.Previewed("apps/x", preview)).Conclusion.Should().Be(CheckConclusion.Failure);
    }

    [Fact]
    public void KCL_errors_with_a_line_are_failure_annotations_in_batches_of_50()
    {
        var run = CheckRuns.ForStack(Broken("apps/db/dev", 123));

        run.AnnotationBatches.Select(b => b.Count).Should().Equal(50, 50, 23);
        var all = run.AnnotationBatches.SelectMany(b => b).ToList();
        all.Should().OnlyContain(a => a.AnnotationLevel == "failure" && a.Path == "apps/db/dev/main.k" && a.StartLine == a.EndLine);
        all.Select(a => a.StartLine).Should().Equal(Enumerable.Range(1, 123));
        all[0].Message.Should().Be("error 1");
        all[0].StartColumn.Should().Be(1);
        all[2].StartColumn.Should().BeNull("column 0 means none");
        run.Text.Should().Contain("- apps/db/dev/main.k:7: error 7").And.Contain("- no file");
        CheckRuns.Aggregate([Broken("apps/db/dev", 3)]).AnnotationBatches.Should().BeEmpty();
    }

    [Fact]
    public void Outputs_stay_within_GitHubs_limit_and_balanced()
    {
        var huge = StackResult.Previewed("apps/huge", PreviewCommentTests.Updates("apps/huge", 500, 10, valueLength: 30));
        var many = Enumerable.Range(0, 3000).Select(i => huge with { Stack = $"apps/s{i}" }).ToList();

        var stack = CheckRuns.ForStack(huge);
        var aggregate = CheckRuns.Aggregate(many);

        stack.Text!.Length.Should().BeLessThanOrEqualTo(CheckRuns.MaxOutputLength);
        MarkdownChecks.ShouldBeBalanced(stack.Text);
        stack.Text.Should().EndWith("*The rest is left out: GitHub takes 65,535 characters here.*\n");
        aggregate.Summary.Length.Should().BeLessThanOrEqualTo(CheckRuns.MaxOutputLength);
        aggregate.Summary.Should().Contain("3000 stacks in all");
    }

    [Fact]
    public void Commit_statuses_mirror_the_runs_with_short_descriptions()
    {
        var longError = new StackResult("apps/db/dev", null, [new StackError(null, 0, 0, new string('x', 500))]);

        var statuses = CommitStatuses.All([Changed, Unchanged, longError]);

        statuses.Select(s => (s.Context, s.State)).Should().Equal(
            ("konfig", "failure"), ("konfig: apps/web/dev", "success"), ("konfig: apps/api/dev", "success"), ("konfig: apps/db/dev", "failure"));
        statuses[2].Description.Should().Be("No changes");
        statuses[3].Description.Should().Be("1 error, first " + new string('x', 124) + "…");
        statuses.Should().OnlyContain(s => s.Description.Length <= CommitStatuses.MaxDescriptionLength);
        CommitStatuses.Pending("apps/web/dev").Should().Be(new CommitStatusContent("konfig: apps/web/dev", "pending", "Preview running"));
    }
}
