namespace Konfig.Workspace.Files;

/// <summary>
/// One parsed <c>.editorconfig</c>: whether it is the root, and its sections in order (a later section
/// overrides an earlier one). Keys are lower-cased; values are trimmed. Lines starting with <c>#</c> or
/// <c>;</c> are comments; lines that are neither a section, a <c>key = value</c> pair nor blank are ignored.
/// </summary>
internal sealed class EditorConfigFile
{
    private EditorConfigFile(string directory, bool isRoot, IReadOnlyList<Section> sections)
    {
        Directory = directory;
        IsRoot = isRoot;
        Sections = sections;
    }

    public string Directory { get; }

    public bool IsRoot { get; }

    public IReadOnlyList<Section> Sections { get; }

    public static EditorConfigFile Parse(string directory, string text)
    {
        var isRoot = false;
        var sections = new List<Section>();
        Section? current = null;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[' && line[^1] == ']')
            {
                current = new Section(EditorConfigGlob.Parse(line[1..^1]), new Dictionary<string, string>(StringComparer.Ordinal));
                sections.Add(current);
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var key = line[..equals].Trim().ToLowerInvariant();
            var value = line[(equals + 1)..].Trim();
            if (current is null)
            {
                // The preamble: only `root` means something there.
                isRoot |= key == "root" && value.Equals("true", StringComparison.OrdinalIgnoreCase);
            }
            else
            {
                current.Properties[key] = value;
            }
        }

        return new EditorConfigFile(directory, isRoot, sections);
    }

    /// <summary>Sets the properties of every section matching <paramref name="filePath"/>, in file order.</summary>
    public void Apply(string filePath, Dictionary<string, string> into)
    {
        var relative = Path.GetRelativePath(Directory, filePath).Replace('\\', '/');
        foreach (var section in Sections)
        {
            if (section.Glob.IsMatch(relative))
            {
                foreach (var (key, value) in section.Properties)
                {
                    into[key] = value;
                }
            }
        }
    }

    internal sealed record Section(EditorConfigGlob Glob, Dictionary<string, string> Properties);
}
