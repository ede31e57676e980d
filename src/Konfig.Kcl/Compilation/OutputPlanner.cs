using System.Text;
using Konfig.Kcl.Emit;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Compilation;

/// <summary>
/// Turns evaluated top-level values into the YAML <c>kcl run</c> prints, applying path selectors:
/// a selected dict prints as a document, a list of dicts as a stream of documents, anything else as a
/// single YAML value.
/// </summary>
internal static class OutputPlanner
{
    private const string WrapperKey = "selected";

    public static string Plan(IReadOnlyList<KeyValuePair<string, KclValue>> topLevel, KclValue? selected, YamlEmitOptions options)
    {
        if (selected is null)
        {
            return YamlEmitter.Emit(topLevel, options);
        }

        return selected switch
        {
            DictValue dict => YamlEmitter.Emit(dict.Entries, options),
            ListValue { Items.Count: > 0 } list when list.Items.All(i => i is DictValue) =>
                string.Join("---\n", list.Items.Cast<DictValue>().Select(d => YamlEmitter.Emit(d.Entries, options))),
            _ => EmitValue(selected, options),
        };
    }

    /// <summary>A lone value, emitted under a key and then taken out of the mapping.</summary>
    private static string EmitValue(KclValue value, YamlEmitOptions options)
    {
        var text = YamlEmitter.Emit([new KeyValuePair<string, KclValue>(WrapperKey, value)], options);
        var prefix = WrapperKey + ":";
        if (!text.StartsWith(prefix, StringComparison.Ordinal))
        {
            return text;
        }

        var rest = text[prefix.Length..];
        if (rest.StartsWith(' '))
        {
            return rest[1..];
        }

        var lines = rest.TrimStart('\n').Split('\n');
        var indent = lines.Where(l => l.Length > 0).Select(l => l.Length - l.TrimStart(' ').Length).DefaultIfEmpty(0).Min();
        var builder = new StringBuilder();
        foreach (var line in lines)
        {
            builder.Append(line.Length >= indent ? line[indent..] : line.TrimStart(' ')).Append('\n');
        }

        return builder.ToString().TrimEnd('\n') + "\n";
    }
}
