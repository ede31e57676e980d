using Konfig.Bot.Storage;

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
}
