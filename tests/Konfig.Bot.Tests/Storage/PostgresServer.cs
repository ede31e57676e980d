using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Konfig.Bot.Tests.Storage;

/// <summary>
/// A throwaway PostgreSQL server for the tests: initdb into a temporary folder, started on a free port of
/// 127.0.0.1 with its Unix socket in that folder, stopped and removed on dispose. PostgreSQL refuses to run as
/// root, so as root the server runs as the <c>postgres</c> OS user (through runuser), which owns the folder.
/// When PostgreSQL is not installed, or there is no such user, <see cref="WhyUnavailable"/> says so and the
/// tests skip (see <see cref="RequiresPostgresFactAttribute"/>); the fixture then starts nothing.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string OsUser = "postgres";

    private static readonly Lazy<(string? BinDir, string? Reason)> Availability = new(FindBinaries);

    private string? _root;
    private string? _dataDir;
    private int _port;

    /// <summary>Why the PostgreSQL tests cannot run here, or null when they can.</summary>
    public static string? WhyUnavailable => Availability.Value.Reason;

    /// <summary>A connection string to the server's <c>postgres</c> database.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = _port,
        Username = OsUser,
        Database = "postgres",
    }.ToString();

    /// <summary>A connection string whose tables live in a new schema of their own, so each test starts empty.</summary>
    public async Task<string> NewSchemaAsync()
    {
        var schema = "t_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {schema};", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ToString();
    }

    public async Task InitializeAsync()
    {
        if (Availability.Value.BinDir is not { } bin)
        {
            return;
        }

        // Under /tmp, not $TMPDIR: as root the postgres user must be able to reach the folder.
        _root = Path.Combine(IsRoot ? "/tmp" : Path.GetTempPath(), "konfig-pg-" + Guid.NewGuid().ToString("N")[..12]);
        _dataDir = Path.Combine(_root, "data");
        Directory.CreateDirectory(_root);
        if (IsRoot)
        {
            await RunAsync("chown", [OsUser, _root], asPostgres: false);
        }

        await RunAsync(Path.Combine(bin, "initdb"),
            ["-D", _dataDir, "-U", OsUser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"], asPostgres: IsRoot);
        _port = FreePort();
        // No durability needed: the server is thrown away after the tests.
        var options = $"-p {_port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        var log = Path.Combine(_root, "server.log");
        try
        {
            await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", _dataDir, "-o", options, "-l", log, "-w", "-t", "60", "start"], asPostgres: IsRoot);
        }
        catch (InvalidOperationException e) when (File.Exists(log))
        {
            throw new InvalidOperationException($"{e.Message}\nserver log:\n{await File.ReadAllTextAsync(log)}", e);
        }
    }

    public async Task DisposeAsync()
    {
        if (_root is null || Availability.Value.BinDir is not { } bin)
        {
            return;
        }

        try
        {
            await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", _dataDir!, "-m", "immediate", "-w", "stop"], asPostgres: IsRoot);
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static bool IsRoot => OperatingSystem.IsLinux() && Environment.UserName == "root";

    private static (string?, string?) FindBinaries()
    {
        // Debian's layout: /usr/lib/postgresql/<major>/bin; the newest major wins.
        const string versions = "/usr/lib/postgresql";
        var bin = Directory.Exists(versions)
            ? Directory.GetDirectories(versions)
                .Select(dir => Path.Combine(dir, "bin"))
                .Where(dir => File.Exists(Path.Combine(dir, "postgres")) && File.Exists(Path.Combine(dir, "initdb")))
                .OrderByDescending(dir => int.TryParse(Path.GetFileName(Path.GetDirectoryName(dir)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
        if (bin is null)
        {
            return (null, "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/postgres; Debian package postgresql)");
        }

        if (IsRoot && !File.ReadLines("/etc/passwd").Any(line => line.StartsWith(OsUser + ":", StringComparison.Ordinal)))
        {
            return (null, $"running as root and there is no '{OsUser}' user to run PostgreSQL as (it refuses to run as root)");
        }

        return (bin, null);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task RunAsync(string program, string[] arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var argument in new[] { "-u", OsUser, "--", program })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{await output}\n{await error}");
        }
    }
}

/// <summary>The PostgreSQL test classes share one server.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}

/// <summary>A fact that needs PostgreSQL: skipped, saying why, when <see cref="PostgresServer"/> cannot run.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresPostgresFactAttribute : FactAttribute
{
    public RequiresPostgresFactAttribute()
    {
        if (PostgresServer.WhyUnavailable is { } reason)
        {
            Skip = reason;
        }
    }
}
