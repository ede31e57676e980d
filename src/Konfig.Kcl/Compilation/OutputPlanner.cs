using Konfig.Kcl.Emit;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Compilation;

/// <summary>
/// Turns evaluated top-level values into the YAML <c>kcl run</c> prints, applying path selectors as
/// kcl's planner does: a selected list whose items are all dicts prints as a stream of documents,
/// anything else as one document.
/// </summary>
internal static class OutputPlanner
{
    public static string Plan(IReadOnlyList<KeyValuePair<string, KclValue>> topLevel, KclValue? selected, YamlEmitOptions options)
    {
        if (selected is null)
        {
            return YamlEmitter.Emit(topLevel, options);
        }

        return selected switch
        {
            DictValue dict => YamlEmitter.Emit(dict.Entries, options),
            ListValue { Items.Count: > 0 } list when list.Items.All(i => i is DictValue) => YamlEmitter.EmitStream(list.Items, options) + "\n",
            _ => YamlEmitter.EmitValue(selected, options),
        };
    }
}
