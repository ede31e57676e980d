using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Konfig.Affected.Snapshot;

namespace Konfig.Affected.DotNet;

/// <summary>
/// Evaluating the MSBuild project graph takes seconds, so its result is kept as JSON, keyed by the
/// blob ids of every MSBuild file in the tree: while none of them changes, neither can the graph.
/// A tree with uncommitted MSBuild files (no blob id) is evaluated afresh and not kept.
/// </summary>
internal static class DotNetGraphCache
{
    public static DotNetGraphLoadResult Load(
        string repositoryRoot, string? cacheDirectory, RepositorySnapshot snapshot, Func<string, string?, DotNetGraphLoadResult> load)
    {
        var key = cacheDirectory is null ? null : Key(snapshot);
        var path = key is null ? null : Path.Combine(cacheDirectory!, $"dotnet-{key}.json");
        if (path is not null && TryRead(path) is { } cached)
        {
            return DotNetGraphLoadResult.Success(cached);
        }

        var result = load(repositoryRoot, null);
        if (path is not null && result.Graph is { } graph)
        {
            TryWrite(path, graph);
        }

        return result;
    }

    private static string? Key(RepositorySnapshot snapshot)
    {
        var builder = new StringBuilder();
        foreach (var (path, facts) in snapshot.Files.Where(f => f.Value is MarkerFileFacts { Kind: MarkerKind.MsBuild }).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (facts.BlobId is null)
            {
                return null;
            }

            builder.Append(path).Append(' ').Append(facts.BlobId).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())))[..32];
    }

    private static DotNetProjectGraph? TryRead(string path)
    {
        try
        {
            return File.Exists(path) && JsonSerializer.Deserialize<List<DotNetProject>>(File.ReadAllText(path)) is { } projects
                ? new DotNetProjectGraph(projects)
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    private static void TryWrite(string path, DotNetProjectGraph graph)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = $"{path}.{Environment.ProcessId}.tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(graph.Projects));
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only a slower next run.
        }
    }
}
