using System.Text;
using System.Text.RegularExpressions;
using Konfig.Kcl.Values;
using static Konfig.Kcl.Modules.KclValues;

namespace Konfig.Kcl.Modules;

/// <summary>
/// The <c>file</c> module. Relative paths resolve against the run's working directory; messages
/// name the path as the user wrote it, with the OS error text Rust prints.
/// </summary>
internal static class FileModule
{
    public static void Register(ModuleBuilder m)
    {
        m.Function("read", (c, a) =>
        {
            var path = a.GetString(0, "filepath") ?? throw new KclRuntimeException("read() takes exactly one argument (0 given)");
            return Str(Guard(() => File.ReadAllText(Resolve(c, path), Encoding.UTF8), e => $"failed to access the file '{path}': {OsError(e)}"));
        });
        m.Function("readbase64", (c, a) =>
        {
            var path = a.GetString(0, "filepath") ?? throw new KclRuntimeException("readbase64() takes exactly one argument (0 given)");
            return Str(Convert.ToBase64String(Guard(() => File.ReadAllBytes(Resolve(c, path)), e => $"failed to access the file '{path}': {OsError(e)}")));
        });
        m.Function("glob", (c, a) => Strings(Glob(c, a.GetString(0, "pattern") ?? throw new KclRuntimeException("glob() takes exactly one argument (0 given)"))));
        m.Function("modpath", (c, _) => Str(c.ModulePath));
        m.Function("workdir", (c, _) => Str(c.WorkDir));
        m.Function("current", (c, _) => Str(c.CurrentFile));
        m.Function("exists", (c, a) =>
        {
            var path = a.GetString(0, "filepath") ?? throw new KclRuntimeException("read() takes exactly one argument (0 given)");
            var full = Resolve(c, path);
            return Bool(File.Exists(full) || Directory.Exists(full));
        });
        m.Function("abs", (c, a) =>
        {
            var path = a.GetString(0, "filepath") ?? throw new KclRuntimeException("read() takes exactly one argument (0 given)");
            var full = Path.GetFullPath(Resolve(c, path));
            if (!File.Exists(full) && !Directory.Exists(full))
            {
                throw new KclRuntimeException($"Could not get the absolute path of {path}");
            }

            return Str(full);
        });
        m.Function("mkdir", (c, a) =>
        {
            var path = a.GetString(0, "directory") ?? throw new KclRuntimeException("mkdir() takes exactly one argument (0 given)");
            Guard(() => Directory.CreateDirectory(Resolve(c, path)), e => $"Failed to create directory '{path}': {OsError(e)}");
            return None;
        });
        m.Function("delete", (c, a) =>
        {
            var path = a.GetString(0, "filepath") ?? throw new KclRuntimeException("delete() takes exactly one argument (0 given)");
            var full = Resolve(c, path);
            Guard(
                () =>
                {
                    if (File.Exists(full))
                    {
                        File.Delete(full);
                    }
                    else if (Directory.Exists(full))
                    {
                        Directory.Delete(full);
                    }
                    else
                    {
                        throw new FileNotFoundException();
                    }

                    return 0;
                },
                e => $"failed to delete '{path}': {OsError(e)}");
            return None;
        });
        m.Function("cp", (c, a) =>
        {
            var src = a.GetString(0, "src") ?? throw new KclRuntimeException("cp() missing 'src_path' argument");
            var dest = a.GetString(1, "dest") ?? throw new KclRuntimeException("cp() missing 'dest_path' argument");
            Guard(
                () =>
                {
                    var from = Resolve(c, src);
                    if (Directory.Exists(from))
                    {
                        CopyDirectory(from, Resolve(c, dest));
                    }
                    else
                    {
                        File.Copy(from, Resolve(c, dest), overwrite: true);
                    }

                    return 0;
                },
                e => $"Failed to copy from '{src}' to '{dest}': {OsError(e)}");
            return None;
        });
        m.Function("mv", (c, a) =>
        {
            var src = a.GetString(0, "src") ?? throw new KclRuntimeException("mv() missing 'src_path' argument");
            var dest = a.GetString(1, "dest") ?? throw new KclRuntimeException("mv() missing 'dest_path' argument");
            Guard(
                () =>
                {
                    var from = Resolve(c, src);
                    if (Directory.Exists(from))
                    {
                        Directory.Move(from, Resolve(c, dest));
                    }
                    else
                    {
                        File.Move(from, Resolve(c, dest), overwrite: true);
                    }

                    return 0;
                },
                e => $"Failed to move '{src}' to '{dest}': {OsError(e)}");
            return None;
        });
        m.Function("size", (c, a) =>
        {
            var path = a.GetString(0, "filepath") ?? throw new KclRuntimeException("size() takes exactly one argument (0 given)");
            return Int(Guard(() => new FileInfo(Resolve(c, path)).Length, e => $"failed to get size of '{path}': {OsError(e)}"));
        });
        m.Function("write", (c, a) =>
        {
            var path = a.GetString(0, "filepath") ?? throw new KclRuntimeException("write() missing 'filepath' argument");
            var content = a.GetString(1, "content") ?? throw new KclRuntimeException("write() missing 'content' argument");
            Guard(() => { File.WriteAllText(Resolve(c, path), content, new UTF8Encoding(false)); return 0; }, e => $"Failed to create file '{path}': {OsError(e)}");
            return None;
        });
        m.Function("append", (c, a) =>
        {
            var path = a.GetString(0, "filepath") ?? throw new KclRuntimeException("append() requires 'filepath' argument");
            var content = a.GetString(1, "content") ?? throw new KclRuntimeException("append() requires 'content' argument");
            Guard(() => { File.AppendAllText(Resolve(c, path), content, new UTF8Encoding(false)); return 0; }, e => $"Failed to open or create file '{path}': {OsError(e)}");
            return None;
        });
        m.Function("read_env", a =>
        {
            var key = a.GetString(0, "key") ?? throw new KclRuntimeException("read_env() requires 'key' argument");
            return Environment.GetEnvironmentVariable(key) is { } value ? Str(value) : Undefined;
        });
    }

