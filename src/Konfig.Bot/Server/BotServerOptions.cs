using Konfig.Bot.GitHub;
using Konfig.Engine.Runs;
using Microsoft.Extensions.Logging;

namespace Konfig.Bot.Server;

/// <summary>Where the bot keeps its state: a SQLite file, or a PostgreSQL database (several replicas).</summary>
public abstract record BotStoreLocation
{
    /// <summary>
    /// Reads <c>sqlite:PATH</c> or <c>postgres:CONNECTION-STRING</c>; the error says what was expected.
    /// A relative SQLite path is taken from <paramref name="baseFolder"/>.
    /// </summary>
    public static (BotStoreLocation? Location, string? Error) Parse(string text, string baseFolder)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith("sqlite:", StringComparison.Ordinal) && text.Length > "sqlite:".Length)
        {
            return (new SqliteStoreLocation(Path.GetFullPath(text["sqlite:".Length..], baseFolder)), null);
        }

        if (text.StartsWith("postgres:", StringComparison.Ordinal) && text.Length > "postgres:".Length)
        {
            return (new PostgresStoreLocation(text["postgres:".Length..]), null);
        }

        return (null, $"store '{Redact(text)}' is not 'sqlite:PATH' or 'postgres:CONNECTION-STRING'");
    }

    // A connection string may hold a password: show only what says which kind it is.
    private static string Redact(string text) => text.Length <= 9 ? text : text[..9] + "…";
}

public sealed record SqliteStoreLocation(string Path) : BotStoreLocation;

public sealed record PostgresStoreLocation(string ConnectionString) : BotStoreLocation
{
    public override string ToString() => "PostgresStoreLocation { ConnectionString = *** }";
}

/// <summary>Everything `konfig bot serve` needs, as plain values (no configuration files).</summary>
public sealed record BotServerOptions
{
    /// <summary>Where Kestrel listens, e.g. <c>http://0.0.0.0:8080</c>; port 0 picks a free port (see <see cref="BotServer.Url"/>).</summary>
    public required Uri Listen { get; init; }

    /// <summary>The webhook secret GitHub signs deliveries with.</summary>
    public required string WebhookSecret { get; init; }

    /// <summary>The repositories acted for: <c>owner/name</c> or <c>owner/*</c>.</summary>
    public required IReadOnlyList<string> Repositories { get; init; }

    public required GitHubCredentials Credentials { get; init; }

    public Uri GitHubApi { get; init; } = GitHubApiOptions.GitHubDotCom;

    /// <summary>Least time between two writes to GitHub (GitHub advises one second).</summary>
    public TimeSpan GitHubMutationSpacing { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A repository's git remote, with <c>{owner}</c>, <c>{name}</c>, <c>{repository}</c> replaced; a URL or a local path.</summary>
    public string RemoteTemplate { get; init; } = "https://github.com/{repository}.git";

    /// <summary>Clones, working trees, and the SQLite store by default.</summary>
    public required string WorkFolder { get; init; }

    /// <summary>The Konfig workspace's folder inside a checkout.</summary>
    public string KonfigFolder { get; init; } = ".";

    /// <summary>The engine's cluster and state settings for previews.</summary>
    public required StackRunSessionOptions Engine { get; init; }

    /// <summary>Null: a SQLite file <c>bot.db</c> in <see cref="WorkFolder"/>.</summary>
    public BotStoreLocation? Store { get; init; }

    /// <summary>How many jobs may wait; a delivery beyond is answered 503.</summary>
    public int QueueCapacity { get; init; } = 256;

    /// <summary>How many jobs run at once (never two of one pull request).</summary>
    public int Workers { get; init; } = 2;

    /// <summary>How many merges apply at once (of different repositories); 0 applies none: merges wait in the store.</summary>
    public int ApplyWorkers { get; init; } = 1;

    /// <summary>How long an apply job's claim holds without renewal; after a crash, the job is applied again once it expired.</summary>
    public TimeSpan ApplyLease { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often an idle apply worker looks for jobs whose lease expired.</summary>
    public TimeSpan ApplyPollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How the server logs; null logs to the console.</summary>
    public Action<ILoggingBuilder>? Logging { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public override string ToString() => $"BotServerOptions {{ Listen = {Listen}, Repositories = [{string.Join(", ", Repositories)}], Credentials = {Credentials}, WebhookSecret = *** }}";
}
