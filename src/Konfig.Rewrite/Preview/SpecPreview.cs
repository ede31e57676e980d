using System.Text.Json.Nodes;
using Konfig.Engine.Planning;
using Konfig.Engine.Resources;
using Konfig.Kcl.Values;
using Konfig.Workspace.Golden;
using Konfig.Workspace.Specs;

namespace Konfig.Rewrite.Preview;

/// <summary>
/// The difference of two specs of one stack, resource by resource (matched by id): the same field-level diff and
/// Secret masking as the engine's preview (<see cref="ObjectDiff"/>, <see cref="SecretMasking"/>), but between two
/// specs instead of a spec and a cluster. Whether a resource changed at all is decided by meaning
/// (<see cref="SpecComparer"/>), so a golden written by kusion's emitter (<c>2.0</c> for <c>2</c>) shows no change.
/// </summary>
public static class SpecPreview
{
    /// <summary>Fields listed per changed resource: the preview is a summary, and stays small for 10,000 stacks.</summary>
    public const int FieldsPerResource = 20;

    private const int ValueLength = 60;

    private const string Absent = "(absent)";

    private const string Sensitive = "(sensitive)";

    public static IReadOnlyList<ResourcePreview> Compare(IReadOnlyList<Resource> before, IReadOnlyList<Resource> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = new Dictionary<string, Resource>(StringComparer.Ordinal);
        foreach (var resource in before)
        {
            old.TryAdd(resource.Id, resource);
        }

        var previews = new List<ResourcePreview>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var resource in after)
        {
            if (!seen.Add(resource.Id))
            {
                continue;
            }

            if (!old.TryGetValue(resource.Id, out var previous))
            {
                previews.Add(new ResourcePreview(resource.Id, NameOf(resource), ResourcePreviewAction.Add, []));
            }
            else if (Changed(previous, resource) is { } change)
            {
                previews.Add(change);
            }
        }

        previews.AddRange(before.Where(r => !seen.Contains(r.Id)).DistinctBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => new ResourcePreview(r.Id, NameOf(r), ResourcePreviewAction.Delete, [])));
        return previews;
    }

    private static ResourcePreview? Changed(Resource before, Resource after)
    {
        var attributesDiffer = SpecComparer.FindFirstDifference(before.Attributes, after.Attributes) is not null;
        var restDiffers = SpecComparer.FindFirstDifference(Rest(before), Rest(after)) is not null;
        if (!attributesDiffer && !restDiffers)
        {
            return null;
        }

        var fields = new List<FieldPreview>();
        if (attributesDiffer)
        {
            var manifestBefore = (JsonObject)DesiredResource.ToJson(before.Attributes)!;
            var manifestAfter = (JsonObject)DesiredResource.ToJson(after.Attributes)!;
            var isSecret = SecretMasking.IsSecret(manifestBefore) || SecretMasking.IsSecret(manifestAfter);
            fields.AddRange(ObjectDiff.Compare(manifestBefore, manifestAfter).Select(d => Field(SecretMasking.MaskChange(d, isSecret))));
        }

        if (restDiffers)
        {
            fields.AddRange(ObjectDiff.Compare(DesiredResource.ToJson(Rest(before)), DesiredResource.ToJson(Rest(after))).Select(d => Field(d.ToFieldChange())));
        }

        // A resource that differs by meaning counts as changed even in the rare case where no field is listed.
        return new ResourcePreview(after.Id, NameOf(after), ResourcePreviewAction.Change,
            [.. fields.Take(FieldsPerResource)], Math.Max(0, fields.Count - FieldsPerResource));
    }

    /// <summary>What a resource holds besides its attributes, with empty and absent meaning the same (as in goldens).</summary>
    private static DictValue Rest(Resource resource)
    {
        var rest = new DictValue();
        rest.Set("type", new StringValue(resource.Type));
        if (resource.DependsOn.Count > 0)
        {
            var dependsOn = new ListValue();
            foreach (var id in resource.DependsOn)
            {
                dependsOn.Items.Add(new StringValue(id));
            }

            rest.Set("dependsOn", dependsOn);
        }

        if (resource.Extensions is { Count: > 0 } extensions)
        {
            rest.Set("extensions", extensions);
        }

        return rest;
    }

    private static FieldPreview Field(FieldChange change) => new(change.Path, Short(change.Before), Short(change.After));

    private static string Short(JsonNode? node) => node switch
    {
        null => Absent,
        _ when SecretMasking.IsMarker(node) => Sensitive,
        JsonObject map => map.Count == 0 ? "{}" : $"{{{map.Count} {(map.Count == 1 ? "key" : "keys")}}}",
        JsonArray list => list.Count == 0 ? "[]" : $"[{list.Count} {(list.Count == 1 ? "item" : "items")}]",
        _ => Cut(node.ToJsonString()),
    };

    private static string Cut(string text) => text.Length <= ValueLength ? text : text[..(ValueLength - 1)] + "…";

    /// <summary><c>apps/v1/Deployment status-page/status-page</c> for Kubernetes resources; the id otherwise.</summary>
    private static string NameOf(Resource resource)
    {
        var attributes = resource.Attributes;
        if (attributes["apiVersion"] is not StringValue apiVersion || attributes["kind"] is not StringValue kind
            || attributes["metadata"] is not DictValue metadata || metadata["name"] is not StringValue name)
        {
            return resource.Id;
        }

        var scope = metadata["namespace"] is StringValue { Value.Length: > 0 } ns ? ns.Value + "/" : string.Empty;
        return $"{apiVersion.Value}/{kind.Value} {scope}{name.Value}";
    }
}
