using System.Globalization;
using Konfig.Kcl.Formatting;

namespace Konfig.Workspace.Files;

/// <summary>
/// Resolves <c>.editorconfig</c> settings for files: walks up from the file's folder reading each
/// <c>.editorconfig</c> until one says <c>root = true</c>; nearer files override farther ones, and within a
/// file later sections override earlier ones. Parsed files are cached, so one instance serves a whole run
/// over many files (create a new instance to see edits).
/// </summary>
public sealed class EditorConfig
{
    public const string FileName = ".editorconfig";

    private readonly Dictionary<string, EditorConfigFile?> _files = new(StringComparer.Ordinal);

    /// <summary>The properties that apply to <paramref name="filePath"/> (keys lower-cased).</summary>
    public IReadOnlyDictionary<string, string> PropertiesFor(string filePath)
    {
        var fullPath = Path.GetFullPath(filePath);
        var chain = new List<EditorConfigFile>();
        for (var directory = Path.GetDirectoryName(fullPath); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (Load(directory) is { } file)
            {
                chain.Add(file);
                if (file.IsRoot)
                {
                    break;
                }
            }
        }

        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            chain[i].Apply(fullPath, properties);
        }

        return properties;
    }

    /// <summary>
    /// Formatter options from <c>indent_style</c> (<c>space</c>/<c>tab</c>) and <c>indent_size</c> (a number,
    /// or <c>tab</c>: indent with tabs unless <c>indent_style = space</c>, then <c>tab_width</c> spaces).
    /// Unset or unreadable values keep the formatter's defaults.
    /// </summary>
    public FormatOptions FormatOptionsFor(string filePath)
    {
        var properties = PropertiesFor(filePath);
        var style = properties.GetValueOrDefault("indent_style")?.ToLowerInvariant();
        var size = properties.GetValueOrDefault("indent_size")?.ToLowerInvariant();
        var options = FormatOptions.Default;
        if (size == "tab")
        {
            if (style == "space")
            {
                return options with { IndentSize = PositiveNumber(properties.GetValueOrDefault("tab_width")) ?? options.IndentSize };
            }

            style ??= "tab";
        }
        else if (PositiveNumber(size) is { } spaces)
        {
            options = options with { IndentSize = spaces };
        }

        return style switch
        {
            "tab" => options with { UseTabs = true },
            "space" => options with { UseTabs = false },
            _ => options,
        };
    }

    private static int? PositiveNumber(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;

    private EditorConfigFile? Load(string directory)
    {
        if (_files.TryGetValue(directory, out var cached))
        {
            return cached;
        }

        var path = Path.Combine(directory, FileName);
        EditorConfigFile? file = null;
        try
        {
            if (File.Exists(path))
            {
                file = EditorConfigFile.Parse(directory, File.ReadAllText(path));
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // An unreadable .editorconfig is treated as absent; formatting still works with the defaults.
        }

        _files[directory] = file;
        return file;
    }
}
