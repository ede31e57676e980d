using System.Text.Json.Nodes;

namespace Konfig.FakeKube;

/// <summary>The <c>/scale</c> subresource of Deployments, StatefulSets and ReplicaSets (what <c>kubectl scale</c> uses).</summary>
internal sealed partial class KubeApi
{
    public static bool HasScale(ResourceType type) => type.Group == "apps" && type.Kind is "Deployment" or "StatefulSet" or "ReplicaSet";

    private ApiResult Scale(ApiRequest api, string method, string body, string mediaType, string manager, bool dryRun)
    {
        lock (store.Gate)
        {
            var key = api.Type.KeyOf(api.Namespace, api.Name!);
            var live = store.Find(key);
            if (live is null)
            {
                return KubeStatus.NotFound(api.Type, api.Name!);
            }

            var scale = ScaleOf(live);
            if (method == "GET")
            {
                return ApiResult.Ok(scale);
            }

            JsonObject wanted;
            if (method == "PUT")
            {
                var (parsed, error) = YamlJson.Parse(body);
                if (parsed is null)
                {
                    return KubeStatus.BadRequest(error!);
                }

                wanted = parsed;
            }
            else
            {
                wanted = (JsonObject)scale.DeepClone();
                if (PatchDocument(wanted, body, mediaType.Split(';')[0].Trim(), keepStatus: true) is { } failed)
                {
                    return failed;
                }
            }

            if (JsonValues.AsLong(wanted["spec"]?["replicas"]) is not { } replicas || replicas < 0)
            {
                return KubeStatus.Invalid(api.Type, api.Name!, "spec.replicas", "Invalid value: must be a non-negative number");
            }

            var next = (JsonObject)live.DeepClone();
            next["spec"] ??= new JsonObject();
            next["spec"]!["replicas"] = replicas;
            var outcome = ServerSideApply.Update(live, next, manager, api.Type.ApiVersion, Now(), value => Admission.Normalize(api.Type, value));
            if (!outcome.Changed)
            {
                return ApiResult.Ok(scale);
            }

            var committed = Commit(api, key, outcome.Object, creating: false, dryRun);
            return committed.IsSuccess ? ApiResult.Ok(ScaleOf(outcome.Object)) : committed;
        }
    }

    private static JsonObject ScaleOf(JsonObject value)
    {
        var metadata = value["metadata"];
        var labels = value["spec"]?["selector"]?["matchLabels"] as JsonObject ?? [];
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = metadata?["name"]?.DeepClone(),
                ["namespace"] = metadata?["namespace"]?.DeepClone(),
                ["uid"] = metadata?["uid"]?.DeepClone(),
                ["resourceVersion"] = metadata?["resourceVersion"]?.DeepClone(),
                ["creationTimestamp"] = metadata?["creationTimestamp"]?.DeepClone(),
            },
            ["spec"] = new JsonObject { ["replicas"] = JsonValues.AsLong(value["spec"]?["replicas"]) ?? 1 },
            ["status"] = new JsonObject
            {
                ["replicas"] = JsonValues.AsLong(value["status"]?["replicas"]) ?? 0,
                ["selector"] = string.Join(",", labels.Select(pair => $"{pair.Key}={pair.Value.AsString()}")),
            },
        };
    }
}
