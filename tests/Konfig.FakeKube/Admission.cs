using System.Text.Json.Nodes;

namespace Konfig.FakeKube;

/// <summary>
/// What the real server does around a write beyond storing it: defaults at creation (a Namespace is Active
/// at once, a CRD is Established at once), validation of CRDs, serving a CRD's kinds, and deletion's
/// cascade (a Namespace's objects, a CRD's custom resources, objects whose owner is gone).
/// </summary>
internal static class Admission
{
    public static void OnCreate(ResourceType type, JsonObject value, string now)
    {
        switch (type.Kind)
        {
            case "Namespace" when type.Group.Length == 0:
                value["status"] = new JsonObject { ["phase"] = "Active" };
                break;
            case "CustomResourceDefinition":
                value["status"] = new JsonObject
                {
                    ["acceptedNames"] = value["spec"]?["names"]?.DeepClone(),
                    ["conditions"] = new JsonArray(Condition("NamesAccepted", "NoConflicts", "no conflicts found", now), Condition("Established", "InitialNamesAccepted", "the initial names have been accepted", now)),
                    ["storedVersions"] = new JsonArray(Versions(value).Where(v => v.Storage).Select(v => (JsonNode?)v.Name).ToArray()),
                };
                break;
        }
    }

    public static ApiResult? Validate(ResourceType type, JsonObject value)
    {
        if (type.Kind == "Secret" && type.Group.Length == 0)
        {
            return ValidateSecret(type, value);
        }

        if (type.Kind != "CustomResourceDefinition")
        {
            return null;
        }

        var name = value["metadata"]?["name"].AsString() ?? "";
        var spec = value["spec"];
        var group = spec?["group"].AsString();
        var plural = spec?["names"]?["plural"].AsString();
        if (string.IsNullOrEmpty(group) || string.IsNullOrEmpty(plural) || string.IsNullOrEmpty(spec?["names"]?["kind"].AsString()))
        {
            return KubeStatus.Invalid(type, name, "spec", "Required value: group, names.plural and names.kind are required");
        }

        if (name != $"{plural}.{group}")
        {
            return KubeStatus.Invalid(type, name, "metadata.name", $"Invalid value: \"{name}\": must be spec.names.plural+\".\"+spec.group");
        }

        return Versions(value).Count == 0
            ? KubeStatus.Invalid(type, name, "spec.versions", "Required value: must have exactly one version marked as storage version")
            : null;
    }

    /// <summary>
    /// What the server changes in every written object before storing it, so comparing with the live one
    /// sees the same form: a Secret's stringData is write-only, merged into data as base64, type defaults to Opaque.
    /// </summary>
    public static void Normalize(ResourceType type, JsonObject value)
    {
        if (type.Kind != "Secret" || type.Group.Length != 0)
        {
            return;
        }

        if (value["stringData"] is JsonObject stringData)
        {
            var data = value["data"] as JsonObject ?? [];
            foreach (var (key, text) in stringData)
            {
                data[key] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text.AsString() ?? text?.ToJsonString() ?? ""));
            }

            value["data"] = data;
            value.Remove("stringData");
        }

        value["type"] ??= "Opaque";
    }

    private static ApiResult? ValidateSecret(ResourceType type, JsonObject value)
    {
        var name = value["metadata"]?["name"].AsString() ?? "";
        foreach (var (key, encoded) in value["data"] as JsonObject ?? [])
        {
            var text = encoded.AsString();
            if (text is null || !IsBase64(text))
            {
                return KubeStatus.Invalid(type, name, $"data[{key}]", "Invalid value: illegal base64 data");
            }
        }

        return null;
    }

    private static bool IsBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out _);
    }

    public static void AfterWrite(ResourceCatalog catalog, ResourceType type, JsonObject value)
    {
        if (type.Kind != "CustomResourceDefinition")
        {
            return;
        }

        var spec = value["spec"]!;
        var names = spec["names"]!;
        var shortNames = names["shortNames"] is JsonArray shorts ? shorts.Select(s => s!.GetValue<string>()).ToList() : [];
        var namespaced = spec["scope"].AsString() != "Cluster";
        var types = Versions(value).Where(v => v.Served).Select(v => new ResourceType(
            spec["group"]!.GetValue<string>(), v.Name, names["kind"]!.GetValue<string>(), names["plural"]!.GetValue<string>(), namespaced, shortNames)).ToList();
        catalog.SetCustom(value["metadata"]!["name"]!.GetValue<string>(), types);
    }

    /// <summary>Removes an object and, as the garbage collector would, what depends on it. Caller holds the store's Gate.</summary>
    public static void RemoveWithDependents(FakeObjectStore store, ResourceCatalog catalog, ObjectKey key)
    {
        var removed = store.Remove(key);
        if (removed is null)
        {
            return;
        }

        var dependents = new List<ObjectKey>();
        if (key.Group.Length == 0 && key.Kind == "Namespace")
        {
            dependents.AddRange(store.InNamespace(key.Name).Select(pair => pair.Key));
        }

        if (key.Kind == "CustomResourceDefinition" && removed.Object["spec"] is { } spec)
        {
            catalog.RemoveCustom(key.Name);
            var group = spec["group"].AsString() ?? "";
            var kind = spec["names"]?["kind"].AsString() ?? "";
            dependents.AddRange(store.Query(group, kind, null).Select(pair => pair.Key));
        }

        var uid = removed.Object["metadata"]?["uid"].AsString();
        if (uid is not null)
        {
            dependents.AddRange(store.Snapshot()
                .Where(pair => pair.Value["metadata"]?["ownerReferences"] is JsonArray owners && owners.Any(o => o?["uid"].AsString() == uid))
                .Select(pair => pair.Key));
        }

        foreach (var dependent in dependents.Distinct())
        {
            RemoveWithDependents(store, catalog, dependent);
        }
    }

    public static JsonObject Condition(string type, string reason, string message, string now, string status = "True") => new()
    {
        ["type"] = type,
        ["status"] = status,
        ["lastTransitionTime"] = now,
        ["reason"] = reason,
        ["message"] = message,
    };

    private static List<(string Name, bool Served, bool Storage)> Versions(JsonObject crd) =>
        crd["spec"]?["versions"] is JsonArray versions
            ? versions.OfType<JsonObject>()
                .Where(v => v["name"] is not null)
                .Select(v => (v["name"]!.GetValue<string>(), v["served"]?.GetValue<bool>() ?? true, v["storage"]?.GetValue<bool>() ?? false))
                .ToList()
            : [];
}
