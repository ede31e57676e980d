using System.Text.Json;
using Konfig.Affected.Analysis;

namespace Konfig.Affected.Output;

/// <summary>
/// A GitHub Actions matrix that spreads stacks over at most N jobs: <c>{"include":[{"shard":1,"count":2,
/// "stacks":"a b"},…]}</c> on one line, for <c>$GITHUB_OUTPUT</c> and <c>fromJSON</c>. Shards take whole
/// runs of stacks in path order (stacks of one project stay together where they can) and their sizes
/// differ by at most one. No affected stack gives an empty include list; guard the job on it.
/// </summary>
public static class GitHubMatrix
{
    /// <summary>GitHub's own limit on the jobs of one matrix.</summary>
    public const int MaxShards = 256;

    public static IReadOnlyList<IReadOnlyList<string>> Split(IReadOnlyList<string> stacks, int maxShards)
    {
        var shardCount = Math.Min(Math.Clamp(maxShards, 1, MaxShards), stacks.Count);
        var shards = new List<IReadOnlyList<string>>(shardCount);
        var start = 0;
        for (var shard = 0; shard < shardCount; shard++)
        {
            // The first (count % shards) shards take one stack more.
            var size = (stacks.Count / shardCount) + (shard < stacks.Count % shardCount ? 1 : 0);
            shards.Add([.. stacks.Skip(start).Take(size)]);
            start += size;
        }

        return shards;
    }

    public static string Render(AffectedResult result, int maxShards)
    {
        var stacks = result.Stacks.Where(s => !s.Deleted).Select(s => s.Path).ToList();
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("include");
            var number = 1;
            foreach (var shard in Split(stacks, maxShards))
            {
                json.WriteStartObject();
                json.WriteNumber("shard", number++);
                json.WriteNumber("count", shard.Count);
                json.WriteString("stacks", string.Join(' ', shard));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
