using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using static Konfig.Bot.Storage.StoreSql;

namespace Konfig.Bot.Storage;

/// <summary>
/// The bot's store in PostgreSQL, for several bot replicas sharing one queue. The schema is created or
/// migrated on open (in the connection's search path). Claims are one statement with row locks, so no job
/// runs twice and no stack runs two jobs at once, however many replicas claim.
/// </summary>
/// <remarks>
/// How a claim stays one-per-stack: <c>FOR UPDATE SKIP LOCKED</c> on the jobs alone is not enough, since two
/// replicas would each lock a different pending job of the same stack. So each stack has a row in
/// <c>stack_slots</c> that records its running job and lease, and a claim locks the stack's slot row (skipping
/// stacks another replica is claiming right now) and writes the claimed job into it. Because the claim
/// <i>updates</i> that row, a replica whose snapshot predates the claim re-checks the row's newest version when
/// it locks it (PostgreSQL's read-committed re-check of updated rows) and sees the stack busy; a check done
/// only on the jobs table in its stale snapshot would not. Everything that changes a stack's jobs (enqueue,
/// claim, renew, complete) locks the slot row first, in that order, so they cannot deadlock. A unique index
/// on running jobs per stack backs the rule in the database itself. An advisory lock was the other choice,
/// but a transaction-scoped one ends with the claim statement while the job still runs, and a
/// session-scoped one would tie the stack to a pooled connection rather than to the job's lease.
/// </remarks>
public sealed class PostgresBotStore : IBotStore
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE deliveries (
            id text PRIMARY KEY,
            received_at timestamptz NOT NULL);
        CREATE INDEX deliveries_received ON deliveries (received_at);

        CREATE TABLE apply_jobs (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            repo text NOT NULL,
            stack_path text NOT NULL,
            commit_sha text NOT NULL,
            pull_request integer,
            enqueued_at timestamptz NOT NULL,
            state text NOT NULL CHECK (state IN ('pending', 'running', 'done')),
            attempt integer NOT NULL DEFAULT 0,
            worker_id text,
            lease_until timestamptz,
            finished_at timestamptz,
            outcome text,
            log_tail text);
        CREATE INDEX apply_jobs_stack ON apply_jobs (repo, stack_path, id) WHERE state IN ('pending', 'running');
        -- The rule itself, enforced by the database: at most one running job per stack.
        CREATE UNIQUE INDEX apply_jobs_one_running ON apply_jobs (repo, stack_path) WHERE state = 'running';

        -- One row per stack: the lock a claim takes, and the stack's running job with its lease.
        CREATE TABLE stack_slots (
            repo text NOT NULL,
            stack_path text NOT NULL,
            running_job bigint,
            lease_until timestamptz,
            PRIMARY KEY (repo, stack_path));

        CREATE TABLE runs (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            repo text NOT NULL,
            stack_path text NOT NULL,
            kind text NOT NULL,
            commit_sha text NOT NULL,
            pull_request integer,
            outcome text NOT NULL,
            summary text NOT NULL,
            preview_markdown text,
            started_at timestamptz NOT NULL,
            finished_at timestamptz NOT NULL);
        CREATE INDEX runs_stack ON runs (repo, stack_path, finished_at);
        CREATE INDEX runs_finished ON runs (finished_at);

        CREATE TABLE previews (
            repo text NOT NULL,
            pull_request integer NOT NULL,
            stack_path text NOT NULL,
            commit_sha text NOT NULL,
            summary text NOT NULL,
            markdown text NOT NULL,
            created_at timestamptz NOT NULL,
            outdated_by text,
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

    // Any fixed number: replicas opening the store at once migrate one after the other.
    private const long MigrationLockKey = 0x4B6F6E666967; // "Konfig"

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;

    private PostgresBotStore(NpgsqlDataSource dataSource, TimeProvider time)
    {
        _dataSource = dataSource;
        _time = time;
    }

    /// <summary>Opens the store on the database of <paramref name="connectionString"/>, creating or migrating the schema.</summary>
    public static async Task<PostgresBotStore> OpenAsync(string connectionString, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        StoreText.Require(connectionString, "connection string");
        NpgsqlDataSource dataSource;
        try
        {
            dataSource = NpgsqlDataSource.Create(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"invalid PostgreSQL connection string: {e.Message}", nameof(connectionString), e);
        }

        var store = new PostgresBotStore(dataSource, time ?? TimeProvider.System);
        try
        {
            await store.MigrateAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or PostgresException)
        {
            await store.DisposeAsync();
            throw new InvalidOperationException($"cannot open the bot's PostgreSQL database: {e.Message}", e);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }

        return store;
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@key);", cancellationToken, ("key", MigrationLockKey));
        await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL);", cancellationToken);
        var current = Convert.ToInt32(await ScalarAsync(connection, transaction, "SELECT coalesce(max(version), 0) FROM schema_version;", cancellationToken));
        if (current > Migrations.Length)
        {
            throw new InvalidOperationException(
                $"the bot's PostgreSQL database has schema version {current}, newer than this bot knows ({Migrations.Length}); use a newer bot.");
        }

        for (var version = current + 1; version <= Migrations.Length; version++)
        {
            await ExecuteAsync(connection, transaction, Migrations[version - 1], cancellationToken);
            await ExecuteAsync(connection, transaction, "DELETE FROM schema_version;", cancellationToken);
            await ExecuteAsync(connection, transaction, "INSERT INTO schema_version (version) VALUES (@version);", cancellationToken, ("version", version));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> RecordDeliveryAsync(string deliveryId, CancellationToken cancellationToken = default)
    {
        StoreText.Require(deliveryId, "delivery id");
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var inserted = await ExecuteAsync(connection, null,
            "INSERT INTO deliveries (id, received_at) VALUES (@id, @now) ON CONFLICT (id) DO NOTHING;",
            cancellationToken, ("id", deliveryId), ("now", Now()));
        return inserted == 1;
    }

    public async Task<int> PruneDeliveriesAsync(TimeSpan retention, CancellationToken cancellationToken = default)
    {
        StoreText.RequirePositive(retention, "retention");
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await ExecuteAsync(connection, null, "DELETE FROM deliveries WHERE received_at < @before;",
            cancellationToken, ("before", Now() - retention));
    }

    public async Task<ApplyJob> EnqueueAsync(ApplyRequest request, CancellationToken cancellationToken = default)
    {
        StoreText.Check(request);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Holding the stack's slot while inserting gives its jobs ids in commit order, so a claim never sees
        // a newer job of a stack before an older one still being inserted.
        await LockSlotAsync(connection, transaction, request.Repo, request.StackPath, create: true, cancellationToken);
        var jobs = await ReadJobsAsync(connection, transaction,
            $"""
            INSERT INTO apply_jobs (repo, stack_path, commit_sha, pull_request, enqueued_at, state)
            VALUES (@repo, @stack, @sha, @pr, @now, 'pending')
            RETURNING {JobColumns};
            """,
            cancellationToken,
            ("repo", request.Repo), ("stack", request.StackPath), ("sha", request.CommitSha),
            ("pr", Int(request.PullRequest)), ("now", Now()));
        await transaction.CommitAsync(cancellationToken);
        return jobs[0];
    }

    public async Task<ApplyJob?> ClaimNextAsync(string workerId, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        StoreText.Require(workerId, "worker id");
        StoreText.RequirePositive(lease, "lease");
        var now = Now();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        // One statement: lock a free stack's slot (the one whose oldest claimable job is oldest), take that
        // stack's oldest claimable job (pending, or running under an expired lease), and record it as running
        // in both the job and the slot. See the class remarks for why the slot, not the job, is what is locked.
        var jobs = await ReadJobsAsync(connection, null,
            $"""
            WITH slot AS (
                SELECT s.repo, s.stack_path
                FROM stack_slots s
                WHERE (s.running_job IS NULL OR s.lease_until <= @now)
                  AND EXISTS (
                      SELECT 1 FROM apply_jobs j
                      WHERE j.repo = s.repo AND j.stack_path = s.stack_path
                        AND (j.state = 'pending' OR (j.state = 'running' AND j.lease_until <= @now)))
                ORDER BY (
                    SELECT min(j.id) FROM apply_jobs j
                    WHERE j.repo = s.repo AND j.stack_path = s.stack_path
                      AND (j.state = 'pending' OR (j.state = 'running' AND j.lease_until <= @now)))
                LIMIT 1
                FOR UPDATE SKIP LOCKED
            ),
            job AS (
                SELECT j.id
                FROM apply_jobs j JOIN slot ON j.repo = slot.repo AND j.stack_path = slot.stack_path
                WHERE j.state = 'pending' OR (j.state = 'running' AND j.lease_until <= @now)
                ORDER BY j.id
                LIMIT 1
                FOR UPDATE OF j
            ),
            claimed AS (
                UPDATE apply_jobs a
                SET state = 'running', attempt = a.attempt + 1, worker_id = @worker, lease_until = @until
                FROM job
                WHERE a.id = job.id
                RETURNING a.*
            ),
            busy AS (
                UPDATE stack_slots s
                SET running_job = claimed.id, lease_until = @until
                FROM claimed
                WHERE s.repo = claimed.repo AND s.stack_path = claimed.stack_path
            )
            SELECT {JobColumns} FROM claimed;
            """,
            cancellationToken,
            ("worker", workerId), ("now", now), ("until", now + lease));
        return jobs.Count == 0 ? null : jobs[0];
    }

    public async Task<bool> RenewLeaseAsync(ApplyJob job, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        StoreText.RequirePositive(lease, "lease");
        var until = Now() + lease;
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockSlotAsync(connection, transaction, job.Repo, job.StackPath, create: false, cancellationToken);
        var changed = await ExecuteAsync(connection, transaction,
            "UPDATE apply_jobs SET lease_until = @until WHERE id = @id AND state = 'running' AND attempt = @attempt;",
            cancellationToken, ("until", until), ("id", job.Id), ("attempt", job.Attempt));
        if (changed == 1)
        {
            await ExecuteAsync(connection, transaction,
                "UPDATE stack_slots SET lease_until = @until WHERE repo = @repo AND stack_path = @stack AND running_job = @id;",
                cancellationToken, ("until", until), ("repo", job.Repo), ("stack", job.StackPath), ("id", job.Id));
        }

        await transaction.CommitAsync(cancellationToken);
        return changed == 1;
    }

    public async Task<bool> CompleteAsync(ApplyJob job, RunOutcome outcome, string? logTail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        var outcomeName = StoreText.Name(outcome);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockSlotAsync(connection, transaction, job.Repo, job.StackPath, create: false, cancellationToken);
        var changed = await ExecuteAsync(connection, transaction,
            """
            UPDATE apply_jobs
            SET state = 'done', outcome = @outcome, log_tail = @tail, finished_at = @now, lease_until = NULL
            WHERE id = @id AND state = 'running' AND attempt = @attempt;
            """,
            cancellationToken, ("outcome", outcomeName), ("tail", Text(logTail)), ("now", Now()), ("id", job.Id), ("attempt", job.Attempt));
        if (changed == 1)
        {
            await ExecuteAsync(connection, transaction,
                "UPDATE stack_slots SET running_job = NULL, lease_until = NULL WHERE repo = @repo AND stack_path = @stack AND running_job = @id;",
                cancellationToken, ("repo", job.Repo), ("stack", job.StackPath), ("id", job.Id));
        }

        await transaction.CommitAsync(cancellationToken);
        return changed == 1;
    }

    public async Task<ApplyJob?> GetJobAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var jobs = await ReadJobsAsync(connection, null, $"SELECT {JobColumns} FROM apply_jobs WHERE id = @id;", cancellationToken, ("id", id));
        return jobs.Count == 0 ? null : jobs[0];
    }

    public async Task<IReadOnlyList<ApplyJob>> ActiveJobsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await ReadJobsAsync(connection, null,
            $"SELECT {JobColumns} FROM apply_jobs WHERE state IN ('pending', 'running') ORDER BY id;", cancellationToken);
    }

    public async Task<long> RecordRunAsync(RunRecord run, CancellationToken cancellationToken = default)
    {
        StoreText.Check(run);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var id = await ScalarAsync(connection, null,
            """
            INSERT INTO runs (repo, stack_path, kind, commit_sha, pull_request, outcome, summary, preview_markdown, started_at, finished_at)
            VALUES (@repo, @stack, @kind, @sha, @pr, @outcome, @summary, @markdown, @started, @finished)
            RETURNING id;
            """,
            cancellationToken,
            ("repo", run.Repo), ("stack", run.StackPath), ("kind", StoreText.Name(run.Kind)), ("sha", run.CommitSha),
            ("pr", Int(run.PullRequest)), ("outcome", StoreText.Name(run.Outcome)), ("summary", run.Summary ?? ""),
            ("markdown", Text(run.PreviewMarkdown)), ("started", run.StartedAt.ToUniversalTime()), ("finished", run.FinishedAt.ToUniversalTime()));
        return Convert.ToInt64(id);
    }

    public async Task<IReadOnlyList<RunRecord>> RecentRunsAsync(string? repo = null, string? stackPath = null, int limit = 50, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            $"""
            SELECT {RunColumns} FROM runs
            WHERE (@repo IS NULL OR repo = @repo) AND (@stack IS NULL OR stack_path = @stack)
            ORDER BY finished_at DESC, id DESC
            LIMIT @limit;
            """,
            ("repo", Text(repo)), ("stack", Text(stackPath)), ("limit", limit));
        var runs = new List<RunRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(new RunRecord(
                reader.GetString(1), reader.GetString(2), StoreText.Kind(reader.GetString(3)), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetInt32(5), StoreText.Outcome(reader.GetString(6)), reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.GetFieldValue<DateTimeOffset>(9), reader.GetFieldValue<DateTimeOffset>(10))
            {
                Id = reader.GetInt64(0),
            });
        }

        return runs;
    }

    public async Task SavePreviewAsync(PreviewRecord preview, CancellationToken cancellationToken = default)
    {
        StoreText.Check(preview);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, null,
            $"""
            INSERT INTO previews ({PreviewColumns})
            VALUES (@repo, @pr, @stack, @sha, @summary, @markdown, @created, @outdated)
            ON CONFLICT (repo, pull_request, stack_path) DO UPDATE SET
                commit_sha = excluded.commit_sha, summary = excluded.summary, markdown = excluded.markdown,
                created_at = excluded.created_at, outdated_by = excluded.outdated_by;
            """,
            cancellationToken,
            ("repo", preview.Repo), ("pr", preview.PullRequest), ("stack", preview.StackPath), ("sha", preview.CommitSha),
            ("summary", preview.Summary ?? ""), ("markdown", preview.Markdown ?? ""), ("created", preview.CreatedAt.ToUniversalTime()),
            ("outdated", Text(preview.OutdatedBy)));
    }

    public async Task<IReadOnlyList<PreviewRecord>> PreviewsAsync(string repo, int pullRequest, CancellationToken cancellationToken = default)
    {
        StoreText.Require(repo, "repository");
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            $"SELECT {PreviewColumns} FROM previews WHERE repo = @repo AND pull_request = @pr ORDER BY stack_path COLLATE \"C\";",
            ("repo", repo), ("pr", pullRequest));
        var previews = new List<PreviewRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            previews.Add(new PreviewRecord(
                reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6), reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return previews;
    }

    public async Task<IReadOnlyList<int>> MarkPreviewsOutdatedAsync(string repo, IReadOnlyCollection<string> stackPaths, int? exceptPullRequest, string outdatedBy, CancellationToken cancellationToken = default)
    {
        StoreText.Require(repo, "repository");
        ArgumentNullException.ThrowIfNull(stackPaths);
        StoreText.Require(outdatedBy, "outdated by");
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            """
            WITH marked AS (
                UPDATE previews SET outdated_by = @by
                WHERE repo = @repo AND stack_path = ANY(@stacks) AND outdated_by IS NULL
                  AND (@except IS NULL OR pull_request <> @except)
                RETURNING pull_request)
            SELECT DISTINCT pull_request FROM marked ORDER BY pull_request;
            """,
            ("by", outdatedBy), ("repo", repo), ("stacks", stackPaths.ToArray()), ("except", Int(exceptPullRequest)));
        var marked = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            marked.Add(reader.GetInt32(0));
        }

        return marked;
    }

    public async Task<int> DeletePreviewsAsync(string repo, int pullRequest, CancellationToken cancellationToken = default)
    {
        StoreText.Require(repo, "repository");
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await ExecuteAsync(connection, null, "DELETE FROM previews WHERE repo = @repo AND pull_request = @pr;",
            cancellationToken, ("repo", repo), ("pr", pullRequest));
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static async Task LockSlotAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string repo, string stackPath, bool create, CancellationToken cancellationToken)
    {
        if (create)
        {
            await ExecuteAsync(connection, transaction,
                "INSERT INTO stack_slots (repo, stack_path) VALUES (@repo, @stack) ON CONFLICT DO NOTHING;",
                cancellationToken, ("repo", repo), ("stack", stackPath));
        }

        await ExecuteAsync(connection, transaction,
            "SELECT 1 FROM stack_slots WHERE repo = @repo AND stack_path = @stack FOR UPDATE;",
            cancellationToken, ("repo", repo), ("stack", stackPath));
    }

    // Times go to PostgreSQL in UTC (Npgsql refuses other offsets for timestamptz).
    private DateTimeOffset Now() => _time.GetUtcNow().ToUniversalTime();

    // Typed nulls: PostgreSQL cannot infer the type of an untyped null in "@p IS NULL".
    private static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Int(int? value) => new() { NpgsqlDbType = NpgsqlDbType.Integer, Value = (object?)value ?? DBNull.Value };

    private static DateTimeOffset? OptionalTime(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    private static async Task<List<ApplyJob>> ReadJobsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql,
        CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var jobs = new List<ApplyJob>();
        while (await reader.ReadAsync(cancellationToken))
        {
            jobs.Add(new ApplyJob(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetInt32(4), reader.GetFieldValue<DateTimeOffset>(5), StoreText.State(reader.GetString(6)),
                reader.GetInt32(7), reader.IsDBNull(8) ? null : reader.GetString(8), OptionalTime(reader, 9), OptionalTime(reader, 10),
                reader.IsDBNull(11) ? null : StoreText.Outcome(reader.GetString(11)), reader.IsDBNull(12) ? null : reader.GetString(12)));
        }

        return jobs;
    }
}
