using System.Diagnostics;
using System.Globalization;

namespace Konfig.Engine.State;

/// <summary>
/// The process that took a lock, recorded with the lock so that a later run on the same machine can tell the
/// holder is gone and break the lock itself. Written as one line of <c>key=value</c> words:
/// <c>pid=4242 host=build-7 scope=… started=…</c>.
/// <list type="bullet">
/// <item><c>scope</c> is where the pid means something: on Linux the boot id and the pid namespace, because
/// two containers (or two machines) may share a host name but not their pids; empty elsewhere.</item>
/// <item><c>started</c> is when the process started, so that a pid reused by a newer process does not keep a
/// dead holder's lock alive: on Linux the start time in clock ticks since boot (exact, unaffected by clock
/// changes), elsewhere <see cref="Process.StartTime"/>.</item>
/// </list>
/// </summary>
internal sealed record LockProcess(int Pid, string Host, string Scope, string? Started)
{
    private static readonly Lazy<LockProcess> CurrentProcess = new(() =>
        new LockProcess(Environment.ProcessId, Environment.MachineName, CurrentScope(), StartOf(Environment.ProcessId, out var started) ? started : null));

    /// <summary>This process.</summary>
    public static LockProcess Current => CurrentProcess.Value;

    public string ToText() => $"pid={Pid} host={Host} scope={Scope} started={Started}";

    /// <summary>Reads <see cref="ToText"/>'s line; null when it is not one (an older konfig's lock, a hand-made file).</summary>
    public static LockProcess? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = word.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return null;
            }

            fields[word[..equals]] = word[(equals + 1)..];
        }

        return fields.TryGetValue("pid", out var pidText) && int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && fields.TryGetValue("host", out var host) && host.Length > 0
            && fields.TryGetValue("scope", out var scope)
            ? new LockProcess(pid, host, scope, fields.TryGetValue("started", out var started) && started.Length > 0 ? started : null)
            : null;
    }

    /// <summary>
    /// Whether this process has certainly ended: it ran on this machine (same host name and scope), and no process
    /// has its pid now, or the one that has it started at another time. A holder on another machine never has.
    /// </summary>
    public bool HasEnded()
    {
        var here = Current;
        if (Host != here.Host || Scope != here.Scope)
        {
            return false;
        }

        if (!StartOf(Pid, out var started))
        {
            return true;
        }

        // The pid runs: it is another process only if both start times are known and differ.
        return Started is not null && started is not null && started != Started;
    }

    /// <summary>False when no process has this pid; otherwise its start (null when it cannot be read).</summary>
    private static bool StartOf(int pid, out string? started)
    {
        started = null;
        if (OperatingSystem.IsLinux() && Directory.Exists("/proc/self"))
        {
            return LinuxStartOf(pid, out started);
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            try
            {
                started = process.StartTime.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture);
            }
            catch (Exception error) when (error is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
            {
                // Another user's process, or it just exited: it ran, its start is unknown.
            }

            return true;
        }
        catch (ArgumentException)
        {
            return false; // No process has this pid.
        }
    }

    /// <summary>From <c>/proc/&lt;pid&gt;/stat</c>: a zombie has ended too (it only waits for its parent to reap it).</summary>
    private static bool LinuxStartOf(int pid, out string? started)
    {
        started = null;
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return true; // It is there, unreadable: treat it as running.
        }

        // "pid (comm) state ppid …": comm may hold spaces and parentheses, so fields count from the last ')'.
        // After it, field 3 (state) is the first and field 22 (starttime) the twentieth.
        var fields = stat[(stat.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length > 0 && fields[0] is "Z" or "X")
        {
            return false;
        }

        started = fields.Length > 19 ? fields[19] : null;
        return true;
    }

    private static string CurrentScope()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "";
        }

        try
        {
            var bootId = File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim();
            var pidNamespace = new FileInfo("/proc/self/ns/pid").LinkTarget ?? "";
            // "pid:[4026531836]" → "4026531836": no characters that need quoting in the lock line.
            return $"{bootId}/{new string(pidNamespace.Where(char.IsAsciiDigit).ToArray())}";
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
