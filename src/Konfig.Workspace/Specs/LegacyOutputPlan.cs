using Konfig.Kcl.Values;

namespace Konfig.Workspace.Specs;

/// <summary>
/// The printed records as kusion saw them. kusion ran KCL 0.4, whose runner planned each printed document
/// again before handing it over, and that planner left out every empty list held by a mapping key (a list
/// item that is an empty list went too); empty mappings and nulls stayed. The reference goldens were
/// written that way (a container without mounts has no <c>volumeMounts</c>), so specs are built the same way.
/// </summary>
public static class LegacyOutputPlan
{
    public static KclValue Apply(KclValue value)
    {
        switch (value)
        {
            case DictValue mapping:
                {
                    var planned = new DictValue();
                    foreach (var (key, item) in mapping.Entries)
                    {
                        if (item is not ListValue { Items.Count: 0 })
                        {
                            planned.Set(key, Apply(item));
                        }
                    }

                    return planned;
                }

            case ListValue list:
                return new ListValue(list.Items.Where(item => item is not ListValue { Items.Count: 0 }).Select(Apply));
            default:
                return value;
        }
    }
}
