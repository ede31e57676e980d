using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Konfig.Workspace.Files;
using Konfig.Affected.Snapshot;

namespace Konfig.Affected.DotNet;

/// <summary>
/// Evaluating the MSBuild project graph takes seconds, so its result is kept as JSON, keyed by the
/// content of every MSBuild file the tree holds, as read from disk (MSBuild evaluates the checked-out
/// files, which may differ from the compared head): while none of them changes, neither can the graph.
/// </summary>
internal static class DotNetGraphCache
{
    public static DotNetGraphLoadResult Load(
        string repositoryRoot, string? cacheDirectory, RepositorySnapshot snapshot, Func<string, string?, DotNetGraphLoadResult> load)
    {
        var key = cacheDirectory is null ? null : Key(repositoryRoot, snapshot);
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

    private static string? Key(string repositoryRoot, RepositorySnapshot snapshot)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var path in snapshot.Files.Where(f => f.Value is MarkerFileFacts { Kind: MarkerKind.MsBuild }).Select(f => f.Key).Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(path + "\n"));
            try
            {
                var full = Path.Combine(repositoryRoot, path);
                hash.AppendData(File.Exists(full) ? File.ReadAllBytes(full) : "(missing)"u8.ToArray());
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..32];
    }

    private static DotNetProjectGraph? TryRead(string path)
    {
        try
        {
            return File.Exists(path) && JsonSerializer.Deserialize(File.ReadAllText(path), DotNetGraphJson.Default.ListDotNetProject) is { } projects
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
            AtomicFile.WriteAllText(path, JsonSerializer.Serialize(graph.Projects.ToList(), DotNetGraphJson.Default.ListDotNetProject));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only a slower next run.
        }
    }
}

// The cache's JSON, written and read without reflection.
[JsonSerializable(typeof(List<DotNetProject>))]
internal sealed partial class DotNetGraphJson : JsonSerializerContext;
