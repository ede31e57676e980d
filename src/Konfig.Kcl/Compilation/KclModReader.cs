using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Text;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Konfig.Kcl.Compilation;

/// <summary>Reads kcl.mod files and finds the module root (the nearest folder with a kcl.mod).</summary>
public static class KclModReader
{
    /// <summary>
    /// Parses kcl.mod text; a malformed file, or a field KCL reads with the wrong type (<c>[package] name = 1</c>),
    /// gives a diagnostic at its line and column instead.
    /// </summary>
    public static (KclModFile? File, Diagnostic? Error) Parse(string path, string text)
    {
        // Tomlyn's offsets leave a byte-order mark out; drop it so they match our source text.
        if (text.StartsWith('\uFEFF'))
        {
            text = text[1..];
        }

        var source = new SourceFile(path, text);
        var document = SyntaxParser.Parse(text, path, validate: true);
        var syntaxError = document.Diagnostics.FirstOrDefault(d => d.Kind == DiagnosticMessageKind.Error);
        if (syntaxError is not null)
        {
            return (null, Invalid(source, syntaxError.Span, syntaxError.Message));
        }

        try
        {
            return (ToKclModFile(path, TomlEntry.ReadDocument(document)), null);
        }
        catch (KclModFieldException exception)
        {
            return (null, Invalid(source, exception.Syntax.Span, exception.Message));
        }
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

    private static KclModFile ToKclModFile(string path, Dictionary<string, TomlEntry> document)
    {
        var package = Table(document, "package");
        var profile = Table(document, "profile");
        var dependencies = new List<KclModDependency>();
        foreach (var (name, entry) in Table(document, "dependencies") ?? [])
        {
            var field = $"dependencies.{name}";
            dependencies.Add(entry switch
            {
                { Table: { } details } => new KclModDependency(
                    name,
                    Text(details, "version", field) ?? Text(details, "tag", field),
                    Text(details, "path", field),
                    Text(details, "git", field),
                    Text(details, "oci", field)),
                { Syntax: StringValueSyntax version } => new KclModDependency(name, version.Value, null, null, null),
                _ => throw new KclModFieldException(entry.Syntax, $"'{field}' must be a version string or a table, found {entry.Describe()}"),
            });
        }

        return new KclModFile
        {
            Directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? string.Empty,
            Name = Text(package, "name", "package"),
            Edition = Text(package, "edition", "package"),
            Version = Text(package, "version", "package"),
            Dependencies = dependencies,
            Entries = TextList(profile, "entries", "profile"),
        };
    }

    /// <summary>The top-level table <paramref name="key"/>; null when the key is missing.</summary>
    private static Dictionary<string, TomlEntry>? Table(Dictionary<string, TomlEntry> document, string key)
    {
        if (!document.TryGetValue(key, out var entry))
        {
            return null;
        }

        return entry.Table ?? throw new KclModFieldException(entry.Syntax, $"'{key}' must be a table, found {entry.Describe()}");
    }

    /// <summary>The string at <paramref name="key"/> of the table named <paramref name="tableName"/>; null when missing.</summary>
    private static string? Text(Dictionary<string, TomlEntry>? table, string key, string tableName)
    {
        if (table is null || !table.TryGetValue(key, out var entry))
        {
            return null;
        }

        return entry.Syntax is StringValueSyntax text
            ? text.Value
            : throw new KclModFieldException(entry.Syntax, $"'{tableName}.{key}' must be a string, found {entry.Describe()}");
    }

    /// <summary>The array of strings at <paramref name="key"/>; empty when missing.</summary>
    private static string[] TextList(Dictionary<string, TomlEntry>? table, string key, string tableName)
    {
        if (table is null || !table.TryGetValue(key, out var entry))
        {
            return [];
        }

        var field = $"{tableName}.{key}";
        if (entry.Syntax is not ArraySyntax array)
        {
            throw new KclModFieldException(entry.Syntax, $"'{field}' must be an array of strings, found {entry.Describe()}");
        }

        return [.. array.Items.Select(item => item.Value is StringValueSyntax text
            ? text.Value!
            : throw new KclModFieldException(item.Value!, $"'{field}' must be an array of strings, found {new TomlEntry(item.Value!, null).Describe()} in it"))];
    }

    private static Diagnostic Invalid(SourceFile source, SourceSpan span, string reason)
    {
        // Tomlyn counts lines and columns from 0 and columns in code points; our diagnostics count from 1 and
        // columns in UTF-16 units, so the position comes from the offset, which is in UTF-16 units.
        var (line, column) = source.GetLineColumn(span.Start.Offset);
        return CompilationDiagnostics.InvalidKclMod(source, line, column, reason);
    }

    /// <summary>A field KCL reads holds the wrong type of value.</summary>
    private sealed class KclModFieldException(SyntaxNode syntax, string message) : Exception(message)
    {
        public SyntaxNode Syntax { get; } = syntax;
    }
}
