using Konfig.Kcl.Emit;
using Konfig.Kcl.Values;

namespace Konfig.Workspace.Specs;

/// <summary>
/// Writes a spec as kusion does: a YAML list of <c>{id, type, attributes, dependsOn, extensions}</c>, in that
/// order, without empty dependsOn and extensions, with the keys inside attributes and extensions sorted
/// (kusion's Go maps print sorted, so goldens written by either tool differ only in layout). The text comes
/// from our own YAML emitter, so the same spec always gives the same bytes.
/// </summary>
public static class SpecWriter
{
    private static readonly YamlEmitOptions Options = new() { IgnoreNone = false, IgnorePrivate = false, SortKeys = false };

    public static string Write(Spec spec) => YamlEmitter.EmitValue(ToValue(spec), Options);

    /// <summary>The spec as plain data, exactly what <see cref="Write"/> prints (and what goldens are compared with).</summary>
    public static ListValue ToValue(Spec spec)
    {
        var list = new ListValue();
        foreach (var resource in spec.Resources)
        {
            var record = new DictValue();
            record.Set("id", new StringValue(resource.Id));
            record.Set("type", new StringValue(resource.Type));
            record.Set("attributes", Sorted(resource.Attributes));
            if (resource.DependsOn.Count > 0)
            {
                record.Set("dependsOn", new ListValue(resource.DependsOn.Select(id => (KclValue)new StringValue(id))));
            }

            if (resource.Extensions is { Count: > 0 } extensions)
            {
                record.Set("extensions", Sorted(extensions));
            }

            list.Items.Add(record);
        }

        return list;
    }

    private static KclValue Sorted(KclValue value) => value switch
    {
        DictValue dict => SortedDict(dict),
        ListValue list => new ListValue(list.Items.Select(Sorted)),
        _ => value,
    };

    private static DictValue SortedDict(DictValue dict)
    {
        var sorted = new DictValue();
        foreach (var key in dict.Keys.Order(StringComparer.Ordinal))
        {
            sorted.Set(key, Sorted(dict[key]!));
        }

        return sorted;
    }
}
