// PLACEHOLDER until branch `emit` lands in main: delete this file when the real emitter is merged.
using System.Text;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Emit;

public sealed record YamlEmitOptions
{
    public bool SortKeys { get; init; }

    public bool IgnoreNone { get; init; }

    public bool IgnorePrivate { get; init; }

    public string Separator { get; init; } = "---";
}

public static class YamlEmitter
{
    public static string Emit(IEnumerable<KeyValuePair<string, KclValue>> topLevel, YamlEmitOptions options)
    {
        var builder = new StringBuilder();
        foreach (var (key, value) in topLevel)
        {
            builder.Append(key).Append(": ").Append(value).Append('\n');
        }

        return builder.Length == 0 ? "{}\n" : builder.ToString();
    }

    public static string EmitValue(KclValue value, YamlEmitOptions options) => value is DictValue dict ? Emit(dict.Entries, options) : value + "\n";

    public static string EmitStream(IEnumerable<KclValue> documents, YamlEmitOptions options) =>
        string.Join("\n" + options.Separator + "\n", documents.Select(d => EmitValue(d, options).TrimEnd('\n')));
}
