using System.Text.Json.Nodes;
using Konfig.Engine.Resources;

namespace Konfig.Engine.Tests.Apply;

/// <summary>Small stacks for apply tests.</summary>
internal static class Stacks
{
    public static DesiredResource Namespace(string name, params string[] dependsOn) =>
        Resource($"v1:Namespace:{name}", new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name } }, dependsOn);

    public static DesiredResource ConfigMap(string ns, string name, string value = "1", params string[] dependsOn) =>
        Resource($"v1:ConfigMap:{ns}:{name}", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["data"] = new JsonObject { ["value"] = value },
        }, dependsOn);

    public static DesiredResource Deployment(string ns, string name, string image = "nginx:1.27", int replicas = 1, IReadOnlyDictionary<string, string>? annotations = null, params string[] dependsOn)
    {
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = ns };
        if (annotations is not null)
        {
            metadata["annotations"] = new JsonObject(annotations.Select(a => new KeyValuePair<string, JsonNode?>(a.Key, a.Value)));
        }

        return Resource($"apps/v1:Deployment:{ns}:{name}", new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = metadata,
            ["spec"] = new JsonObject
            {
                ["replicas"] = replicas,
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                    ["spec"] = new JsonObject
                    {
                        ["containers"] = new JsonArray(new JsonObject { ["name"] = name, ["image"] = image }),
                    },
                },
            },
        }, dependsOn);
    }

    public static DesiredResource Resource(string id, JsonObject manifest, params string[] dependsOn) =>
        new(id, DesiredResource.KubernetesType, manifest, dependsOn);
}
