using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Konfig.Affected.Snapshot;

/// <summary>
/// Reads the entrance files a stack settings file lists: <c>kcl_cli_configs.files</c> when it is
/// non-empty, else <c>kcl_cli_configs.file</c> (kcl's own rule, as the workspace applies it).
/// </summary>
public static class SettingsFactReader
{
    public static SettingsFileFacts Read(string text)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                return new SettingsFileFacts([], IsReadable: stream.Documents.Count == 0);
            }

            if (Child(root, "kcl_cli_configs") is not YamlMappingNode configs)
            {
                return new SettingsFileFacts([], IsReadable: true);
            }

            var files = Strings(Child(configs, "files"));
            return new SettingsFileFacts(files.Count > 0 ? files : Strings(Child(configs, "file")), IsReadable: true);
        }
        catch (YamlException)
        {
            return new SettingsFileFacts([], IsReadable: false);
        }
    }

    private static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static List<string> Strings(YamlNode? node) => node switch
    {
        YamlSequenceNode sequence => [.. sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "")],
        YamlScalarNode { Value: { Length: > 0 } single } => [single],
        _ => [],
    };
}
