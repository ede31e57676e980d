using System.Text.Json.Nodes;
using FluentAssertions;
using Konfig.Engine.Readiness;

namespace Konfig.Engine.Tests.Readiness;

/// <summary>Readiness from live status, kind by kind: ready, still waiting, failed.</summary>
public sealed class ReadinessRulesTests
{
    [Theory]
    [InlineData("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"generation":2},"spec":{"replicas":3},"status":{"observedGeneration":2,"replicas":3,"updatedReplicas":3,"availableReplicas":3}}""", true, "3/3 replicas ready")]
    [InlineData("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"generation":2},"spec":{"replicas":3},"status":{"observedGeneration":2,"replicas":3,"updatedReplicas":3,"availableReplicas":2}}""", false, "2/3 replicas ready")]
    [InlineData("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"generation":2},"spec":{"replicas":3},"status":{"observedGeneration":1,"replicas":3,"updatedReplicas":3,"availableReplicas":3}}""", false, "waiting for the controller to observe the change")]
    [InlineData("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"generation":1},"spec":{"replicas":3},"status":{"observedGeneration":1,"replicas":3,"updatedReplicas":1,"availableReplicas":3}}""", false, "1/3 replicas updated")]
    [InlineData("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"generation":1},"spec":{"replicas":2},"status":{"observedGeneration":1,"replicas":3,"updatedReplicas":2,"availableReplicas":2}}""", false, "1 old replicas pending termination")]
    [InlineData("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"generation":1},"spec":{},"status":{"observedGeneration":1,"replicas":1,"updatedReplicas":1,"availableReplicas":1}}""", true, "1/1 replicas ready")]
    [InlineData("""{"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"generation":1},"spec":{"replicas":2},"status":{"observedGeneration":1,"readyReplicas":2,"updatedReplicas":2,"currentRevision":"db-1","updateRevision":"db-1"}}""", true, "2/2 replicas ready")]
    [InlineData("""{"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"generation":1},"spec":{"replicas":2},"status":{"observedGeneration":1,"readyReplicas":1}}""", false, "1/2 replicas ready")]
    [InlineData("""{"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"generation":1},"spec":{"replicas":2},"status":{"observedGeneration":1,"readyReplicas":2,"updatedReplicas":2,"currentRevision":"db-1","updateRevision":"db-2"}}""", false, "waiting for revision db-2 to replace db-1")]
    [InlineData("""{"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"generation":1},"status":{"observedGeneration":1,"desiredNumberScheduled":3,"numberReady":3,"updatedNumberScheduled":3}}""", true, "3/3 pods ready")]
    [InlineData("""{"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"generation":1},"status":{"observedGeneration":1,"desiredNumberScheduled":3,"numberReady":1,"updatedNumberScheduled":3}}""", false, "1/3 pods ready")]
    [InlineData("""{"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"generation":1},"spec":{"replicas":2},"status":{"observedGeneration":1,"readyReplicas":2}}""", true, "2/2 replicas ready")]
    [InlineData("""{"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"generation":1},"spec":{"replicas":2},"status":{"observedGeneration":1}}""", false, "0/2 replicas ready")]
    [InlineData("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}""", true, "Pod p: ready")]
    [InlineData("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"status":{"phase":"Pending","containerStatuses":[{"state":{"waiting":{"reason":"ContainerCreating"}}}]}}""", false, "Pod p: ContainerCreating")]
    [InlineData("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"status":{"phase":"Succeeded"}}""", true, "Pod p: completed")]
    [InlineData("""{"apiVersion":"batch/v1","kind":"Job","status":{"conditions":[{"type":"Complete","status":"True"}]}}""", true, "complete")]
    [InlineData("""{"apiVersion":"batch/v1","kind":"Job","spec":{"completions":3},"status":{"active":1,"succeeded":2}}""", false, "2/3 completions, 1 active")]
    [InlineData("""{"apiVersion":"v1","kind":"PersistentVolumeClaim","status":{"phase":"Bound"}}""", true, "Bound")]
    [InlineData("""{"apiVersion":"v1","kind":"PersistentVolumeClaim","status":{"phase":"Pending"}}""", false, "phase Pending, waiting for Bound")]
    [InlineData("""{"apiVersion":"v1","kind":"Namespace","status":{"phase":"Active"}}""", true, "Active")]
    [InlineData("""{"apiVersion":"v1","kind":"Namespace","status":{"phase":"Terminating"}}""", false, "phase Terminating, waiting for Active")]
    [InlineData("""{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","status":{"conditions":[{"type":"Established","status":"True"}]}}""", true, "established")]
    [InlineData("""{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","status":{"conditions":[{"type":"Established","status":"False"}]}}""", false, "waiting to be established")]
    [InlineData("""{"apiVersion":"v1","kind":"Service","spec":{"type":"LoadBalancer"},"status":{"loadBalancer":{"ingress":[{"ip":"10.0.0.1"}]}}}""", true, "load balancer 10.0.0.1")]
    [InlineData("""{"apiVersion":"v1","kind":"Service","spec":{"type":"LoadBalancer"},"status":{"loadBalancer":{}}}""", false, "waiting for a load balancer address")]
    [InlineData("""{"apiVersion":"v1","kind":"Service","spec":{"type":"ClusterIP"}}""", true, "service created")]
    [InlineData("""{"apiVersion":"v1","kind":"ConfigMap","data":{"a":"b"}}""", true, "applied")]
    [InlineData("""{"apiVersion":"example.com/v1","kind":"Deployment"}""", true, "applied")]
    public void Evaluates_live_status(string live, bool ready, string message)
    {
        var status = ReadinessRules.Evaluate(Parse(live));

        status.Should().Be(new ReadinessStatus(ready, message));
    }

