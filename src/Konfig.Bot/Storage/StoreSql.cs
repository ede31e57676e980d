using System.Data.Common;

namespace Konfig.Bot.Storage;

/// <summary>Commands with named parameters, shared by the SQLite and PostgreSQL stores (plain ADO.NET).</summary>
internal static class StoreSql
{
    /// <summary>A command in <paramref name="transaction"/>; a value that is already a parameter (typed for its database) is added as it is.</summary>
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = value as DbParameter ?? command.CreateParameter();
            if (!ReferenceEquals(parameter, value))
            {
                parameter.Value = value ?? DBNull.Value;
            }

            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql,
        CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql,
        CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
