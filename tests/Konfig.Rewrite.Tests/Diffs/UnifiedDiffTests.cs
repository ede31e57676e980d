using FluentAssertions;
using Konfig.Rewrite.Diffs;

namespace Konfig.Rewrite.Tests.Diffs;

public sealed class UnifiedDiffTests
{
    [Fact]
    public void One_changed_line_with_three_lines_of_context()
    {
        var old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        var diff = UnifiedDiff.Create("apps/web/prod/main.k", old, old.Replace("5\n", "five\n", StringComparison.Ordinal));
        diff.Should().Be("""
            --- a/apps/web/prod/main.k
            +++ b/apps/web/prod/main.k
            @@ -2,7 +2,7 @@
             2
             3
             4
            -5
            +five
             6
             7
             8

            """.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Changes_far_apart_make_two_hunks_and_near_ones_one()
    {
        var lines = Enumerable.Range(1, 30).Select(i => $"{i}\n").ToList();
        var old = string.Concat(lines);
        var far = old.Replace("\n3\n", "\nthree\n", StringComparison.Ordinal).Replace("\n25\n", "\nx\n", StringComparison.Ordinal);
        HunkHeaders(UnifiedDiff.Create("f", old, far)).Should().Equal("@@ -1,6 +1,6 @@", "@@ -22,7 +22,7 @@");
        var near = old.Replace("\n3\n", "\nthree\n", StringComparison.Ordinal).Replace("\n10\n", "\nten\n", StringComparison.Ordinal);
        HunkHeaders(UnifiedDiff.Create("f", old, near)).Should().Equal("@@ -1,13 +1,13 @@");
    }

    [Fact]
    public void Insertion_into_an_empty_file_and_a_missing_last_newline()
    {
        UnifiedDiff.Create("f", "", "a\n").Should().Be("--- a/f\n+++ b/f\n@@ -0,0 +1,1 @@\n+a\n");
        UnifiedDiff.Create("f", "a\nb", "a\nc").Should().Be(
            "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n");
    }

    [Fact]
    public void Same_text_gives_no_diff() => UnifiedDiff.Create("f", "a\n", "a\n").Should().BeEmpty();

    [Fact]
    public void Counts_added_and_removed_lines() =>
        UnifiedDiff.Count("a\nb\nc\n", "a\nB\nc\nd\n").Should().Be((2, 1));

    /// <summary>git's own `git apply` must turn the old text into the new one with our diff, for many random edits.</summary>
    [Fact]
    public void Git_apply_reproduces_the_new_text_from_random_edits()
    {
        using var repository = TempGitRepository.Init();
        var random = new Random(12);
        for (var round = 0; round < 40; round++)
        {
            var old = RandomText(random, random.Next(0, 60));
            var edited = Edit(random, old);
            repository.Write("file.txt", old);
            var diff = UnifiedDiff.Create("file.txt", old, edited);
            if (diff.Length == 0)
            {
                edited.Should().Be(old);
                continue;
            }

            repository.Write("change.patch", diff);
            repository.Git("apply", "--unidiff-zero", "change.patch");
            File.ReadAllText(repository.PathOf("file.txt")).Should().Be(edited, $"round {round}, diff:\n{diff}");
        }
    }

    [Fact]
    public void Large_file_with_scattered_changes_is_quick()
    {
        var random = new Random(3);
        var old = RandomText(random, 5000);
        var edited = Edit(random, old);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        UnifiedDiff.Create("f", old, edited).Should().NotBeEmpty();
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void Unrelated_large_files_give_a_correct_diff_quickly()
    {
        // More differing lines than the search goes through: the rest is one replacement, which git must still apply.
        var old = string.Concat(Enumerable.Range(0, LineDiff.MaxEditDistance).Select(i => $"old {i}\n"));
        var edited = "kept\n" + string.Concat(Enumerable.Range(0, LineDiff.MaxEditDistance).Select(i => $"new {i}\n")) + "kept too\n";
        old = "kept\n" + old + "kept too\n";
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var diff = UnifiedDiff.Create("big.txt", old, edited);
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2));
        UnifiedDiff.Count(old, edited).Should().Be((LineDiff.MaxEditDistance, LineDiff.MaxEditDistance));

        using var repository = TempGitRepository.Init();
        repository.Write("big.txt", old).Write("change.patch", diff);
        repository.Git("apply", "change.patch");
        File.ReadAllText(repository.PathOf("big.txt")).Should().Be(edited);
    }

    private static IEnumerable<string> HunkHeaders(string diff) => diff.Split('\n').Where(line => line.StartsWith("@@", StringComparison.Ordinal));

    private static string RandomText(Random random, int lines) =>
        string.Concat(Enumerable.Range(0, lines).Select(_ => $"line {random.Next(0, 8)}\n"));

    private static string Edit(Random random, string text)
    {
        var lines = UnifiedDiff.SplitLines(text).ToList();
        for (var edits = random.Next(0, 6); edits > 0; edits--)
        {
            var at = random.Next(0, lines.Count + 1);
            switch (random.Next(3))
            {
                case 0 when at < lines.Count: lines.RemoveAt(at); break;
                case 1 when at < lines.Count: lines[at] = $"changed {random.Next(100)}\n"; break;
                default: lines.Insert(at, $"new {random.Next(100)}\n"); break;
            }
        }

        var result = string.Concat(lines);
        return random.Next(5) == 0 && result.EndsWith('\n') ? result[..^1] : result;
    }
}
