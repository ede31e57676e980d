using FluentAssertions;
using Konfig.Bot.Rewrites;
using Konfig.Rewrite.Bulk;
using Konfig.Rewrite.Preview;
using Konfig.Workspace.Discovery;

namespace Konfig.Bot.Tests.Rewrites;

public sealed class RewritePullRequestBodyTests
{
    private static readonly Project App = new() { Name = "app", Directory = "/repo/konfig/apps/app", Path = "apps/app" };

    [Fact]
    public void Lists_each_stack_with_its_files_and_line_counts()
    {
        var stack = Stack(0);
        var rewrite = Rewrite([
            new FileChange(stack, FileChangeKind.Source, stack.Directory + "/main.k", "a\nb\nc\n", "a\nB\nc\nd\n"),
            new FileChange(stack, FileChangeKind.Golden, stack.GoldenPath, null, "- id: x\n"),
        ]);

        var body = RewritePullRequestBody.Create(rewrite, "/repo", "0123456789abcdef");

        body.Should().StartWith(RewritePullRequestBody.Marker + "\n")
            .And.Contain("**1 stack** rewritten; each compiles and its golden follows (on 0123456).")
            .And.Contain("| `apps/app/s0000` | `main.k`, `ci-test/stdout.golden.yaml` | +2 −1 |")
            .And.Contain("--- a/konfig/apps/app/s0000/main.k\n+++ b/konfig/apps/app/s0000/main.k\n@@ -1,3 +1,4 @@\n a\n-b\n+B\n c\n+d\n");
        RewritePullRequestBody.Title(rewrite).Should().Be("konfig rewrite: app.replicas=3");
    }

    [Fact]
    public void Names_the_stacks_a_spec_left_alone()
    {
        var stack = Stack(0);
        var rewrite = Rewrite([new FileChange(stack, FileChangeKind.Source, stack.Directory + "/main.k", "a\n", "b\n")]) with
        {
            Notes = [new RewriteNote("apps/app/s0001", "/repo/konfig/apps/app/s0001/main.k", "'app.replicas=3' not applied: no variable 'app' to set here")],
        };

        var body = RewritePullRequestBody.Create(rewrite, "/repo");

        body.Should().Contain("\n**Left alone:**\n\n- `apps/app/s0001`: 'app.replicas=3' not applied: no variable 'app' to set here\n");
    }

    [Fact]
    public void Thousands_of_stacks_stay_within_the_budget_with_the_rest_counted()
    {
        var big = string.Concat(Enumerable.Range(0, 40).Select(i => $"line {i}\n"));
        var changes = Enumerable.Range(0, 1000).Select(Stack)
            .Select(stack => new FileChange(stack, FileChangeKind.Source, stack.Directory + "/main.k", big, big.Replace("line", "LINE", StringComparison.Ordinal)))
            .ToList();

        var body = RewritePullRequestBody.Create(Rewrite(changes), "/repo");

        body.Length.Should().BeLessThanOrEqualTo(RewritePullRequestBody.MaxLength);
        body.Should().Contain("**1000 stacks** rewritten").And.Contain("| and 800 more | | |").And.Contain("more rewritten files are not shown here");
        body.Should().EndWith("see the commit.\n");
        (body.Split("```").Length % 2).Should().Be(1, "every code fence is closed");
    }

    [Fact]
    public void Shows_each_stacks_preview_folded_with_its_summary_before_the_diffs()
    {
        var stack = Stack(0);
        var rewrite = Rewrite([new FileChange(stack, FileChangeKind.Source, stack.Directory + "/main.k", "a\n", "b\n")]) with
        {
            Previews =
            [
                new StackPreview(stack.Path, PreviewBaseline.Golden, [
                    new ResourcePreview("apps/v1:Deployment:app:web", "apps/v1/Deployment app/web", ResourcePreviewAction.Change,
                        [new FieldPreview("spec.replicas", "2", "3"), new FieldPreview("metadata.labels.tier", "\"a`b\"", "(absent)")], MoreFields: 4),
                    new ResourcePreview("v1:Secret:app:db", "v1/Secret app/db", ResourcePreviewAction.Add, []),
                ]),
                new StackPreview("apps/app/s0001", PreviewBaseline.Compiled, [], "no preview: the stack did not compile before the rewrite"),
            ],
        };

        var body = RewritePullRequestBody.Create(rewrite, "/repo");

        body.Should().Contain(
            "<details><summary><code>apps/app/s0000</code>: 1 to add, 1 to change, 0 to delete</summary>\n\n" +
            "- change `apps/v1/Deployment app/web`\n" +
            "  - `spec.replicas`: `2` → `3`\n" +
            "  - `metadata.labels.tier`: `\"a'b\"` → `(absent)`\n" +
            "  - and 4 more fields\n" +
            "- add `v1/Secret app/db`\n\n</details>\n");
        body.Should().Contain("<details><summary><code>apps/app/s0001</code>: no preview: the stack did not compile before the rewrite</summary>\n\n\n</details>\n");
        body.IndexOf("<code>apps/app/s0000</code>", StringComparison.Ordinal).Should().BeLessThan(body.IndexOf("```diff", StringComparison.Ordinal));
    }

    [Fact]
    public void Thousands_of_previews_leave_room_for_the_diffs_with_the_rest_counted()
    {
        var fields = Enumerable.Range(0, SpecPreview.FieldsPerResource).Select(i => new FieldPreview($"spec.field{i}", "1", "2")).ToList();
        var stacks = Enumerable.Range(0, 1000).Select(Stack).ToList();
        var rewrite = Rewrite([.. stacks.Select(s => new FileChange(s, FileChangeKind.Source, s.Directory + "/main.k", "a\n", "b\n"))]) with
        {
            Previews = [.. stacks.Select(s => new StackPreview(s.Path, PreviewBaseline.Golden,
                [new ResourcePreview("x", "apps/v1/Deployment app/web", ResourcePreviewAction.Change, fields)]))],
        };

        var body = RewritePullRequestBody.Create(rewrite, "/repo");

        body.Length.Should().BeLessThanOrEqualTo(RewritePullRequestBody.MaxLength);
        body.Should().MatchRegex(@"\nand \d+ more stacks \(`konfig rewrite --dry-run` shows every preview\)\n");
        body.Should().Contain("--- a/konfig/apps/app/s0000/main.k", "the diffs still get their half of the budget");
        (body.Split("<details>").Length).Should().Be(body.Split("</details>").Length, "every details block is closed");
    }

    private static Stack Stack(int index) => new()
    {
        Name = "prod",
        Project = App,
        Directory = $"/repo/konfig/apps/app/s{index:D4}",
        Path = $"apps/app/s{index:D4}",
    };

    private static BulkRewriteResult Rewrite(IReadOnlyList<FileChange> changes) =>
        new("app.replicas=3", [.. changes.Select(c => c.Stack).Distinct()], changes, [], Written: false);
}
