using System.Text.Json;
using FluentAssertions;
using Konfig.Affected.Analysis;
using Konfig.Affected.Output;

namespace Konfig.Affected.Tests.Output;

public sealed class GitHubMatrixTests
{
    [Theory]
    [InlineData(10, 3)]
    [InlineData(10, 4)]
    [InlineData(7, 7)]
    [InlineData(3, 16)]
    [InlineData(1, 1)]
    [InlineData(300, 256)]
    [InlineData(1000, 500)]
    public void Shards_keep_every_stack_in_order_and_differ_in_size_by_at_most_one(int stackCount, int maxShards)
    {
        var stacks = Enumerable.Range(0, stackCount).Select(i => $"apps/p{i:D4}/dev").ToList();

        var shards = GitHubMatrix.Split(stacks, maxShards);

        shards.Should().HaveCount(Math.Min(Math.Min(maxShards, GitHubMatrix.MaxShards), stackCount));
        shards.SelectMany(s => s).Should().Equal(stacks);
        shards.Should().OnlyContain(s => s.Count > 0);
        (shards.Max(s => s.Count) - shards.Min(s => s.Count)).Should().BeLessThanOrEqualTo(1);
    }

    [Fact]
    public void No_stacks_give_no_shards()
    {
        GitHubMatrix.Split([], 8).Should().BeEmpty();
    }

    [Fact]
    public void Render_writes_one_line_of_json_leaving_out_deleted_stacks()
    {
        var result = Result(("apps/a/dev", false), ("apps/a/prod", false), ("apps/b/dev", true), ("apps/c/dev", false));

        var text = GitHubMatrix.Render(result, 2);

        text.TrimEnd('\n').Should().NotContain("\n");
        using var json = JsonDocument.Parse(text);
        var include = json.RootElement.GetProperty("include").EnumerateArray().ToList();
        include.Select(e => (e.GetProperty("shard").GetInt32(), e.GetProperty("count").GetInt32(), e.GetProperty("stacks").GetString())).Should().Equal(
            (1, 2, "apps/a/dev apps/a/prod"),
            (2, 1, "apps/c/dev"));
    }

    [Fact]
    public void Render_of_no_stacks_is_an_empty_include_list()
    {
        using var json = JsonDocument.Parse(GitHubMatrix.Render(Result(), 4));

        json.RootElement.GetProperty("include").GetArrayLength().Should().Be(0);
    }

    private static AffectedResult Result(params (string Path, bool Deleted)[] stacks) =>
        new([], null, [.. stacks.Select(s => new AffectedStack(s.Path, null, s.Deleted, []))], stacks.Length);
}
