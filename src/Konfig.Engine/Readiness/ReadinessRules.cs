using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Konfig.Engine.Readiness;

/// <summary>
/// When an object counts as ready, from its live status (a pure function, like <c>kubectl rollout
/// status</c>): workload rollouts, Pods ready, Jobs complete, Services with endpoints, PVCs bound,
/// Namespaces active, CRDs established. Anything else is ready once applied. <c>related</c> holds
/// the Pods of a workload (to surface why they do not start) or the Endpoints/EndpointSlices of a
/// Service; null means they were not looked up.
/// </summary>
public static class ReadinessRules
{
    /// <summary>Container waiting reasons that do not fix themselves: the rollout has failed.</summary>
    private static readonly HashSet<string> FailingWaitingReasons = new(StringComparer.Ordinal)
    {
        "ImagePullBackOff",
        "ErrImagePull",
        "CrashLoopBackOff",
        "InvalidImageName",
        "CreateContainerConfigError",
        "CreateContainerError",
    };

    public static ReadinessStatus Evaluate(JsonObject live, IReadOnlyList<JsonObject>? related = null)
    {
        var kind = Text(live, "kind");
        var group = Group(Text(live, "apiVersion"));
        return (group, kind) switch
        {
            ("apps", "Deployment") => Deployment(live, related),
            ("apps", "StatefulSet") => StatefulSet(live, related),
            ("apps", "DaemonSet") => DaemonSet(live, related),
            ("apps", "ReplicaSet") => ReplicaSet(live, related),
            ("", "Pod") => Pod(live),
            ("batch", "Job") => Job(live, related),
            ("", "Service") => Service(live, related),
            ("", "PersistentVolumeClaim") => Phase(live, "Bound"),
            ("", "Namespace") => Phase(live, "Active"),
            ("apiextensions.k8s.io", "CustomResourceDefinition") => CustomResourceDefinition(live),
            _ => ReadinessStatus.IsReady("applied"),
        };
    }

    /// <summary>Whether <see cref="Evaluate"/> wants the Pods selected by the object (workloads).</summary>
    public static bool WantsPods(JsonObject live) =>
        (Group(Text(live, "apiVersion")), Text(live, "kind")) is ("apps", "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet") or ("batch", "Job");

    /// <summary>The label selector of a workload's Pods ("app=web,tier=front"), from spec.selector.matchLabels; a Job's own job-name label otherwise.</summary>
    public static string? PodSelector(JsonObject live)
    {
        if (live["spec"]?["selector"]?["matchLabels"] is JsonObject labels && labels.Count > 0)
        {
            return string.Join(",", labels.Select(l => $"{l.Key}={l.Value}"));
        }

        return Text(live, "kind") == "Job" && live["metadata"]?["name"]?.ToString() is { } name ? $"job-name={name}" : null;
    }

    private static ReadinessStatus Deployment(JsonObject live, IReadOnlyList<JsonObject>? pods)
    {
        if (NotObserved(live) is { } waiting)
        {
            return waiting;
        }

        if (Condition(live, "Progressing") is { } progressing && Text(progressing, "reason") == "ProgressDeadlineExceeded")
        {
            return ReadinessStatus.HasFailed($"rollout exceeded its progress deadline: {Text(progressing, "message")}");
        }

        var replicas = Integer(live, "spec", "replicas") ?? 1;
        var updated = Integer(live, "status", "updatedReplicas") ?? 0;
        var available = Integer(live, "status", "availableReplicas") ?? 0;
        var current = Integer(live, "status", "replicas") ?? 0;
        if (updated >= replicas && available >= replicas && current <= updated)
        {
            return ReadinessStatus.IsReady($"{available}/{replicas} replicas ready");
        }

        return PodFailure(pods) ?? ReadinessStatus.Waiting(
            updated < replicas ? $"{updated}/{replicas} replicas updated"
            : current > updated ? $"{current - updated} old replicas pending termination"
            : $"{available}/{replicas} replicas ready");
    }

