using System.Globalization;
using System.Text;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Emit;

/// <summary>
/// Writes KCL values as YAML with the exact bytes of the reference implementation (serde_yaml over
/// libyaml): block style, 2-space indent, sequences not indented under their key, <c>{}</c>/<c>[]</c>
/// for empty collections, quoting only where a plain scalar would change type or break the syntax,
/// literal blocks for multi-line strings, ryu float digits.
/// </summary>
public static class YamlEmitter
{
    /// <summary>One document whose root is a mapping of the given entries. Ends with a line break.</summary>
    public static string Emit(IEnumerable<KeyValuePair<string, KclValue>> topLevel, YamlEmitOptions options)
    {
        ArgumentNullException.ThrowIfNull(topLevel);
        ArgumentNullException.ThrowIfNull(options);
        var builder = new StringBuilder(4096);
        var writer = new YamlWriter(builder);
        var entries = Filter(topLevel, options);
        if (entries.Count == 0)
        {
            writer.IncreaseIndent(flow: true, indentless: false);
            writer.WriteIndicator("{", true, true, false);
            writer.WriteIndicator("}", false, false, false);
            writer.DecreaseIndent();
        }
        else
        {
            WriteMapping(writer, entries, options);
        }

        writer.EndDocument();
        return builder.ToString();
    }