    public static string Resolve(CallContext context, string path) =>
        Path.IsPathRooted(path) ? path : Path.Combine(context.WorkingDirectory, path);

    /// <summary>Rust's <c>io::Error</c> text for the common failures.</summary>
    public static string OsError(Exception error) => error switch
    {
        FileNotFoundException or DirectoryNotFoundException => "No such file or directory (os error 2)",
        UnauthorizedAccessException => "Permission denied (os error 13)",
        ArgumentException when error.Message.Contains("Null character", StringComparison.Ordinal) => "file name contained an unexpected NUL byte",
        IOException io when io.Message.Contains("not empty", StringComparison.OrdinalIgnoreCase) => "Directory not empty (os error 39)",
        IOException io when io.Message.Contains("exists", StringComparison.OrdinalIgnoreCase) => "File exists (os error 17)",
        _ => error.Message,
    };

    private static T Guard<T>(Func<T> action, Func<Exception, string> message)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // ArgumentException: a path .NET refuses outright (a NUL character), as Rust's io refuses it.
            throw new KclRuntimeException(message(e));
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }

        foreach (var directory in Directory.GetDirectories(from))
        {
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }

    /// <summary>Glob with <c>*</c>, <c>?</c>, <c>[…]</c> and <c>**</c>; results sorted, spelled with the pattern's own prefix.</summary>
    private static List<string> Glob(CallContext context, string pattern)
    {
        var rooted = Path.IsPathRooted(pattern);
        var parts = pattern.Split('/');
        var results = new List<string>();
        var start = rooted ? "/" : string.Empty;
        Walk(context, parts, 0, start, results);
        results.Sort(StringComparer.Ordinal);
        return results;
    }

    private static void Walk(CallContext context, string[] parts, int index, string prefix, List<string> results)
    {
        if (index == parts.Length)
        {
            ValueLimits.CheckCollection(results.Count + 1L);
            results.Add(prefix);
            return;
        }

        var part = parts[index];
        string Join(string name) => prefix.Length == 0 ? name : prefix.EndsWith('/') ? prefix + name : prefix + "/" + name;
        var directory = Resolve(context, prefix.Length == 0 ? "." : prefix);
        if (part.Length == 0 && index == 0)
        {
            Walk(context, parts, index + 1, "/", results);
            return;
        }

        if (part is "." or ".." || !part.AsSpan().ContainsAny("*?["))
        {
            var next = Join(part);
            var full = Resolve(context, next);
            if (index == parts.Length - 1 ? File.Exists(full) || Directory.Exists(full) : Directory.Exists(full))
            {
                Walk(context, parts, index + 1, next, results);
            }

            return;
        }

        if (!Directory.Exists(directory))
        {
            return;
        }

        context.ThrowIfCancelled();
        if (part == "**")
        {
            Walk(context, parts, index + 1, prefix, results);
            foreach (var sub in Entries(directory, directoriesOnly: true))
            {
                // `**` does not follow links to directories: a link to a parent would make the walk endless.
                if (!sub.StartsWith('.') && !IsLink(Path.Combine(directory, sub)))
                {
                    Walk(context, parts, index, Join(sub), results);
                }
            }

            return;
        }

        var regex = new Regex("^" + GlobToRegex(part) + "$", RegexOptions.CultureInvariant);
        var last = index == parts.Length - 1;
        var names = Entries(directory, directoriesOnly: !last);
        foreach (var name in names)
        {
            if (name.StartsWith('.') && !part.StartsWith('.'))
            {
                continue;
            }

            if (regex.IsMatch(name))
            {
                Walk(context, parts, index + 1, Join(name), results);
            }
        }
    }

    /// <summary>The names in a folder, sorted; none when it cannot be read (as a glob skips what it may not list).</summary>
    private static List<string> Entries(string directory, bool directoriesOnly)
    {
        try
        {
            var entries = directoriesOnly ? Directory.GetDirectories(directory) : Directory.GetFileSystemEntries(directory);
            return [.. entries.Select(e => Path.GetFileName(e)).Order(StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static bool IsLink(string path)
    {
        try
        {
            return new DirectoryInfo(path).LinkTarget is not null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    private static string GlobToRegex(string part)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < part.Length; i++)
        {
            var c = part[i];
            switch (c)
            {
                case '*':
                    builder.Append("[^/]*");
                    break;
                case '?':
                    builder.Append("[^/]");
                    break;
                case '[':
                {
                    var close = part.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        builder.Append(@"\[");
                        break;
                    }

                    var body = part[(i + 1)..close];
                    builder.Append('[').Append(body.StartsWith('!') ? "^" + body[1..] : body).Append(']');
                    i = close;
                    break;
                }

                default:
                    builder.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return builder.ToString();
    }
}
