using System.Globalization;
using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Compilation;

/// <summary>Reads kcl.mod files and finds the module root (the nearest folder with a kcl.mod).</summary>
public static class KclModReader
{
    /// <summary>Parses kcl.mod text; a malformed file gives a diagnostic with its line instead.</summary>
    public static (KclModFile? File, Diagnostic? Error) Parse(string path, string text)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? string.Empty;
        Dictionary<string, object> document;
        try
        {
            document = TomlReader.Parse(text);
        }
        catch (TomlException exception)
        {
            return (null, CompilationDiagnostics.InvalidKclMod(new SourceFile(path, text), exception.Line, exception.Column, exception.Message));
        }

        var package = document.GetValueOrDefault("package") as Dictionary<string, object>;
        var profile = document.GetValueOrDefault("profile") as Dictionary<string, object>;
        var dependencies = new List<KclModDependency>();
        if (document.GetValueOrDefault("dependencies") is Dictionary<string, object> table)
        {
            foreach (var (name, value) in table)
            {
                dependencies.Add(value switch
                {
                    Dictionary<string, object> details => new KclModDependency(
                        name,
                        Text(details, "version") ?? Text(details, "tag"),
                        Text(details, "path"),
                        Text(details, "git"),
                        Text(details, "oci")),
                    _ => new KclModDependency(name, Convert.ToString(value, CultureInfo.InvariantCulture), null, null, null),
                });
            }
        }

        var entries = profile?.GetValueOrDefault("entries") is List<object> list
            ? list.Select(e => Convert.ToString(e, CultureInfo.InvariantCulture) ?? string.Empty).ToArray()
            : [];

        return (new KclModFile
        {
            Directory = directory,
            Name = package is null ? null : Text(package, "name"),
            Edition = package is null ? null : Text(package, "edition"),
            Version = package is null ? null : Text(package, "version"),
            Dependencies = dependencies,
            Entries = entries,
        }, null);
    }

    /// <summary>Reads the kcl.mod in <paramref name="directory"/>; (null, null) when there is none.</summary>
    public static (KclModFile? File, Diagnostic? Error) Read(string directory)
    {
        var path = Path.Combine(directory, KclModFile.FileName);
        if (!File.Exists(path))
        {
            return (null, null);
        }

        try
        {
            return Parse(path, File.ReadAllText(path));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return (null, CompilationDiagnostics.CannotReadFile(path, exception.Message));
        }
    }

    /// <summary>The nearest folder at or above <paramref name="startDirectory"/> that holds a kcl.mod file, or null.</summary>
    public static string? FindModuleRoot(string startDirectory)
    {
        for (var directory = new DirectoryInfo(Path.GetFullPath(startDirectory)); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, KclModFile.FileName)))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    private static string? Text(Dictionary<string, object> table, string key) =>
        table.TryGetValue(key, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;
}