    /// <summary>One document holding any value, as <c>yaml.encode</c> returns it (ends with a line break).</summary>
    public static string EmitValue(KclValue value, YamlEmitOptions options)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        var builder = new StringBuilder(256);
        AppendDocument(builder, value, options);
        return builder.ToString();
    }

    /// <summary>
    /// Several documents as <c>yaml.encode_all</c> joins them: each document (with its final line
    /// break) followed by <c>\n---\n</c> before the next.
    /// </summary>
    public static string EmitAll(IEnumerable<KclValue> documents, YamlEmitOptions options) =>
        Join(documents, options, dropFinalLineBreaks: false);

    /// <summary>
    /// A YAML stream as <c>kcl run</c> prints several documents (and <c>manifests.yaml_stream</c>):
    /// each document without its final line break, joined by <c>\n---\n</c>. No final line break.
    /// </summary>
    public static string EmitStream(IEnumerable<KclValue> documents, YamlEmitOptions options) =>
        Join(documents, options, dropFinalLineBreaks: true);

    private static string Join(IEnumerable<KclValue> documents, YamlEmitOptions options, bool dropFinalLineBreaks)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(options);
        var builder = new StringBuilder(1024);
        var first = true;
        foreach (var document in documents)
        {
            if (!first)
            {
                builder.Append('\n').Append(options.Separator).Append('\n');
            }

            AppendDocument(builder, document, options);
            if (dropFinalLineBreaks && builder.Length > 0 && builder[^1] == '\n')
            {
                builder.Length--;
            }

            first = false;
        }

        return builder.ToString();
    }

    private static void AppendDocument(StringBuilder builder, KclValue value, YamlEmitOptions options)
    {
        var writer = new YamlWriter(builder);
        WriteNode(writer, value, options, mappingContext: false);
        writer.EndDocument();
    }

    private static void WriteNode(YamlWriter writer, KclValue value, YamlEmitOptions options, bool mappingContext)
    {
        StackGuard.Ensure();
        switch (value)
        {
            case DictValue dict:
            {
                var entries = Filter(dict.Entries, options);
                if (entries.Count == 0)
                {
                    WriteEmptyFlow(writer, "{", "}");
                }
                else
                {
                    WriteMapping(writer, entries, options);
                }

                break;
            }

            case ListValue list:
            {
                var items = Filter(list, options);
                if (items.Count == 0)
                {
                    WriteEmptyFlow(writer, "[", "]");
                }
                else
                {
                    WriteSequence(writer, items, options, mappingContext);
                }

                break;
            }

            case StringValue s:
                writer.WriteString(s.Value, simpleKey: false, YamlScalarAnalysis.Analyze(s.Value));
                break;
            default:
                writer.WritePlainToken(ScalarText(value));
                break;
        }
    }

    private static void WriteEmptyFlow(YamlWriter writer, string open, string close)
    {
        writer.IncreaseIndent(flow: true, indentless: false);
        writer.WriteIndicator(open, true, true, false);
        writer.WriteIndicator(close, false, false, false);
        writer.DecreaseIndent();
    }

    private static void WriteMapping(YamlWriter writer, List<KeyValuePair<string, KclValue>> entries, YamlEmitOptions options)
    {
        writer.IncreaseIndent(flow: false, indentless: false);
        foreach (var (key, value) in entries)
        {
            writer.WriteIndent();
            var analysis = YamlScalarAnalysis.Analyze(key);
            if (YamlWriter.IsSimpleKey(key, analysis))
            {
                writer.WriteString(key, simpleKey: true, analysis);
                writer.WriteIndicator(":", false, false, false);
            }
            else
            {
                writer.WriteIndicator("?", true, false, true);
                writer.WriteString(key, simpleKey: false, analysis);
                writer.WriteIndent();
                writer.WriteIndicator(":", true, false, true);
            }

            WriteNode(writer, value, options, mappingContext: true);
        }

        writer.DecreaseIndent();
    }

    private static void WriteSequence(YamlWriter writer, List<KclValue> items, YamlEmitOptions options, bool mappingContext)
    {
        writer.IncreaseIndent(flow: false, indentless: mappingContext && !writer.Indention);
        foreach (var item in items)
        {
            writer.WriteIndent();
            writer.WriteIndicator("-", true, false, true);
            WriteNode(writer, item, options, mappingContext: false);
        }

        writer.DecreaseIndent();
    }

    /// <summary>The text of a non-string scalar as serde_yaml writes it (floats after kcl's JSON round trip).</summary>
    internal static string ScalarText(KclValue value) => value switch
    {
        IntValue i => i.Value.ToString(CultureInfo.InvariantCulture),
        FloatValue f => double.IsFinite(f.Value) ? FloatFormat.Ryu(JsonFloatRoundTrip.Apply(f.Value)) : "null",
        NumberMultiplierValue m => double.IsFinite(m.Value) ? FloatFormat.Ryu(JsonFloatRoundTrip.Apply(m.Value)) : "null",
        BoolValue b => b.Value ? "true" : "false",
        _ => "null",
    };

    /// <summary>True for values the encoders leave out of mappings and lists: Undefined, functions, types, modules.</summary>
    internal static bool IsSkipped(KclValue value) => value is UndefinedValue or FunctionValue or ModuleValue;

    internal static List<KeyValuePair<string, KclValue>> Filter(IEnumerable<KeyValuePair<string, KclValue>> entries, YamlEmitOptions options)
    {
        var result = entries is IReadOnlyCollection<KeyValuePair<string, KclValue>> collection
            ? new List<KeyValuePair<string, KclValue>>(collection.Count)
            : [];
        foreach (var entry in entries)
        {
            var value = entry.Value;
            if (IsSkipped(value)
                || (options.IgnoreNone && value is NoneValue)
                || (options.IgnorePrivate && entry.Key.StartsWith('_')))
            {
                continue;
            }

            result.Add(entry);
        }

        if (options.SortKeys && result.Count > 1)
        {
            // Stable, like Rust's sort: equal keys cannot occur in a dict anyway.
            var comparer = KeyOrder.Instance;
            result.Sort((a, b) => comparer.Compare(a.Key, b.Key));
        }

        return result;
    }

    internal static List<KclValue> Filter(ListValue list, YamlEmitOptions options)
    {
        var result = new List<KclValue>(list.Items.Count);
        foreach (var item in list.Items)
        {
            if (IsSkipped(item) || (options.IgnoreNone && item is NoneValue))
            {
                continue;
            }

            result.Add(item);
        }

        return result;
    }
}
