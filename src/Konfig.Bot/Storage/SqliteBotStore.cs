using System.Data.Common;
using Microsoft.Data.Sqlite;
using static Konfig.Bot.Storage.StoreSql;

namespace Konfig.Bot.Storage;

/// <summary>
/// The bot's store in one SQLite file: zero set-up, for one bot process (several store instances on one file
/// also work, as SQLite serialises writers). The file is created on first use, in WAL mode so readers (the
/// status page) do not block the queue. Times are stored as Unix milliseconds.
/// </summary>
public sealed class SqliteBotStore : IBotStore
{
    // Each entry moves the schema one version up; never edit an entry once released, add one.
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE deliveries (
            id TEXT PRIMARY KEY,
            received_at INTEGER NOT NULL);
        CREATE INDEX deliveries_received ON deliveries (received_at);

        -- AUTOINCREMENT: ids never reused, so id order is enqueue order (the FIFO).
        CREATE TABLE apply_jobs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            repo TEXT NOT NULL,
            stack_path TEXT NOT NULL,
            commit_sha TEXT NOT NULL,
            pull_request INTEGER,
            enqueued_at INTEGER NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('pending', 'running', 'done')),
            attempt INTEGER NOT NULL DEFAULT 0,
            worker_id TEXT,
            lease_until INTEGER,
            finished_at INTEGER,
            outcome TEXT,
            log_tail TEXT);
        CREATE INDEX apply_jobs_state ON apply_jobs (state, id);
        -- The rule itself, enforced by the database: at most one running job per stack.
        CREATE UNIQUE INDEX apply_jobs_one_running ON apply_jobs (repo, stack_path) WHERE state = 'running';

        CREATE TABLE runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            repo TEXT NOT NULL,
            stack_path TEXT NOT NULL,
            kind TEXT NOT NULL,
            commit_sha TEXT NOT NULL,
            pull_request INTEGER,
            outcome TEXT NOT NULL,
            summary TEXT NOT NULL,
            preview_markdown TEXT,
            started_at INTEGER NOT NULL,
            finished_at INTEGER NOT NULL);
        CREATE INDEX runs_stack ON runs (repo, stack_path, finished_at);
        CREATE INDEX runs_finished ON runs (finished_at);

        CREATE TABLE previews (
            repo TEXT NOT NULL,
            pull_request INTEGER NOT NULL,
            stack_path TEXT NOT NULL,
            commit_sha TEXT NOT NULL,
            summary TEXT NOT NULL,
            markdown TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            outdated_by TEXT,
            PRIMARY KEY (repo, pull_request, stack_path));
        CREATE INDEX previews_stack ON previews (repo, stack_path);
        """,
    ];

    private const string JobColumns =
        "id, repo, stack_path, commit_sha, pull_request, enqueued_at, state, attempt, worker_id, lease_until, finished_at, outcome, log_tail";

    private const string RunColumns =
        "id, repo, stack_path, kind, commit_sha, pull_request, outcome, summary, preview_markdown, started_at, finished_at";

    private const string PreviewColumns =
        "repo, pull_request, stack_path, commit_sha, summary, markdown, created_at, outdated_by";

    // The oldest claimable job overall whose stack has no job running under a live lease. An expired running
    // job is older than any pending job of its stack, so it is picked first and keeps its place.
    private const string ClaimableJob =
        """
        SELECT j.id FROM apply_jobs j
        WHERE (j.state = 'pending' OR (j.state = 'running' AND j.lease_until <= $now))
          AND NOT EXISTS (
              SELECT 1 FROM apply_jobs r
              WHERE r.repo = j.repo AND r.stack_path = j.stack_path
                AND r.state = 'running' AND r.lease_until > $now)
        ORDER BY j.id
        LIMIT 1
        """;

    private readonly string _connectionString;
    private readonly TimeProvider _time;

    private SqliteBotStore(string connectionString, TimeProvider time)
    {
        _connectionString = connectionString;
        _time = time;
    }

    /// <summary>The database file.</summary>
    public string Path { get; private init; } = "";

    /// <summary>Opens the store at <paramref name="path"/>, creating the file, its folder and the schema when missing.</summary>
    public static async Task<SqliteBotStore> OpenAsync(string path, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        StoreText.Require(path, "database path");
        var fullPath = System.IO.Path.GetFullPath(path);
        if (System.IO.Path.GetDirectoryName(fullPath) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
        var store = new SqliteBotStore(connectionString, time ?? TimeProvider.System) { Path = fullPath };
        try
        {
            await using var connection = await store.ConnectAsync(cancellationToken);
            // WAL is a property of the file: set once, kept by every later connection.
            await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken);
            await store.MigrateAsync(connection, cancellationToken);
        }
        catch (SqliteException e)
        {
            await store.DisposeAsync();
            throw new InvalidOperationException($"cannot open the bot's database {fullPath}: {e.Message}", e);
        }

        return store;
    }

    private async Task MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // BEGIN IMMEDIATE: two processes opening a new file migrate one after the other.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);", cancellationToken);
        var current = Convert.ToInt32(await ScalarAsync(connection, transaction, "SELECT coalesce(max(version), 0) FROM schema_version;", cancellationToken));
        if (current > Migrations.Length)
        {
            throw new InvalidOperationException(
                $"the bot's database {Path} has schema version {current}, newer than this bot knows ({Migrations.Length}); use a newer bot.");
        }

        for (var version = current + 1; version <= Migrations.Length; version++)
        {
            await ExecuteAsync(connection, transaction, Migrations[version - 1], cancellationToken);
            await ExecuteAsync(connection, transaction, "DELETE FROM schema_version;", cancellationToken);
            await ExecuteAsync(connection, transaction, $"INSERT INTO schema_version (version) VALUES ({version});", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> RecordDeliveryAsync(string deliveryId, CancellationToken cancellationToken = default)
    {
        StoreText.Require(deliveryId, "delivery id");
        await using var connection = await ConnectAsync(cancellationToken);
        var inserted = await ExecuteAsync(connection, null,
            "INSERT INTO deliveries (id, received_at) VALUES ($id, $now) ON CONFLICT (id) DO NOTHING;",
            cancellationToken, ("$id", deliveryId), ("$now", Now()));
        return inserted == 1;
    }

    public async Task<int> PruneDeliveriesAsync(TimeSpan retention, CancellationToken cancellationToken = default)
    {
        StoreText.RequirePositive(retention, "retention");
        await using var connection = await ConnectAsync(cancellationToken);
        return await ExecuteAsync(connection, null, "DELETE FROM deliveries WHERE received_at < $before;",
            cancellationToken, ("$before", Millis(_time.GetUtcNow() - retention)));
    }

    public async Task<ApplyJob> EnqueueAsync(ApplyRequest request, CancellationToken cancellationToken = default)
    {
        StoreText.Check(request);
        await using var connection = await ConnectAsync(cancellationToken);
        var jobs = await ReadJobsAsync(connection, null,
            $"""
            INSERT INTO apply_jobs (repo, stack_path, commit_sha, pull_request, enqueued_at, state)
            VALUES ($repo, $stack, $sha, $pr, $now, 'pending')
            RETURNING {JobColumns};
            """,
            cancellationToken,
            ("$repo", request.Repo), ("$stack", request.StackPath), ("$sha", request.CommitSha),
            ("$pr", request.PullRequest), ("$now", Now()));
        return jobs[0];
    }

    public async Task<ApplyJob?> ClaimNextAsync(string workerId, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        StoreText.Require(workerId, "worker id");
        StoreText.RequirePositive(lease, "lease");
        var now = _time.GetUtcNow();
        var parameters = new (string, object?)[] { ("$worker", workerId), ("$now", Millis(now)), ("$until", Millis(now + lease)) };
        await using var connection = await ConnectAsync(cancellationToken);
        // Idle workers poll: look first without a lock (WAL readers do not block), so a poll that finds
        // nothing never queues for the write lock behind real claims.
        if (Convert.ToInt64(await ScalarAsync(connection, null, $"SELECT EXISTS ({ClaimableJob});", cancellationToken, parameters)) == 0)
        {
            return null;
        }

        // BEGIN IMMEDIATE takes SQLite's write lock before reading, so no other connection (or process) can
        // claim between our look at the running jobs and our update: claims are serialised.
        await using var transaction = connection.BeginTransaction(deferred: false);
        var jobs = await ReadJobsAsync(connection, transaction,
            $"""
            UPDATE apply_jobs
            SET state = 'running', attempt = attempt + 1, worker_id = $worker, lease_until = $until
            WHERE id = ({ClaimableJob})
            RETURNING {JobColumns};
            """,
            cancellationToken, parameters);
        await transaction.CommitAsync(cancellationToken);
        return jobs.Count == 0 ? null : jobs[0];
    }

    public async Task<bool> RenewLeaseAsync(ApplyJob job, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        StoreText.RequirePositive(lease, "lease");
        await using var connection = await ConnectAsync(cancellationToken);
        var changed = await ExecuteAsync(connection, null,
            "UPDATE apply_jobs SET lease_until = $until WHERE id = $id AND state = 'running' AND attempt = $attempt;",
            cancellationToken, ("$until", Millis(_time.GetUtcNow() + lease)), ("$id", job.Id), ("$attempt", job.Attempt));
        return changed == 1;
    }

    public async Task<bool> CompleteAsync(ApplyJob job, RunOutcome outcome, string? logTail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        var outcomeName = StoreText.Name(outcome);
        await using var connection = await ConnectAsync(cancellationToken);
        var changed = await ExecuteAsync(connection, null,
            """
            UPDATE apply_jobs
            SET state = 'done', outcome = $outcome, log_tail = $tail, finished_at = $now, lease_until = NULL
            WHERE id = $id AND state = 'running' AND attempt = $attempt;
            """,
            cancellationToken, ("$outcome", outcomeName), ("$tail", logTail), ("$now", Now()), ("$id", job.Id), ("$attempt", job.Attempt));
        return changed == 1;
    }

    public async Task<ApplyJob?> GetJobAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var jobs = await ReadJobsAsync(connection, null, $"SELECT {JobColumns} FROM apply_jobs WHERE id = $id;", cancellationToken, ("$id", id));
        return jobs.Count == 0 ? null : jobs[0];
    }

    public async Task<IReadOnlyList<ApplyJob>> ActiveJobsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        return await ReadJobsAsync(connection, null,
            $"SELECT {JobColumns} FROM apply_jobs WHERE state IN ('pending', 'running') ORDER BY id;", cancellationToken);
    }

    public async Task<long> RecordRunAsync(RunRecord run, CancellationToken cancellationToken = default)
    {
        StoreText.Check(run);
        await using var connection = await ConnectAsync(cancellationToken);
        var id = await ScalarAsync(connection, null,
            """
            INSERT INTO runs (repo, stack_path, kind, commit_sha, pull_request, outcome, summary, preview_markdown, started_at, finished_at)
            VALUES ($repo, $stack, $kind, $sha, $pr, $outcome, $summary, $markdown, $started, $finished)
            RETURNING id;
            """,
            cancellationToken,
            ("$repo", run.Repo), ("$stack", run.StackPath), ("$kind", StoreText.Name(run.Kind)), ("$sha", run.CommitSha),
            ("$pr", run.PullRequest), ("$outcome", StoreText.Name(run.Outcome)), ("$summary", run.Summary ?? ""),
            ("$markdown", run.PreviewMarkdown), ("$started", Millis(run.StartedAt)), ("$finished", Millis(run.FinishedAt)));
        return Convert.ToInt64(id);
    }

    public async Task<IReadOnlyList<RunRecord>> RecentRunsAsync(string? repo = null, string? stackPath = null, int limit = 50, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await ConnectAsync(cancellationToken);
        await using var command = Command(connection, null,
            $"""
            SELECT {RunColumns} FROM runs
            WHERE ($repo IS NULL OR repo = $repo) AND ($stack IS NULL OR stack_path = $stack)
            ORDER BY finished_at DESC, id DESC
            LIMIT $limit;
            """,
            ("$repo", repo), ("$stack", stackPath), ("$limit", limit));
        var runs = new List<RunRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(new RunRecord(
                reader.GetString(1), reader.GetString(2), StoreText.Kind(reader.GetString(3)), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetInt32(5), StoreText.Outcome(reader.GetString(6)), reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8), Time(reader.GetInt64(9)), Time(reader.GetInt64(10)))
            {
                Id = reader.GetInt64(0),
            });
        }

        return runs;
    }

    public async Task SavePreviewAsync(PreviewRecord preview, CancellationToken cancellationToken = default)
    {
        StoreText.Check(preview);
        await using var connection = await ConnectAsync(cancellationToken);
        await ExecuteAsync(connection, null,
            $"""
            INSERT INTO previews ({PreviewColumns})
            VALUES ($repo, $pr, $stack, $sha, $summary, $markdown, $created, $outdated)
            ON CONFLICT (repo, pull_request, stack_path) DO UPDATE SET
                commit_sha = excluded.commit_sha, summary = excluded.summary, markdown = excluded.markdown,
                created_at = excluded.created_at, outdated_by = excluded.outdated_by;
            """,
            cancellationToken,
            ("$repo", preview.Repo), ("$pr", preview.PullRequest), ("$stack", preview.StackPath), ("$sha", preview.CommitSha),
            ("$summary", preview.Summary ?? ""), ("$markdown", preview.Markdown ?? ""), ("$created", Millis(preview.CreatedAt)),
            ("$outdated", preview.OutdatedBy));
    }

    public async Task<IReadOnlyList<PreviewRecord>> PreviewsAsync(string repo, int pullRequest, CancellationToken cancellationToken = default)
    {
        StoreText.Require(repo, "repository");
        await using var connection = await ConnectAsync(cancellationToken);
        await using var command = Command(connection, null,
            $"SELECT {PreviewColumns} FROM previews WHERE repo = $repo AND pull_request = $pr ORDER BY stack_path;",
            ("$repo", repo), ("$pr", pullRequest));
        var previews = new List<PreviewRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            previews.Add(new PreviewRecord(
                reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), Time(reader.GetInt64(6)), reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return previews;
    }

    public async Task<IReadOnlyList<int>> MarkPreviewsOutdatedAsync(string repo, IReadOnlyCollection<string> stackPaths, int? exceptPullRequest, string outdatedBy, CancellationToken cancellationToken = default)
    {
        StoreText.Require(repo, "repository");
        ArgumentNullException.ThrowIfNull(stackPaths);
        StoreText.Require(outdatedBy, "outdated by");
        var marked = new SortedSet<int>();
        await using var connection = await ConnectAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        foreach (var stack in stackPaths.Distinct(StringComparer.Ordinal))
        {
            await using var command = Command(connection, transaction,
                """
                UPDATE previews SET outdated_by = $by
                WHERE repo = $repo AND stack_path = $stack AND outdated_by IS NULL
                  AND ($except IS NULL OR pull_request <> $except)
                RETURNING pull_request;
                """,
                ("$by", outdatedBy), ("$repo", repo), ("$stack", stack), ("$except", exceptPullRequest));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                marked.Add(reader.GetInt32(0));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return [.. marked];
    }

    public async Task<int> DeletePreviewsAsync(string repo, int pullRequest, CancellationToken cancellationToken = default)
    {
        StoreText.Require(repo, "repository");
        await using var connection = await ConnectAsync(cancellationToken);
        return await ExecuteAsync(connection, null, "DELETE FROM previews WHERE repo = $repo AND pull_request = $pr;",
            cancellationToken, ("$repo", repo), ("$pr", pullRequest));
    }

    public ValueTask DisposeAsync()
    {
        // Closes the pooled connections, so the file can be moved or deleted once the store is disposed.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }

    private async Task<SqliteConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        // Wait for another writer (another store on this file) instead of failing with "database is locked".
        await ExecuteAsync(connection, null, "PRAGMA busy_timeout = 30000;", cancellationToken);
        return connection;
    }

    private long Now() => Millis(_time.GetUtcNow());

    private static long Millis(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    private static DateTimeOffset Time(long millis) => DateTimeOffset.FromUnixTimeMilliseconds(millis);

    private static DateTimeOffset? OptionalTime(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Time(reader.GetInt64(ordinal));

    private static async Task<List<ApplyJob>> ReadJobsAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql,
        CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var jobs = new List<ApplyJob>();
        while (await reader.ReadAsync(cancellationToken))
        {
            jobs.Add(new ApplyJob(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetInt32(4), Time(reader.GetInt64(5)), StoreText.State(reader.GetString(6)),
                reader.GetInt32(7), reader.IsDBNull(8) ? null : reader.GetString(8), OptionalTime(reader, 9), OptionalTime(reader, 10),
                reader.IsDBNull(11) ? null : StoreText.Outcome(reader.GetString(11)), reader.IsDBNull(12) ? null : reader.GetString(12)));
        }

        return jobs;
    }
}
