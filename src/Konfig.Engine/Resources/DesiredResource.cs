using System.Text.Json.Nodes;
using Konfig.Kcl.Values;
using Konfig.Kubernetes;
using Konfig.Workspace.Specs;

namespace Konfig.Engine.Resources;

/// <summary>
/// A resource of a compiled spec as the engine handles it: its spec id, type, the manifest (the
/// spec's attributes as JSON, which is what the API server takes), and the ids it depends on.
/// </summary>
public sealed record DesiredResource(string Id, string Type, JsonObject Manifest, IReadOnlyList<string> DependsOn)
{
    public const string KubernetesType = "Kubernetes";

    public bool IsKubernetes => Type == KubernetesType;

    /// <summary>The manifest's apiVersion, kind, namespace and name; null when one is missing.</summary>
    public ObjectReference? Reference => ObjectReference.Of(Manifest);

    public static IReadOnlyList<DesiredResource> FromSpec(Spec spec) =>
        [.. spec.Resources.Select(r => new DesiredResource(r.Id, r.Type, (JsonObject)ToJson(r.Attributes)!, r.DependsOn))];

    /// <summary>A KCL value (plain data, as specs hold) as JSON.</summary>
    public static JsonNode? ToJson(KclValue value) => value switch
    {
        DictValue dict => new JsonObject(dict.Entries.Select(e => new KeyValuePair<string, JsonNode?>(e.Key, ToJson(e.Value)))),
        ListValue list => new JsonArray([.. list.Items.Select(ToJson)]),
        StringValue s => JsonValue.Create(s.Value),
        BoolValue b => JsonValue.Create(b.Value),
        IntValue i => JsonValue.Create(i.Value),
        FloatValue f => JsonValue.Create(f.Value),
        NumberMultiplierValue m => JsonValue.Create(m.Value),
        _ => null,
    };
}
