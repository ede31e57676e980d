using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Konfig.Kcl.Compilation;

/// <summary>
/// Reads <c>-Y</c> settings files. Anything that is not the expected shape is reported the way kcl does
/// ("Failed to load 'x.yaml', invalid setting file format"), with the reason and line added.
/// Unknown keys under <c>kcl_cli_configs</c> are ignored, as kcl ignores them.
/// </summary>
public static class SettingsFileReader
{
    public static (SettingsFile? File, Diagnostic? Error) Read(string displayPath, string fullPath)
    {
        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return (null, CompilationDiagnostics.CannotReadFile(displayPath, exception is FileNotFoundException or DirectoryNotFoundException
                ? "no such file"
                : exception.Message));
        }

        return Parse(displayPath, fullPath, text);
    }

    public static (SettingsFile? File, Diagnostic? Error) Parse(string displayPath, string fullPath, string text)
    {
        var source = new SourceFile(fullPath, text);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException exception)
        {
            var reason = exception.InnerException is YamlException inner ? inner.Message : exception.Message;
            return (null, Invalid(displayPath, source, exception.Start.Line, exception.Start.Column, reason));
        }
        catch (InvalidOperationException exception)
        {
            // YamlDotNet's scanner gives up on some malformed input without a position.
            return (null, Invalid(displayPath, source, 0, 0, exception.Message));
        }

        var settings = new SettingsFile { Path = fullPath };
        if (stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode))
        {
            return (settings, null);
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return (null, Invalid(displayPath, source, stream.Documents[0].RootNode, "the top level must be a mapping with kcl_cli_configs and kcl_options"));
        }

        try
        {
            foreach (var (keyNode, value) in root.Children)
            {
                switch ((keyNode as YamlScalarNode)?.Value)
                {
                    case "kcl_cli_configs":
                        settings = ReadCliConfigs(settings, value);
                        break;
                    case "kcl_options":
                        settings = settings with { Options = ReadOptions(value) };
                        break;
                }
            }
        }
        catch (SettingsFormatException exception)
        {
            return (null, Invalid(displayPath, source, exception.Node, exception.Message));
        }

        return (settings, null);
    }

    private static SettingsFile ReadCliConfigs(SettingsFile settings, YamlNode node)
    {
        if (IsNull(node))
        {
            return settings;
        }

        if (node is not YamlMappingNode mapping)
        {
            throw new SettingsFormatException(node, "kcl_cli_configs must be a mapping");
        }

        IReadOnlyList<string>? file = null;
        IReadOnlyList<string>? files = null;
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value;
            switch (key)
            {
                case "file": file = StringList(value, key); break;
                case "files": files = StringList(value, key); break;
                case "output": settings = settings with { Output = String(value, key) }; break;
                case "path_selector": settings = settings with { PathSelectors = StringList(value, key) }; break;
                case "overrides": settings = settings with { Overrides = StringList(value, key) }; break;
                case "strict_range_check": settings = settings with { StrictRangeCheck = Bool(value, key) }; break;
                case "disable_none": settings = settings with { DisableNone = Bool(value, key) }; break;
                case "debug": settings = settings with { Debug = Bool(value, key) }; break;
                case "show_hidden": settings = settings with { ShowHidden = Bool(value, key) }; break;
                case "sort_keys": settings = settings with { SortKeys = Bool(value, key) }; break;
            }
        }

        // kcl: `files` when it is non-empty, else `file`.
        var input = files is { Count: > 0 } ? files : file ?? files;
        return settings with { Files = input };
    }

    private static List<KeyValuePair<string, Values.KclValue>> ReadOptions(YamlNode node)
    {
        var options = new List<KeyValuePair<string, Values.KclValue>>();
        if (IsNull(node))
        {
            return options;
        }

        if (node is not YamlSequenceNode sequence)
        {
            throw new SettingsFormatException(node, "kcl_options must be a list of {key, value} items");
        }

        foreach (var item in sequence.Children)
        {
            if (item is not YamlMappingNode entry)
            {
                throw new SettingsFormatException(item, "each kcl_options item must be a mapping with key and value");
            }

            string? key = null;
            YamlNode? value = null;
            foreach (var (keyNode, valueNode) in entry.Children)
            {
                switch ((keyNode as YamlScalarNode)?.Value)
                {
                    case "key":
                        key = valueNode is YamlScalarNode { Value: { } text } ? text : throw new SettingsFormatException(valueNode, "an option key must be a string");
                        break;
                    case "value":
                        value = valueNode;
                        break;
                }
            }

            if (key is null || value is null)
            {
                throw new SettingsFormatException(item, key is null ? "a kcl_options item has no key" : $"the kcl_options item '{key}' has no value");
            }

            options.Add(new KeyValuePair<string, Values.KclValue>(key, YamlValueConverter.Convert(value)));
        }

        return options;
    }

    private static List<string>? StringList(YamlNode node, string key)
    {
        if (IsNull(node))
        {
            return null;
        }

        if (node is not YamlSequenceNode sequence)
        {
            throw new SettingsFormatException(node, $"{key} must be a list of strings");
        }

        return sequence.Children.Select(child => child is YamlScalarNode { Value: { } text } ? text : throw new SettingsFormatException(child, $"{key} must be a list of strings")).ToList();
    }

    private static string? String(YamlNode node, string key) =>
        IsNull(node) ? null : node is YamlScalarNode { Value: { } text } ? text : throw new SettingsFormatException(node, $"{key} must be a string");

    private static bool? Bool(YamlNode node, string key)
    {
        if (IsNull(node))
        {
            return null;
        }

        return node is YamlScalarNode { Style: ScalarStyle.Plain } scalar && YamlValueConverter.ResolvePlain(scalar.Value ?? string.Empty) is Values.BoolValue value
            ? value.Value
            : throw new SettingsFormatException(node, $"{key} must be true or false");
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain } scalar && YamlValueConverter.ResolvePlain(scalar.Value ?? string.Empty) is Values.NoneValue;

    private static Diagnostic Invalid(string displayPath, SourceFile source, YamlNode node, string reason) =>
        Invalid(displayPath, source, node.Start.Line, node.Start.Column, reason);

    private static Diagnostic Invalid(string displayPath, SourceFile source, long line, long column, string reason)
    {
        var location = line >= 1 ? new DiagnosticLocation(source, (int)line, (int)Math.Max(column, 1)) : null;
        var where = line >= 1 ? $"line {line}: {reason}" : reason;
        return CompilationDiagnostics.InvalidSettingsFile(displayPath, where, location);
    }

    private sealed class SettingsFormatException(YamlNode node, string message) : Exception(message)
    {
        public YamlNode Node { get; } = node;
    }
}
