using System.Globalization;
using System.Text.Json.Nodes;
using Konfig.Engine.Resources;
using Konfig.Engine.State;
using Konfig.Kubernetes;

namespace Konfig.Engine.Planning;

/// <summary>
/// Refuses deletions that would take resources of the spec with them. On a real cluster, deleting a
/// Namespace deletes everything in it, and deleting a CustomResourceDefinition deletes all its custom
/// resources: when a Namespace or CRD leaves the spec while resources the spec still wants live in it
/// (or are of its kind), deleting it would destroy them behind the plan's back. Preview shows such a
/// delete with this message as its note; apply keeps the object (and its state entry), fails it with this
/// message and goes on with the rest.
/// Destroy does not use the guard: it removes everything anyway.
/// </summary>
public sealed class DeletionGuard
{
    private readonly Dictionary<string, int> _perNamespace = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Group, string Kind), int> _perKind = [];

    public DeletionGuard(IReadOnlyList<DesiredResource> desired)
    {
        foreach (var resource in desired.Where(r => r.IsKubernetes))
        {
            if (ReferenceOf(resource.Manifest) is not { } reference)
            {
                continue;
            }

            if (reference.Namespace is { } ns)
            {
                _perNamespace[ns] = _perNamespace.GetValueOrDefault(ns) + 1;
            }

            var kind = (GroupOf(reference.ApiVersion), reference.Kind);
            _perKind[kind] = _perKind.GetValueOrDefault(kind) + 1;
        }
    }

    /// <summary>Why <paramref name="leaving"/> (a resource that left the spec) must not be deleted; null when it may be.</summary>
    public string? WhyKeep(StateResource leaving)
    {
        if (leaving.Type != DesiredResource.KubernetesType || ReferenceOf(leaving.Attributes) is not { } reference)
        {
            return null;
        }

        if (reference is { ApiVersion: "v1", Kind: "Namespace" } && _perNamespace.TryGetValue(reference.Name, out var inside))
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"kept {leaving.Id}: {Count(inside)} of the spec still {(inside == 1 ? "lives" : "live")} in it; remove them too, or add the Namespace back");
        }

        if (reference.Kind == "CustomResourceDefinition"
            && Text(leaving.Attributes["spec"]?["group"]) is { } group
            && Text(leaving.Attributes["spec"]?["names"]?["kind"]) is { } kind
            && _perKind.TryGetValue((group, kind), out var custom))
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"kept {leaving.Id}: {Count(custom)} of the spec {(custom == 1 ? "is a" : "are")} {kind} ({group}), which deleting the CustomResourceDefinition would delete; remove them too, or add the CustomResourceDefinition back");
        }

        return null;
    }

    private static string Count(int n) => n == 1 ? "1 resource" : string.Create(CultureInfo.InvariantCulture, $"{n} resources");

    private static string GroupOf(string apiVersion) => apiVersion.Contains('/') ? apiVersion[..apiVersion.IndexOf('/')] : "";

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary><see cref="ObjectReference.Of"/>, but a field of the wrong JSON type gives null rather than throwing.</summary>
    private static ObjectReference? ReferenceOf(JsonObject manifest)
    {
        try
        {
            return ObjectReference.Of(manifest);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