    private static ReadinessStatus StatefulSet(JsonObject live, IReadOnlyList<JsonObject>? pods)
    {
        if (NotObserved(live) is { } waiting)
        {
            return waiting;
        }

        var replicas = Integer(live, "spec", "replicas") ?? 1;
        var ready = Integer(live, "status", "readyReplicas") ?? 0;
        var updated = Integer(live, "status", "updatedReplicas");
        var onDelete = live["spec"]?["updateStrategy"]?["type"]?.ToString() == "OnDelete";
        if (ready < replicas)
        {
            return PodFailure(pods) ?? ReadinessStatus.Waiting($"{ready}/{replicas} replicas ready");
        }

        if (!onDelete && updated is { } u && u < replicas)
        {
            return PodFailure(pods) ?? ReadinessStatus.Waiting($"{u}/{replicas} replicas updated");
        }

        var currentRevision = live["status"]?["currentRevision"]?.ToString();
        var updateRevision = live["status"]?["updateRevision"]?.ToString();
        if (!onDelete && currentRevision is not null && updateRevision is not null && currentRevision != updateRevision)
        {
            return ReadinessStatus.Waiting($"waiting for revision {updateRevision} to replace {currentRevision}");
        }

        return ReadinessStatus.IsReady($"{ready}/{replicas} replicas ready");
    }

    private static ReadinessStatus DaemonSet(JsonObject live, IReadOnlyList<JsonObject>? pods)
    {
        if (NotObserved(live) is { } waiting)
        {
            return waiting;
        }

        var desired = Integer(live, "status", "desiredNumberScheduled") ?? 0;
        var ready = Integer(live, "status", "numberReady") ?? 0;
        var updated = Integer(live, "status", "updatedNumberScheduled") ?? 0;
        if (ready >= desired && updated >= desired)
        {
            return ReadinessStatus.IsReady($"{ready}/{desired} pods ready");
        }

        return PodFailure(pods) ?? ReadinessStatus.Waiting(
            updated < desired ? $"{updated}/{desired} pods updated" : $"{ready}/{desired} pods ready");
    }

    private static ReadinessStatus ReplicaSet(JsonObject live, IReadOnlyList<JsonObject>? pods)
    {
        if (NotObserved(live) is { } waiting)
        {
            return waiting;
        }

        var replicas = Integer(live, "spec", "replicas") ?? 1;
        var ready = Integer(live, "status", "readyReplicas") ?? 0;
        return ready >= replicas
            ? ReadinessStatus.IsReady($"{ready}/{replicas} replicas ready")
            : PodFailure(pods) ?? ReadinessStatus.Waiting($"{ready}/{replicas} replicas ready");
    }

    private static ReadinessStatus Pod(JsonObject live)
    {
        var name = live["metadata"]?["name"]?.ToString() ?? "?";
        var phase = Text(live, "status", "phase");
        if (phase == "Succeeded")
        {
            return ReadinessStatus.IsReady($"Pod {name}: completed");
        }

        if (WaitingFailure(live) is { } failure)
        {
            return ReadinessStatus.HasFailed(failure);
        }

        if (phase == "Failed")
        {
            var reason = Text(live, "status", "reason") ?? Text(live, "status", "message") ?? "failed";
            return ReadinessStatus.HasFailed($"Pod {name}: {reason}");
        }

        return Condition(live, "Ready") is { } ready && Text(ready, "status") == "True"
            ? ReadinessStatus.IsReady($"Pod {name}: ready")
            : ReadinessStatus.Waiting($"Pod {name}: {WaitingReason(live) ?? phase ?? "Pending"}");
    }

    private static ReadinessStatus Job(JsonObject live, IReadOnlyList<JsonObject>? pods)
    {
        if (Condition(live, "Complete") is { } complete && Text(complete, "status") == "True")
        {
            return ReadinessStatus.IsReady("complete");
        }

        if (Condition(live, "Failed") is { } failed && Text(failed, "status") == "True")
        {
            return ReadinessStatus.HasFailed($"Job failed: {Text(failed, "reason") ?? "Failed"}{Suffix(Text(failed, "message"))}");
        }

        var active = Integer(live, "status", "active") ?? 0;
        var succeeded = Integer(live, "status", "succeeded") ?? 0;
        var completions = Integer(live, "spec", "completions") ?? 1;
        return PodFailure(pods) ?? ReadinessStatus.Waiting($"{succeeded}/{completions} completions, {active} active");
    }

    private static ReadinessStatus Service(JsonObject live, IReadOnlyList<JsonObject>? endpoints)
    {
        var type = Text(live, "spec", "type") ?? "ClusterIP";
        if (type == "ExternalName")
        {
            return ReadinessStatus.IsReady("external name");
        }

        if (type == "LoadBalancer")
        {
            return live["status"]?["loadBalancer"]?["ingress"] is JsonArray { Count: > 0 } ingress
                ? ReadinessStatus.IsReady($"load balancer {ingress[0]?["ip"] ?? ingress[0]?["hostname"]}")
                : ReadinessStatus.Waiting("waiting for a load balancer address");
        }

        // Without a selector, endpoints are someone else's business; unknown endpoints (not looked up) are not ours to wait for.
        if (live["spec"]?["selector"] is not JsonObject { Count: > 0 } || endpoints is null)
        {
            return ReadinessStatus.IsReady("service created");
        }

        var addresses = endpoints.Sum(CountAddresses);
        return addresses > 0
            ? ReadinessStatus.IsReady($"{addresses} endpoint{(addresses == 1 ? "" : "s")}")
            : ReadinessStatus.Waiting("no endpoints yet");
    }

