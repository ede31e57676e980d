using System.Text.Json.Nodes;

namespace Konfig.FakeKube;

/// <summary>What an apply or update would make of an object, or why it cannot.</summary>
internal sealed record WriteOutcome(JsonObject Object, bool Changed, IReadOnlyList<(string Manager, string Field)> Conflicts);

/// <summary>
/// Server-side apply and plain updates, as pure functions over JSON: maps merge recursively, lists and
/// scalars are replaced, a manager's fields it no longer applies are removed (unless another manager owns
/// them), changing a field another manager owns to a different value is a conflict unless forced, and
/// generation moves when anything outside metadata and status changed.
/// </summary>
internal static class ServerSideApply
{
    /// <summary>Applies <paramref name="config"/> as <paramref name="manager"/> onto <paramref name="live"/> (a copy is changed).</summary>
    public static WriteOutcome Apply(JsonObject live, bool creating, JsonObject config, string manager, bool force, string apiVersion, string now, Action<JsonObject> normalize)
    {
        var result = (JsonObject)live.DeepClone();
        var managers = ManagedFields.Read(live);
        var applied = ManagedFields.LeavesOf(config);
        var mine = managers.FirstOrDefault(m => m.Name == manager && m.IsApply && m.Subresource is null);

        var conflicts = new List<(string, string)>();
        foreach (var other in managers.Where(m => m != mine && m.Subresource is null))
        {
            foreach (var path in applied.Where(other.Fields.Contains).Order(StringComparer.Ordinal))
            {
                if (JsonNode.DeepEquals(ManagedFields.At(live, path), ManagedFields.At(config, path)))
                {
                    continue; // Same value: ownership is shared, no conflict.
                }

                if (force)
                {
                    other.Fields.Remove(path);
                }
                else
                {
                    conflicts.Add((other.Name, ManagedFields.Display(path)));
                }
            }
        }

        if (conflicts.Count > 0)
        {
            return new WriteOutcome(live, false, conflicts);
        }

        if (mine is not null)
        {
            bool OwnedByOthers(string path) => managers.Any(m => m != mine && m.Fields.Any(f => f == path || f.StartsWith(path + ManagedFields.Separator, StringComparison.Ordinal)));
            bool Kept(string path) => applied.Any(a => a == path || a.StartsWith(path + ManagedFields.Separator, StringComparison.Ordinal)) || OwnedByOthers(path);
            foreach (var dropped in mine.Fields.Where(path => !applied.Contains(path)).Order(StringComparer.Ordinal))
            {
                if (!OwnedByOthers(dropped))
                {
                    ManagedFields.Remove(result, dropped, Kept);
                }
            }
        }

        MergeInto(result, WithoutServerFields(config));
        normalize(result);
        var newMine = new FieldManager(manager, "Apply", apiVersion, mine?.Time ?? now, null, applied);
        var updated = managers.Select(m => m == mine ? newMine : m).ToList();
        if (mine is null)
        {
            updated.Add(newMine);
        }

        return Finish(creating ? null : live, result, updated, newMine, now);
    }

    /// <summary>
    /// An update (PUT, merge patch, create): <paramref name="result"/> is the new object; the manager takes
    /// the fields that changed from the others, as the real server does for non-apply writes.
    /// </summary>
    public static WriteOutcome Update(JsonObject? live, JsonObject result, string manager, string apiVersion, string now, Action<JsonObject> normalize)
    {
        result = (JsonObject)result.DeepClone();
        normalize(result);
        var managers = live is null ? [] : ManagedFields.Read(live);
        var before = live is null ? [] : ManagedFields.LeavesOf(live);
        var after = ManagedFields.LeavesOf(result);
        var changed = after.Where(path => !before.Contains(path) || !JsonNode.DeepEquals(ManagedFields.At(live!, path), ManagedFields.At(result, path))).ToHashSet(StringComparer.Ordinal);
        foreach (var other in managers)
        {
            other.Fields.RemoveWhere(path => changed.Contains(path) || !after.Contains(path));
        }

        var mine = managers.FirstOrDefault(m => m.Name == manager && !m.IsApply && m.Subresource is null);
        var fields = new HashSet<string>(mine?.Fields ?? [], StringComparer.Ordinal);
        fields.UnionWith(changed);
        fields.IntersectWith(after);
        var newMine = new FieldManager(manager, "Update", apiVersion, mine?.Time ?? now, null, fields);
        var updated = managers.Select(m => m == mine ? newMine : m).ToList();
        if (mine is null)
        {
            updated.Add(newMine);
        }

        return Finish(live, result, updated, newMine, now);
    }

    /// <summary>RFC 7386 JSON merge patch: maps merge, null removes, everything else replaces.</summary>
    public static void MergeInto(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch.ToList())
        {
            if (key == "status" && ReferenceEquals(target.Parent, null))
            {
                continue; // The main resource ignores status; the status subresource sets it.
            }

            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject patchMap && target[key] is JsonObject targetMap)
            {
                MergeInto(targetMap, patchMap);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }

    /// <summary>A copy without status and the metadata only the server sets (uid, resourceVersion, managedFields…).</summary>
    public static JsonObject WithoutServerFields(JsonObject value)
    {
        var copy = (JsonObject)value.DeepClone();
        copy.Remove("status");
        if (copy["metadata"] is JsonObject metadata)
        {
            // name and namespace come from the URL (checked against the body before).
            foreach (var field in new[] { "name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "managedFields", "selfLink" })
            {
                metadata.Remove(field);
            }
        }

        return copy;
    }

    /// <summary>True when anything outside metadata and status differs (the rule for bumping generation).</summary>
    public static bool SpecChanged(JsonObject before, JsonObject after)
    {
        static JsonObject Strip(JsonObject value)
        {
            var copy = (JsonObject)value.DeepClone();
            copy.Remove("metadata");
            copy.Remove("status");
            return copy;
        }

        return !JsonNode.DeepEquals(Strip(before), Strip(after));
    }

    private static WriteOutcome Finish(JsonObject? live, JsonObject result, List<FieldManager> managers, FieldManager mine, string now)
    {
        ManagedFields.Write(result, managers);
        if (live is not null && JsonNode.DeepEquals(live, result))
        {
            return new WriteOutcome(live, false, []);
        }

        // Something changed: stamp this manager's entry with the time of this write.
        var stamped = managers.Select(m => m == mine ? m with { Time = now } : m).ToList();
        ManagedFields.Write(result, stamped);
        if (live is not null && SpecChanged(live, result))
        {
            var generation = JsonValues.AsLong(live["metadata"]?["generation"]) ?? 0;
            FakeObjectStore.Metadata(result)["generation"] = generation + 1;
        }

        return new WriteOutcome(result, true, []);
    }
}
