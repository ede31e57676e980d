using Konfig.Bot.Storage;
using Konfig.Bot.Tests.Storage;

namespace Konfig.Bot.Tests.StatusPage;

/// <summary>A SQLite bot store in a temporary folder on a hand-moved clock, filled through its public API.</summary>
public sealed class StatusStore : IAsyncDisposable
{
    public const string Repo = "octo-org/platform";
    public const string RunningSha = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
    public const string PendingSha = "0f1e2d3c4b5a69788796a5b4c3d2e1f001234567";
    public const string PreviewText = "+ apps/Deployment/web (replicas: 3)";

    private readonly TemporaryFolder _folder;

    private StatusStore(TemporaryFolder folder, SqliteBotStore store, ManualTime time)
    {
        _folder = folder;
        Store = store;
        Time = time;
    }

    public SqliteBotStore Store { get; }

    public ManualTime Time { get; }

    public static async Task<StatusStore> OpenAsync()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 3, 14, 9, 30, 0, TimeSpan.Zero));
        var folder = new TemporaryFolder();
        var store = await SqliteBotStore.OpenAsync(Path.Combine(folder.Path, "bot.db"), time);
        return new StatusStore(folder, store, time);
    }

    /// <summary>
    /// The scene of the browser test and most page tests: apps/web/prod is being applied by worker-1 (its stack
    /// locked), apps/api/prod waits in the queue, and two runs of apps/web/prod, the newer one with a preview.
    /// </summary>
    public async Task FillAsync()
    {
        await Store.EnqueueAsync(new ApplyRequest(Repo, "apps/web/prod", RunningSha, 42));
        await Store.EnqueueAsync(new ApplyRequest(Repo, "apps/api/prod", PendingSha, null));
        var claimed = await Store.ClaimNextAsync("worker-1", TimeSpan.FromMinutes(5));
        if (claimed?.StackPath != "apps/web/prod")
        {
            throw new InvalidOperationException($"expected to claim apps/web/prod, claimed {claimed?.StackPath ?? "nothing"}");
        }

        var start = Time.GetUtcNow().AddMinutes(-20);
        await Store.RecordRunAsync(new RunRecord(Repo, "apps/web/prod", RunKind.Preview, PendingSha, 41, RunOutcome.Failed,
            "compile error at apps/web/main.k:3", null, start, start.AddSeconds(4)));
        await Store.RecordRunAsync(new RunRecord(Repo, "apps/web/prod", RunKind.Preview, RunningSha, 42, RunOutcome.Succeeded,
            "1 to create", "```diff\n" + PreviewText + "\n```", start.AddMinutes(10), start.AddMinutes(10).AddSeconds(95)));
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        _folder.Dispose();
    }
}
