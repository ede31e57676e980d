using FluentAssertions;
using Konfig.Bot.Rewrites;
using Konfig.Rewrite.Bulk;
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
