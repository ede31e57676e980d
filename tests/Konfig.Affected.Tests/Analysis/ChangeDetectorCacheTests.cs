using FluentAssertions;
using Konfig.Affected.Output;

namespace Konfig.Affected.Tests.Analysis;

/// <summary>
/// The snapshot cache under .git/konfig/snapshots only saves time: a warm run, a run deriving a
/// snapshot from an older cached tree, and a cold run with the cache off give the same report.
/// </summary>
public sealed class ChangeDetectorCacheTests
{
    [Fact]
    public void A_second_run_from_the_cache_and_a_run_without_it_give_the_same_report()
    {
        using var repo = KonfigMonorepo.Create();
        repo.Move($"{KonfigMonorepo.Monitoring}/alerts.k", "base/pkg/platform/unused/alerts.k");
        repo.Touch($"{KonfigMonorepo.Sizes}/sizes.k").Delete("apps/shop/data/motd.txt").Commit("mixed");
        var cacheFolder = Path.Combine(repo.Git.Root, ".git", "konfig", "snapshots");

        var first = AffectedJson.Render(repo.Detect("HEAD~1"));
        var cachedTrees = Directory.GetFiles(cacheFolder, "*.snapshot");
        var second = AffectedJson.Render(repo.Detect("HEAD~1"));
        var uncached = repo.Detect("HEAD~1", useCache: false);

        cachedTrees.Should().ContainSingle().Which.Should().EndWith(repo.Git.Git("rev-parse", "HEAD^{tree}") + ".snapshot");
        WithoutNotes(second).Should().Be(WithoutNotes(first));
        WithoutNotes(AffectedJson.Render(uncached)).Should().Be(WithoutNotes(first));
        uncached.Result.Stacks.Select(s => s.Path).Should().Equal(
            ChangeDetectorStackTests.Sorted(KonfigMonorepo.OrdersStacks.Concat(KonfigMonorepo.ShopStacks)));
    }

    [Fact]
    public void A_snapshot_derived_from_an_older_cached_commit_gives_the_same_result_as_a_cold_run()
    {
        using var repo = KonfigMonorepo.Create();
        repo.Touch("apps/orders/dev/main.k").Commit("commit 2");
        // Commit 3 changes what the graph looks like: a new package, a new importer, a removed stack.
        repo.Write("base/pkg/platform/quotas/quotas.k", "cpu = \"2\"\n");
        repo.Write("apps/tools/dev/main.k", "import base.pkg.platform.quotas\n\nquota = quotas.cpu\n");
        repo.DeleteFolder("apps/orders/prod");
        repo.Touch($"{KonfigMonorepo.Backend}/workload.k").Commit("commit 3");

        repo.Detect("HEAD~2", "HEAD~1");
        var warm = repo.Detect("HEAD~1", "HEAD");
        var cold = repo.Detect("HEAD~1", "HEAD", useCache: false);

        WithoutNotes(AffectedJson.Render(warm)).Should().Be(WithoutNotes(AffectedJson.Render(cold)));
        warm.Notes.Should().BeEmpty("commit 3's snapshot is derived from commit 2's, not read whole");
        warm.Result.Stacks.Select(s => (s.Path, s.Deleted)).Should().Equal(
            ("apps/orders/dev", false), ("apps/orders/prod", true), ("apps/shop/dev", false), ("apps/shop/prod", false), ("apps/tools/dev", false));
    }

    [Fact]
    public void A_corrupt_cache_entry_is_ignored()
    {
        using var repo = KonfigMonorepo.Create();
        repo.Touch("apps/shop/dev/main.k").Commit("edit");
        var cold = AffectedJson.Render(repo.Detect("HEAD~1", useCache: false));
        repo.Detect("HEAD~1");
        foreach (var entry in Directory.GetFiles(Path.Combine(repo.Git.Root, ".git", "konfig", "snapshots"), "*.snapshot"))
        {
            File.WriteAllBytes(entry, [1, 2, 3]);
        }

        var afterCorruption = AffectedJson.Render(repo.Detect("HEAD~1"));

        WithoutNotes(afterCorruption).Should().Be(WithoutNotes(cold));
    }

    /// <summary>The JSON without its notes, which say how the snapshot was obtained (the one thing a cache changes).</summary>
    private static string WithoutNotes(string json) => json[..json.IndexOf("\"notes\"", StringComparison.Ordinal)];
}
