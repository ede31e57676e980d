using FluentAssertions;
using Konfig.Bot.Storage;
using Npgsql;

namespace Konfig.Bot.Tests.Storage;

[RequiresPostgres]
[Collection(PostgresCollection.Name)]
public sealed class PostgresBotStoreTests(PostgresServer server) : BotStoreContract
{
    private string? _connectionString;

    protected override async Task<IBotStore> OpenStoreAsync()
    {
        _connectionString ??= await server.NewSchemaAsync();
        return await PostgresBotStore.OpenAsync(_connectionString, Time);
    }

    [StoreFact]
    public async Task Replicas_opening_a_new_database_at_once_create_the_schema_once()
    {
        var connectionString = await server.NewSchemaAsync();

        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => PostgresBotStore.OpenAsync(connectionString))));
        try
        {
            (await stores[0].RecordDeliveryAsync("d-1")).Should().BeTrue();
            (await stores[3].RecordDeliveryAsync("d-1")).Should().BeFalse();
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*), max(version) FROM schema_version;", connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            (reader.GetInt64(0), reader.GetInt32(1)).Should().Be((1L, 1));
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [StoreFact]
    public async Task A_database_from_a_newer_bot_is_refused()
    {
        var connectionString = await server.NewSchemaAsync();
        await (await PostgresBotStore.OpenAsync(connectionString)).DisposeAsync();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("UPDATE schema_version SET version = 99;", connection);
            await command.ExecuteNonQueryAsync();
        }

        await FluentActions.Awaiting(() => PostgresBotStore.OpenAsync(connectionString))
            .Should().ThrowAsync<InvalidOperationException>().WithMessage("*schema version 99, newer than this bot knows (1)*");
    }

    [StoreFact]
    public async Task An_unreachable_server_is_a_clear_error()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Port = 1, Timeout = 2 }.ToString();

        await FluentActions.Awaiting(() => PostgresBotStore.OpenAsync(unreachable))
            .Should().ThrowAsync<InvalidOperationException>().WithMessage("cannot open the bot's PostgreSQL database: *");
        await FluentActions.Awaiting(() => PostgresBotStore.OpenAsync("Hst=nowhere"))
            .Should().ThrowAsync<ArgumentException>().WithMessage("invalid PostgreSQL connection string: *");
    }
}