    [Theory]
    [InlineData("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"status":{"phase":"Pending","containerStatuses":[{"state":{"waiting":{"reason":"ImagePullBackOff","message":"Back-off pulling image \"nope\""}}}]}}""", "Pod p: ImagePullBackOff: Back-off pulling image \"nope\"")]
    [InlineData("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"status":{"phase":"Running","containerStatuses":[{"state":{"waiting":{"reason":"CrashLoopBackOff"}}}]}}""", "Pod p: CrashLoopBackOff")]
    [InlineData("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"status":{"phase":"Pending","initContainerStatuses":[{"state":{"waiting":{"reason":"ErrImagePull","message":"not found"}}}]}}""", "Pod p: ErrImagePull: not found")]
    [InlineData("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"status":{"phase":"Failed","reason":"Evicted"}}""", "Pod p: Evicted")]
    [InlineData("""{"apiVersion":"batch/v1","kind":"Job","status":{"conditions":[{"type":"Failed","status":"True","reason":"BackoffLimitExceeded","message":"Job has reached the specified backoff limit"}]}}""", "Job failed: BackoffLimitExceeded: Job has reached the specified backoff limit")]
    [InlineData("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"generation":1},"status":{"observedGeneration":1,"conditions":[{"type":"Progressing","status":"False","reason":"ProgressDeadlineExceeded","message":"ReplicaSet web-1 has timed out progressing."}]}}""", "rollout exceeded its progress deadline: ReplicaSet web-1 has timed out progressing.")]
    [InlineData("""{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","status":{"conditions":[{"type":"NamesAccepted","status":"False","message":"plural taken"}]}}""", "names not accepted: plural taken")]
    public void Reports_failures_that_do_not_fix_themselves(string live, string message)
    {
        ReadinessRules.Evaluate(Parse(live)).Should().Be(ReadinessStatus.HasFailed(message));
    }

    [Fact]
    public void A_workload_fails_with_the_reason_of_a_pod_that_cannot_start()
    {
        var deployment = Parse("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"generation":1},"spec":{"replicas":2},"status":{"observedGeneration":1,"replicas":2,"updatedReplicas":2,"availableReplicas":1}}""");
        var healthy = Parse("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-a"},"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}""");
        var broken = Parse("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-b"},"status":{"phase":"Pending","containerStatuses":[{"state":{"waiting":{"reason":"ImagePullBackOff","message":"Back-off pulling image"}}}]}}""");

        ReadinessRules.Evaluate(deployment, [healthy]).Should().Be(ReadinessStatus.Waiting("1/2 replicas ready"));
        ReadinessRules.Evaluate(deployment, [healthy, broken]).Should().Be(ReadinessStatus.HasFailed("Pod web-b: ImagePullBackOff: Back-off pulling image"));
    }

    [Fact]
    public void A_service_with_a_selector_waits_for_endpoints_with_addresses()
    {
        var service = Parse("""{"apiVersion":"v1","kind":"Service","spec":{"selector":{"app":"web"},"ports":[{"port":80}]}}""");
        var empty = Parse("""{"apiVersion":"v1","kind":"Endpoints","subsets":[]}""");
        var one = Parse("""{"apiVersion":"v1","kind":"Endpoints","subsets":[{"addresses":[{"ip":"10.1.0.4"}]}]}""");
        var slice = Parse("""{"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","endpoints":[{"addresses":["10.1.0.4"],"conditions":{"ready":true}},{"addresses":["10.1.0.5"],"conditions":{"ready":false}}]}""");

        ReadinessRules.Evaluate(service, []).Should().Be(ReadinessStatus.Waiting("no endpoints yet"));
        ReadinessRules.Evaluate(service, [empty]).Should().Be(ReadinessStatus.Waiting("no endpoints yet"));
        ReadinessRules.Evaluate(service, [one]).Should().Be(ReadinessStatus.IsReady("1 endpoint"));
        ReadinessRules.Evaluate(service, [slice]).Should().Be(ReadinessStatus.IsReady("1 endpoint"));
    }

    [Fact]
    public void Pod_selectors_come_from_match_labels_or_the_job_name()
    {
        ReadinessRules.PodSelector(Parse("""{"kind":"Deployment","spec":{"selector":{"matchLabels":{"app":"web","tier":"front"}}}}""")).Should().Be("app=web,tier=front");
        ReadinessRules.PodSelector(Parse("""{"kind":"Job","metadata":{"name":"migrate"},"spec":{}}""")).Should().Be("job-name=migrate");
        ReadinessRules.WantsPods(Parse("""{"apiVersion":"apps/v1","kind":"StatefulSet"}""")).Should().BeTrue();
        ReadinessRules.WantsPods(Parse("""{"apiVersion":"v1","kind":"ConfigMap"}""")).Should().BeFalse();
    }

    [Fact]
    public void Counts_written_in_code_read_like_parsed_ones()
    {
        var built = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ReplicaSet",
            ["spec"] = new JsonObject { ["replicas"] = 2 },
            ["status"] = new JsonObject { ["readyReplicas"] = 2L },
        };

        ReadinessRules.Evaluate(built).Should().Be(ReadinessStatus.IsReady("2/2 replicas ready"));
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