    private static int CountAddresses(JsonObject endpoints) => Text(endpoints, "kind") switch
    {
        "Endpoints" => endpoints["subsets"] is JsonArray subsets ? subsets.Sum(s => s?["addresses"] is JsonArray a ? a.Count : 0) : 0,
        "EndpointSlice" => endpoints["endpoints"] is JsonArray list
            ? list.Count(e => e?["conditions"]?["ready"] is not JsonValue ready || ready.GetValueKind() != JsonValueKind.False)
            : 0,
        _ => 0,
    };

    private static ReadinessStatus Phase(JsonObject live, string wanted)
    {
        var phase = Text(live, "status", "phase");
        return phase == wanted
            ? ReadinessStatus.IsReady(wanted)
            : ReadinessStatus.Waiting(phase is null ? $"waiting for phase {wanted}" : $"phase {phase}, waiting for {wanted}");
    }

    private static ReadinessStatus CustomResourceDefinition(JsonObject live)
    {
        if (Condition(live, "NamesAccepted") is { } names && Text(names, "status") == "False")
        {
            return ReadinessStatus.HasFailed($"names not accepted: {Text(names, "message")}");
        }

        return Condition(live, "Established") is { } established && Text(established, "status") == "True"
            ? ReadinessStatus.IsReady("established")
            : ReadinessStatus.Waiting("waiting to be established");
    }

    /// <summary>The first Pod that cannot start for good, as "Pod x: ImagePullBackOff: Back-off pulling image".</summary>
    private static ReadinessStatus? PodFailure(IReadOnlyList<JsonObject>? pods)
    {
        foreach (var pod in (pods ?? []).OrderBy(p => p["metadata"]?["name"]?.ToString(), StringComparer.Ordinal))
        {
            if (WaitingFailure(pod) is { } failure)
            {
                return ReadinessStatus.HasFailed(failure);
            }
        }

        return null;
    }

    private static string? WaitingFailure(JsonObject pod)
    {
        foreach (var waiting in WaitingStates(pod))
        {
            if (Text(waiting, "reason") is { } reason && FailingWaitingReasons.Contains(reason))
            {
                return $"Pod {pod["metadata"]?["name"]}: {reason}{Suffix(Text(waiting, "message"))}";
            }
        }

        return null;
    }

    private static string? WaitingReason(JsonObject pod) => WaitingStates(pod).Select(w => Text(w, "reason")).FirstOrDefault(r => r is not null);

    private static IEnumerable<JsonObject> WaitingStates(JsonObject pod)
    {
        foreach (var field in new[] { "initContainerStatuses", "containerStatuses" })
        {
            if (pod["status"]?[field] is JsonArray statuses)
            {
                foreach (var status in statuses)
                {
                    if (status?["state"]?["waiting"] is JsonObject waiting)
                    {
                        yield return waiting;
                    }
                }
            }
        }
    }

    private static ReadinessStatus? NotObserved(JsonObject live)
    {
        var generation = Integer(live, "metadata", "generation");
        var observed = Integer(live, "status", "observedGeneration");
        return generation is { } g && (observed ?? 0) < g ? ReadinessStatus.Waiting("waiting for the controller to observe the change") : null;
    }

    private static JsonObject? Condition(JsonObject live, string type) =>
        live["status"]?["conditions"] is JsonArray conditions
            ? conditions.OfType<JsonObject>().FirstOrDefault(c => Text(c, "type") == type)
            : null;

    private static string Suffix(string? message) => string.IsNullOrEmpty(message) ? "" : $": {message}";

    private static string Group(string? apiVersion) =>
        apiVersion is not null && apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : "";

    private static string? Text(JsonObject node, params string[] path) => Walk(node, path) is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static long? Integer(JsonObject node, params string[] path) => Walk(node, path) switch
    {
        // Parsed JSON and values built in code hold different CLR types; their JSON text reads the same.
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => (long)double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture),
        JsonValue value when value.GetValueKind() == JsonValueKind.String && long.TryParse(value.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    private static JsonNode? Walk(JsonObject node, string[] path)
    {
        JsonNode? current = node;
        foreach (var step in path)
        {
            current = current is JsonObject obj ? obj[step] : null;
        }

        return current;
    }
}
