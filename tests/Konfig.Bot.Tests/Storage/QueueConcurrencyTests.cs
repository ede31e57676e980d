using Konfig.Bot.Storage;

namespace Konfig.Bot.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresQueueConcurrencyTests(PostgresServer server)
{
    [RequiresPostgresFact]
    public async Task Two_replicas_on_one_database_run_every_job_once_and_one_job_per_stack_at_a_time()
    {
        var connectionString = await server.NewSchemaAsync();
        // Two stores, two connection pools: as two bot replicas.
        await using var first = await PostgresBotStore.OpenAsync(connectionString);
        await using var second = await PostgresBotStore.OpenAsync(connectionString);

        await ConcurrentClaims.DrainAndCheckAsync([first, second]);
    }
}

public sealed class SqliteQueueConcurrencyTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "konfig-bot-store-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public async Task Two_stores_on_one_file_run_every_job_once_and_one_job_per_stack_at_a_time()
    {
        var path = Path.Combine(_folder, "bot.db");
        await using var first = await SqliteBotStore.OpenAsync(path);
        await using var second = await SqliteBotStore.OpenAsync(path);

        await ConcurrentClaims.DrainAndCheckAsync([first, second]);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
