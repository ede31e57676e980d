using Konfig.Kcl.Compilation;
using Konfig.Kcl.Values;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Konfig.Workspace.Discovery;

/// <summary>
/// One metadata file (project.yaml, stack.yaml, kcl.yaml, ci-test/settings.yaml) loaded with YamlDotNet's
/// positions, plus typed field readers that turn every wrong shape into a diagnostic naming the file, the
/// line and column of the offending value, and the field ("field 'name' must be a string"). Never throws.
/// Values are typed as YAML 1.2 resolves them, as the KCL tools read these files: <c>name: 123</c> is a number.
/// </summary>
internal sealed class MetadataFile
{
    private const string StringTag = "tag:yaml.org,2002:str";

    private readonly List<WorkspaceDiagnostic> _diagnostics = [];

    private MetadataFile(string path) => Path = path;

    public string Path { get; }

    /// <summary>The top-level mapping; null when the file is missing, unreadable, empty or not a mapping.</summary>
    public YamlMappingNode? Root { get; private set; }

    /// <summary>Whether the file was read and parsed (it may still be empty).</summary>
    public bool Loaded { get; private set; }

    public IReadOnlyList<WorkspaceDiagnostic> Diagnostics => _diagnostics;

    public static MetadataFile Load(string path)
    {
        var file = new MetadataFile(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            file._diagnostics.Add(WorkspaceDiagnostic.InFile(path, exception is FileNotFoundException or DirectoryNotFoundException
                ? "file is missing"
                : $"cannot read the file: {exception.Message}"));
            return file;
        }

        file.Parse(text);
        return file;
    }

    public static MetadataFile FromText(string path, string text)
    {
        var file = new MetadataFile(path);
        file.Parse(text);
        return file;
    }

    private void Parse(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException exception)
        {
            var reason = exception.InnerException is YamlException inner ? inner.Message : exception.Message;
            _diagnostics.Add(new WorkspaceDiagnostic(Path, (int)exception.Start.Line, (int)exception.Start.Column, $"invalid YAML: {reason}"));
            return;
        }
        catch (InvalidOperationException exception)
        {
            // YamlDotNet gives up on some malformed input without a position.
            _diagnostics.Add(WorkspaceDiagnostic.InFile(Path, $"invalid YAML: {exception.Message}"));
            return;
        }

