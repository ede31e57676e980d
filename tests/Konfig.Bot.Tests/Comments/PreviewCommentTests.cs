using System.Text.Json.Nodes;
using FluentAssertions;
using Konfig.Bot.Comments;
using Konfig.Engine.Planning;
using Konfig.Kubernetes;

namespace Konfig.Bot.Tests.Comments;

public sealed class PreviewCommentTests
{
    /// <summary>A synthetic preview: <paramref name="updates"/> Deployments with <paramref name="fields"/> changed fields each.</summary>
    internal static Preview Updates(string stack, int updates, int fields, int valueLength = 20)
    {
        var changes = Enumerable.Range(0, updates).Select(i => new ResourceChange(
            $"web-{i}",
            ChangeAction.Update,
            new ObjectReference("apps/v1", "Deployment", "shop", $"web-{i}"),
            null,
            null,
            [.. Enumerable.Range(0, fields).Select(f => new FieldChange($"spec.template.metadata.labels.l{f}", JsonValue.Create(new string('a', valueLength)), JsonValue.Create(new string('b', valueLength))))])).ToList();
        return new Preview(stack, null, changes, [], []);
    }

    [Fact]
    public void One_comment_with_the_marker_a_summary_line_per_stack_outside_details_and_the_diff_inside()
    {
        var results = new[]
        {
            StackResult.Previewed("apps/web/dev", Updates("apps/web/dev", 2, 1)),
            StackResult.Previewed("apps/api/dev", new Preview("apps/api/dev", null, [], [], [])),
        };

        var bodies = PreviewComment.Render("0123456789abcdef", results);

        var body = bodies.Should().ContainSingle().Subject;
        body.Should().StartWith(PreviewComment.Marker + "\n");
        body.Should().Contain("At `0123456`: 2 stacks affected: 1 with changes, 1 without, 0 failed.");
        var summary = "🟡 <code>apps/web/dev</code>: 0 to create, 2 to update, 0 to delete";
        body.Should().Contain(summary + "\n\n<details>");
        body.IndexOf(summary, StringComparison.Ordinal).Should().BeLessThan(body.IndexOf("```diff", StringComparison.Ordinal));
        body.Should().Contain("⚪ <code>apps/api/dev</code>: no changes");
        body.Should().Contain("+ spec.template.metadata.labels.l0: \"bbbbbbbbbbbbbbbbbbbb\"");
        MarkdownChecks.ShouldBeBalanced(body);
        PreviewComment.TryParseMarker(body, out var part, out var parts).Should().BeTrue();
        (part, parts).Should().Be((1, 1));
    }

    [Fact]
    public void Compile_errors_show_with_file_and_line()
    {
        var result = new StackResult("apps/web/dev", null,
        [
            new StackError("apps/web/dev/main.k", 12, 5, "name 'replicas' is not defined"),
            new StackError(null, 0, 0, "the output is not a list of resources"),
        ]);

        var body = PreviewComment.Render("abc", [result]).Single();

        result.Outcome.Should().Be(StackOutcome.Failed);
        body.Should().Contain("❌ <code>apps/web/dev</code>: 2 errors, first apps/web/dev/main.k:12: name &#39;replicas&#39; is not defined");
        body.Should().Contain("- <code>apps/web/dev/main.k:12</code>: name &#39;replicas&#39; is not defined");
        body.Should().Contain("- the output is not a list of resources");
        MarkdownChecks.ShouldBeBalanced(body);
    }

    [Fact]
    public void No_affected_stack_says_so()
    {
        PreviewComment.Render("abc", []).Single().Should().Contain("No stack is affected by this change.");
    }

    [Fact]
    public void A_500_stack_preview_splits_between_stacks_into_balanced_parts_under_the_limit()
    {
        var results = Enumerable.Range(0, 500)
            .Select(i => StackResult.Previewed($"apps/app-{i:D3}/prod", Updates($"apps/app-{i:D3}/prod", 6, 4)))
            .ToList();

        var bodies = PreviewComment.Render(new string('f', 40), results);

        bodies.Count.Should().BeGreaterThan(1);
        bodies.SkipLast(1).Should().OnlyContain(b => b.Length > PreviewComment.MaxLength * 9 / 10, "parts are filled before a new one starts");
        for (var i = 0; i < bodies.Count; i++)
        {
            bodies[i].Length.Should().BeLessThan(PreviewComment.MaxLength);
            MarkdownChecks.ShouldBeBalanced(bodies[i]);
            PreviewComment.TryParseMarker(bodies[i], out var part, out var parts).Should().BeTrue();
            (part, parts).Should().Be((i + 1, bodies.Count));
        }

        // Every stack once, in order, whole in one part: its summary line and its last diff line together.
        var all = string.Join("\n", bodies);
        var positions = results.Select(r => all.IndexOf($"<code>{r.Stack}</code>: 0 to create", StringComparison.Ordinal)).ToList();
        positions.Should().NotContain(-1).And.BeInAscendingOrder();
        foreach (var result in results)
        {
            bodies.Should().ContainSingle(b => b.Contains($"<code>{result.Stack}</code>: 0 to create", StringComparison.Ordinal))
                .Which.Should().Contain($"### Preview of <code>{result.Stack}</code>");
        }
    }

    [Fact]
    public void A_stack_larger_than_a_comment_has_its_diff_cut_between_resources_with_a_note()
    {
        var huge = StackResult.Previewed("apps/huge/prod", Updates("apps/huge/prod", 400, 10, valueLength: 30));
        var small = StackResult.Previewed("apps/small/prod", Updates("apps/small/prod", 1, 1));

        var bodies = PreviewComment.Render("abc", [small, huge, small with { Stack = "apps/small2/prod" }]);

        bodies.Should().OnlyContain(b => b.Length < PreviewComment.MaxLength);
        bodies.Should().AllSatisfy(MarkdownChecks.ShouldBeBalanced);
        var cut = bodies.Single(b => b.Contains("<code>apps/huge/prod</code>", StringComparison.Ordinal));
        cut.Should().Contain("0 to create, 400 to update, 0 to delete");
        cut.Should().MatchRegex(@"\*The rest of this stack's preview is left out: it is [\d,]+ characters, more than a comment holds\.\*");
        cut.Should().Contain("<summary>update <code>web-0</code> (").And.NotContain("<summary>update <code>web-399</code> (");
        string.Concat(bodies).Should().Contain("apps/small2/prod");
    }

    [Fact]
    public void Other_comments_are_not_taken_for_the_preview()
    {
        PreviewComment.TryParseMarker("LGTM <!-- konfig:preview -->", out _, out _).Should().BeFalse();
        PreviewComment.TryParseMarker("<!-- konfig:preview part=3/2 -->", out _, out _).Should().BeFalse();
        PreviewComment.TryParseMarker("<!-- konfig:preview part=2/3 -->\n## Konfig", out var part, out var parts).Should().BeTrue();
        (part, parts).Should().Be((2, 3));
    }
}
