using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Konfig.FakeKube;

/// <summary>
/// The status a real controller would write, per kind: "progressing" right after a change, then ready
/// (or failed, with a failing Pod that says why) once the simulated delay has passed.
/// </summary>
internal static class WorkloadStatus
{
    public static void Progressing(ObjectKey key, JsonObject value, string now)
    {
        var generation = value["metadata"]?["generation"]?.DeepClone();
        var replicas = Replicas(value);
        var status = value["status"] as JsonObject ?? [];
        switch (key.Kind)
        {
            case "Deployment" or "StatefulSet" or "ReplicaSet":
                status["observedGeneration"] = generation;
                status["replicas"] = replicas;
                status["updatedReplicas"] = replicas;
                status.Remove("readyReplicas");
                status.Remove("availableReplicas");
                status["unavailableReplicas"] = replicas;
                status["conditions"] = new JsonArray(
                    Admission.Condition("Available", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", now, "False"),
                    Admission.Condition("Progressing", "ReplicaSetUpdated", $"ReplicaSet \"{key.Name}\" is progressing.", now));
                break;
            case "DaemonSet":
                status["observedGeneration"] = generation;
                status["desiredNumberScheduled"] = 1;
                status["currentNumberScheduled"] = 1;
                status["numberReady"] = 0;
                status["updatedNumberScheduled"] = 1;
                status["numberUnavailable"] = 1;
                status["numberMisscheduled"] = 0;
                break;
            case "Job":
                status["startTime"] ??= now;
                status["active"] = 1;
                break;
            case "Pod":
                status["phase"] = "Pending";
                break;
            case "PersistentVolumeClaim":
                status["phase"] = "Pending";
                break;
            default:
                return;
        }

        value["status"] = status;
    }

    /// <summary>Writes the settled status into <paramref name="value"/>; returns the Pods to store (a failing one).</summary>
    public static List<(ObjectKey Key, JsonObject Pod)> Settle(ObjectKey key, JsonObject value, string? failure, string now)
    {
        var pods = new List<(ObjectKey, JsonObject)>();
        var generation = value["metadata"]?["generation"]?.DeepClone();
        var replicas = Replicas(value);
        var status = value["status"] as JsonObject ?? [];
        value["status"] = status;
        switch (key.Kind)
        {
            case "Deployment" or "StatefulSet" or "ReplicaSet" when failure is null:
                status["observedGeneration"] = generation;
                status["replicas"] = replicas;
                status["updatedReplicas"] = replicas;
                status["readyReplicas"] = replicas;
                status["availableReplicas"] = replicas;
                status.Remove("unavailableReplicas");
                if (key.Kind == "StatefulSet")
                {
                    status["currentReplicas"] = replicas;
                    status["currentRevision"] = $"{key.Name}-{generation}";
                    status["updateRevision"] = $"{key.Name}-{generation}";
                }

                status["conditions"] = new JsonArray(
                    Admission.Condition("Available", "MinimumReplicasAvailable", "Deployment has minimum availability.", now),
                    Admission.Condition("Progressing", "NewReplicaSetAvailable", $"ReplicaSet \"{key.Name}\" has successfully progressed.", now));
                break;
            case "DaemonSet" when failure is null:
                status["observedGeneration"] = generation;
                status["desiredNumberScheduled"] = 1;
                status["currentNumberScheduled"] = 1;
                status["numberReady"] = 1;
                status["numberAvailable"] = 1;
                status["updatedNumberScheduled"] = 1;
                status["numberMisscheduled"] = 0;
                status.Remove("numberUnavailable");
                break;
            case "Deployment" or "StatefulSet" or "ReplicaSet" or "DaemonSet":
                pods.Add(FailingPod(key, value, failure!, now));
                break;
            case "Job" when failure is null:
                status.Remove("active");
                status["succeeded"] = 1;
                status["completionTime"] = now;
                status["conditions"] = new JsonArray(
                    Admission.Condition("SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods", now),
                    Admission.Condition("Complete", "CompletionsReached", "Reached expected number of succeeded pods", now));
                break;
            case "Job":
                status.Remove("active");
                status["failed"] = 1;
                status["conditions"] = new JsonArray(
                    Admission.Condition("FailureTarget", "BackoffLimitExceeded", "Job has reached the specified backoff limit", now),
                    Admission.Condition("Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit", now));
                pods.Add(FailingPod(key, value, failure!, now));
                break;
            case "Pod":
                SetPodStatus(value, value["spec"] as JsonObject, failure, key.Name, now);
                break;
            case "PersistentVolumeClaim" when failure is null:
                status["phase"] = "Bound";
                status["accessModes"] = value["spec"]?["accessModes"]?.DeepClone();
                status["capacity"] = value["spec"]?["resources"]?["requests"]?.DeepClone();
                break;
            case "Service" when failure is null && IsLoadBalancer(value):
                status["loadBalancer"] = new JsonObject { ["ingress"] = new JsonArray(new JsonObject { ["ip"] = FakeIp(key, 1) }) };
                break;
        }

        if (status.Count == 0)
        {
            value.Remove("status");
        }

        return pods;
    }

    /// <summary>The Endpoints a Service gets once "its Pods" are ready: one address, the Service's ports.</summary>
    public static JsonObject EndpointsFor(JsonObject service, JsonObject? existing)
    {
        var metadata = service["metadata"]!;
        var key = new ObjectKey("", "Service", metadata["namespace"].AsString() ?? "", metadata["name"]!.GetValue<string>());
        var ports = new JsonArray();
        foreach (var port in (service["spec"]?["ports"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var target = JsonValues.AsLong(port["targetPort"]) ?? JsonValues.AsLong(port["port"]) ?? 80;
            var entry = new JsonObject { ["port"] = target, ["protocol"] = port["protocol"]?.DeepClone() ?? "TCP" };
            if (port["name"] is { } name)
            {
                entry["name"] = name.DeepClone();
            }

            ports.Add(entry);
        }

        var endpoints = existing is null ? new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Endpoints",
            ["metadata"] = new JsonObject
            {
                ["name"] = key.Name,
                ["namespace"] = key.Namespace,
                ["uid"] = Guid.NewGuid().ToString(),
                ["creationTimestamp"] = metadata["creationTimestamp"]?.DeepClone(),
                ["labels"] = metadata["labels"]?.DeepClone(),
            },
        } : (JsonObject)existing.DeepClone();
        endpoints["subsets"] = new JsonArray(new JsonObject
        {
            ["addresses"] = new JsonArray(new JsonObject { ["ip"] = FakeIp(key, 2) }),
            ["ports"] = ports,
        });
        return endpoints;
    }

    private static (ObjectKey, JsonObject) FailingPod(ObjectKey owner, JsonObject value, string reason, string now)
    {
        var metadata = value["metadata"]!;
        var uid = metadata["uid"].AsString() ?? owner.Name;
        var name = $"{owner.Name}-{Hash(uid, 10)}-{Hash(uid + "pod", 5)}";
        var template = value["spec"]?["template"] ?? value["spec"]?["jobTemplate"]?["spec"]?["template"];
        var podSpec = template?["spec"]?.DeepClone() as JsonObject ?? new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = "unknown" }) };
        var pod = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = owner.Namespace,
                ["uid"] = Guid.NewGuid().ToString(),
                ["generation"] = 1,
                ["creationTimestamp"] = now,
                ["labels"] = template?["metadata"]?["labels"]?.DeepClone(),
                ["annotations"] = new JsonObject { [FakeKubeServer.FailAnnotation] = reason },
                ["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = value["apiVersion"]?.DeepClone(),
                    ["kind"] = owner.Kind,
                    ["name"] = owner.Name,
                    ["uid"] = uid,
                    ["controller"] = true,
                    ["blockOwnerDeletion"] = true,
                }),
            },
            ["spec"] = podSpec,
        };
        SetPodStatus(pod, podSpec, reason, name, now);
        return (new ObjectKey("", "Pod", owner.Namespace, name), pod);
    }

    private static void SetPodStatus(JsonObject pod, JsonObject? spec, string? failure, string podName, string now)
    {
        var containers = (spec?["containers"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var statuses = new JsonArray();
        foreach (var (container, index) in containers.Select((c, i) => (c, i)))
        {
            var name = container["name"].AsString() ?? "main";
            var image = container["image"].AsString() ?? "";
            var failing = failure is not null && index == 0;
            var state = failing
                ? new JsonObject { ["waiting"] = new JsonObject { ["reason"] = failure, ["message"] = FailureMessage(failure!, image, name, podName) } }
                : new JsonObject { ["running"] = new JsonObject { ["startedAt"] = now } };
            statuses.Add(new JsonObject
            {
                ["name"] = name,
                ["image"] = image,
                ["imageID"] = "",
                ["ready"] = !failing && failure is null,
                ["started"] = !failing,
                ["restartCount"] = failing && failure == "CrashLoopBackOff" ? 3 : 0,
                ["state"] = state,
            });
        }

        var ready = failure is null;
        pod["status"] = new JsonObject
        {
            ["phase"] = ready || failure == "CrashLoopBackOff" ? "Running" : "Pending",
            ["conditions"] = new JsonArray(
                Admission.Condition("PodScheduled", "", "", now),
                Admission.Condition("ContainersReady", ready ? "" : "ContainersNotReady", ready ? "" : "containers with unready status", now, ready ? "True" : "False"),
                Admission.Condition("Ready", ready ? "" : "ContainersNotReady", ready ? "" : "containers with unready status", now, ready ? "True" : "False")),
            ["hostIP"] = "10.0.0.1",
            ["podIP"] = "10.244.0.10",
            ["startTime"] = now,
            ["containerStatuses"] = statuses,
        };
    }

    private static string FailureMessage(string reason, string image, string container, string pod) => reason switch
    {
        "ImagePullBackOff" => $"Back-off pulling image \"{image}\"",
        "ErrImagePull" => $"failed to pull and unpack image \"{image}\": not found",
        "CrashLoopBackOff" => $"back-off 40s restarting failed container={container} pod={pod}",
        _ => $"simulated failure ({FakeKubeServer.FailAnnotation}): {reason}",
    };

    private static bool IsLoadBalancer(JsonObject service) => service["spec"]?["type"].AsString() == "LoadBalancer";

    private static long Replicas(JsonObject value) =>
        JsonValues.AsLong(value["spec"]?["replicas"]) ?? 1;

    private static string FakeIp(ObjectKey key, int salt) =>
        $"10.96.{(int)(Hash64(key.ToString()) % 250) + 1}.{salt + 10}";

    private static string Hash(string text, int length) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..length];

    private static ulong Hash64(string text) => BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0);
}