        Loaded = true;
        if (stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode))
        {
            return;
        }

        if (stream.Documents[0].RootNode is YamlMappingNode root)
        {
            Root = root;
        }
        else
        {
            Error(stream.Documents[0].RootNode, "the file must hold a mapping of fields");
        }
    }

    /// <summary>The value of <paramref name="key"/> in <paramref name="mapping"/> (the root when null); null when absent.</summary>
    public YamlNode? Field(string key, YamlMappingNode? mapping = null)
    {
        mapping ??= Root;
        if (mapping is null)
        {
            return null;
        }

        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is YamlScalarNode { Value: { } name } && string.Equals(name, key, StringComparison.Ordinal))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>A non-empty string field that must be present; reports and returns null otherwise.</summary>
    public string? RequiredString(string field)
    {
        if (!Loaded)
        {
            return null;
        }

        var node = Field(field);
        if (node is null)
        {
            Missing(field);
            return null;
        }

        return StringValue(node, field);
    }

    /// <summary>A string field that may be absent (or null); reports a value of another type.</summary>
    public string? OptionalString(string field)
    {
        var node = Field(field);
        return node is null || IsNull(node) ? null : StringValue(node, field);
    }

    /// <summary>The strings of a list field, each with its node (for positions); null when absent; reports wrong shapes.</summary>
    public IReadOnlyList<(string Value, YamlNode Node)>? StringList(YamlNode? node, string field)
    {
        if (node is null || IsNull(node))
        {
            return null;
        }

        if (node is not YamlSequenceNode sequence)
        {
            Error(node, $"field '{field}' must be a list of strings");
            return null;
        }

        var items = new List<(string, YamlNode)>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var item = sequence.Children[i];
            if (item is YamlScalarNode scalar && ScalarString(scalar) is { } text)
            {
                items.Add((text, item));
            }
            else
            {
                Error(item, $"field '{field}[{i}]' must be a string, not {Describe(item)}");
            }
        }

        return items;
    }

    /// <summary>A mapping field; null when absent or null; reports another shape.</summary>
    public YamlMappingNode? Mapping(YamlNode? node, string field)
    {
        if (node is null || IsNull(node))
        {
            return null;
        }

        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }

        Error(node, $"field '{field}' must be a mapping");
        return null;
    }

    /// <summary><c>kcl_options</c>: a list of <c>{key, value}</c> mappings, values typed as KCL reads them.</summary>
    public IReadOnlyList<KeyValuePair<string, KclValue>> KclOptions(YamlNode? node, string field)
    {
        var options = new List<KeyValuePair<string, KclValue>>();
        if (node is null || IsNull(node))
        {
            return options;
        }

        if (node is not YamlSequenceNode sequence)
        {
            Error(node, $"field '{field}' must be a list of {{key, value}} items");
            return options;
        }

        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var item = sequence.Children[i];
            if (item is not YamlMappingNode entry)
            {
                Error(item, $"field '{field}[{i}]' must be a mapping with key and value");
                continue;
            }

            var keyNode = Field("key", entry);
            var valueNode = Field("value", entry);
            if (keyNode is null)
            {
                Error(item, $"field '{field}[{i}].key' is missing");
            }
            else if (valueNode is null)
            {
                Error(item, $"field '{field}[{i}].value' is missing");
            }
            else if (StringValue(keyNode, $"{field}[{i}].key") is { } key)
            {
                options.Add(new KeyValuePair<string, KclValue>(key, YamlValueConverter.Convert(valueNode)));
            }
        }

        return options;
    }

    public void Error(YamlNode node, string message) =>
        _diagnostics.Add(new WorkspaceDiagnostic(Path, (int)node.Start.Line, (int)node.Start.Column, message));

    private void Missing(string field)
    {
        // Point at the top of the mapping (or the first line of an empty file).
        var line = Root is null ? 1 : (int)Root.Start.Line;
        var column = Root is null ? 1 : (int)Root.Start.Column;
        _diagnostics.Add(new WorkspaceDiagnostic(Path, line, column, $"field '{field}' is missing"));
    }

    private string? StringValue(YamlNode node, string field)
    {
        if (node is not YamlScalarNode scalar || ScalarString(scalar) is not { } text)
        {
            var kind = Describe(node);
            Error(node, kind == "null" ? $"field '{field}' is empty" : $"field '{field}' must be a string, not {kind}");
            return null;
        }

        if (text.Length == 0)
        {
            Error(node, $"field '{field}' must not be empty");
            return null;
        }

        return text;
    }

    /// <summary>What a node holds, for messages: "a list", "a mapping", "a number", "a boolean", "null".</summary>
    private static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        YamlScalarNode scalar when ScalarString(scalar) is null => YamlValueConverter.ResolvePlain(scalar.Value ?? string.Empty) switch
        {
            IntValue or FloatValue => "a number",
            BoolValue => "a boolean",
            _ => "null",
        },
        YamlScalarNode => "a string",
        _ => "an alias",
    };

    /// <summary>The scalar's text when YAML reads it as a string (quoted, or plain text that is no number, bool or null).</summary>
    private static string? ScalarString(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is not ScalarStyle.Plain || (!scalar.Tag.IsEmpty && scalar.Tag.Value == StringTag))
        {
            return text;
        }

        return YamlValueConverter.ResolvePlain(text) is StringValue ? text : null;
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain } scalar && YamlValueConverter.ResolvePlain(scalar.Value ?? string.Empty) is NoneValue;
}
