using FluentAssertions;
using Konfig.Bot.Storage;
using Microsoft.Data.Sqlite;

namespace Konfig.Bot.Tests.Storage;

public sealed class SqliteBotStoreTests : BotStoreContract, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "konfig-bot-store-" + Guid.NewGuid().ToString("N")[..12]);

    private string DatabasePath => Path.Combine(_folder, "state", "bot.db");

    protected override async Task<IBotStore> OpenStoreAsync() => await SqliteBotStore.OpenAsync(DatabasePath, Time);

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_file_is_created_on_first_use_in_wal_mode_with_its_schema_version()
    {
        File.Exists(DatabasePath).Should().BeTrue();
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        (await command.ExecuteScalarAsync()).Should().Be("wal");
        command.CommandText = "SELECT version FROM schema_version;";
        (await command.ExecuteScalarAsync()).Should().Be(1L);
    }

    [Fact]
    public async Task Stores_opening_a_new_file_at_once_create_the_schema_once()
    {
        var path = Path.Combine(_folder, "shared", "bot.db");

        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SqliteBotStore.OpenAsync(path))));
        try
        {
            (await stores[0].RecordDeliveryAsync("d-1")).Should().BeTrue();
            (await stores[3].RecordDeliveryAsync("d-1")).Should().BeFalse();
            await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) || '/' || max(version) FROM schema_version;";
            (await command.ExecuteScalarAsync()).Should().Be("1/1");
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_database_from_a_newer_bot_is_refused()
    {
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE schema_version SET version = 99;";
            await command.ExecuteNonQueryAsync();
        }

        await FluentActions.Awaiting(() => SqliteBotStore.OpenAsync(DatabasePath, Time))
            .Should().ThrowAsync<InvalidOperationException>().WithMessage("*schema version 99, newer than this bot knows (1)*");
    }
}
