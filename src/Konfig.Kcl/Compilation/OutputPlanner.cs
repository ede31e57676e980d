using Konfig.Kcl.Emit;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Compilation;

/// <summary>
/// Turns evaluated top-level values into the YAML <c>kcl run</c> prints. Without a single value to print
/// (a path selector's result, or the document of a program with top-level expressions) the globals
/// print as one mapping. A single value prints as kcl's planner does: a list whose items are all dicts
/// as a stream of documents, anything else as one document.
/// </summary>
internal static class OutputPlanner
{
    public static string Plan(IReadOnlyList<KeyValuePair<string, KclValue>> topLevel, KclValue? single, YamlEmitOptions options)
    {
        if (single is null)
        {
            return YamlEmitter.Emit(topLevel, options);
        }

        return single switch
        {
            DictValue dict => YamlEmitter.Emit(dict.Entries, options),
            ListValue { Items.Count: > 0 } list when list.Items.All(i => i is DictValue) => YamlEmitter.EmitStream(list.Items, options) + "\n",
            _ => YamlEmitter.EmitValue(single, options),
        };
    }
}
