using System.Globalization;
using System.Text.Json.Nodes;

namespace Konfig.FakeKube;

/// <summary>
/// The cluster's controllers, simulated: workloads, Jobs, Pods, PVCs and Services move to their working
/// state <see cref="FakeKubeOptions.ReadyDelay"/> after each change of their spec (a Deployment shows
/// "progressing" status at once, then ready), or fail on purpose when annotated
/// <see cref="FakeKubeServer.FailAnnotation"/>. It watches the store and writes status through it, so
/// clients see the changes as MODIFIED watch events, like a real cluster's.
/// </summary>
internal sealed class SimulatedController : IAsyncDisposable
{
    private static readonly HashSet<(string Group, string Kind)> Watched =
    [
        ("apps", "Deployment"), ("apps", "StatefulSet"), ("apps", "ReplicaSet"), ("apps", "DaemonSet"),
        ("batch", "Job"), ("", "Pod"), ("", "PersistentVolumeClaim"), ("", "Service"), ("", "Namespace"),
    ];

    private readonly FakeObjectStore store;
    private readonly ResourceCatalog catalog;
    private readonly TimeSpan readyDelay;
    private readonly TimeProvider clock;
    private readonly CancellationTokenSource stop = new();
    // Per object, the "spec version" (generation and failure annotation) last scheduled, and last settled.
    private readonly Dictionary<ObjectKey, (string Version, DateTimeOffset Due)> pending = [];
    private readonly Dictionary<ObjectKey, string> settled = [];
    private WatchSubscription? subscription;
    private Task? loop;

    public SimulatedController(FakeObjectStore store, ResourceCatalog catalog, TimeSpan readyDelay, TimeProvider clock)
    {
        this.store = store;
        this.catalog = catalog;
        this.readyDelay = readyDelay < TimeSpan.Zero ? TimeSpan.Zero : readyDelay;
        this.clock = clock;
    }

    public void Start()
    {
        lock (store.Gate)
        {
            subscription = store.Subscribe(change => Watched.Contains((change.Key.Group, change.Key.Kind)), null);
        }

        loop = Task.Run(() => RunAsync(stop.Token));
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        subscription?.Dispose();
        if (loop is not null)
        {
            try
            {
                await loop;
            }
            catch (OperationCanceledException)
            {
                // Stopping is the point.
            }
        }

        stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var events = subscription!.Events;
        Task<bool>? waiting = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                while (events.TryRead(out var change))
                {
                    Observe(change);
                }

                RunDue();
            }
            catch (Exception error) when (error is InvalidOperationException or FormatException or KeyNotFoundException)
            {
                // An object the simulation cannot read (odd types in user input) stays as it is; the
                // controller goes on for all the others.
            }

            var wait = pending.Count == 0
                ? Timeout.InfiniteTimeSpan
                : pending.Values.Min(p => p.Due) - clock.GetUtcNow();
            if (wait != Timeout.InfiniteTimeSpan && wait < TimeSpan.FromMilliseconds(1))
            {
                wait = TimeSpan.FromMilliseconds(1);
            }

            waiting ??= events.WaitToReadAsync(cancellationToken).AsTask();
            var finished = await Task.WhenAny(waiting, Task.Delay(wait, clock, cancellationToken));
            if (finished == waiting)
            {
                if (!await waiting)
                {
                    return; // Subscription closed: the server is stopping.
                }

                waiting = null;
            }
        }
    }

    private void Observe(StoredEvent change)
    {
        if (change.Type == "DELETED")
        {
            pending.Remove(change.Key);
            settled.Remove(change.Key);
            if (change.Key.Kind == "Service" && change.Key.Group.Length == 0)
            {
                lock (store.Gate)
                {
                    store.Remove(change.Key with { Kind = "Endpoints" });
                }
            }

            return;
        }

        var version = SpecVersion(change.Object);
        if (change.Key.Kind == "Namespace" && change.Object["metadata"]?["deletionTimestamp"] is null)
        {
            return; // Namespaces are Active from creation; only their termination takes time.
        }

        if ((settled.TryGetValue(change.Key, out var done) && done == version)
            || (pending.TryGetValue(change.Key, out var scheduled) && scheduled.Version == version))
        {
            return;
        }

        pending[change.Key] = (version, clock.GetUtcNow() + readyDelay);
        lock (store.Gate)
        {
            if (store.Find(change.Key) is { } live && SpecVersion(live) == version)
            {
                var next = (JsonObject)live.DeepClone();
                WorkloadStatus.Progressing(change.Key, next, Now());
                if (!JsonNode.DeepEquals(live, next))
                {
                    store.Write(change.Key, next);
                }
            }
        }
    }

    private void RunDue()
    {
        var now = clock.GetUtcNow();
        foreach (var (key, (version, _)) in pending.Where(p => p.Value.Due <= now).ToList())
        {
            pending.Remove(key);
            lock (store.Gate)
            {
                if (store.Find(key) is not { } live || SpecVersion(live) != version)
                {
                    continue; // Deleted or changed since: a newer event scheduled it again.
                }

                settled[key] = version;
                if (key.Kind == "Namespace")
                {
                    // Only a terminating Namespace is scheduled: its time is up.
                    Admission.RemoveWithDependents(store, catalog, key);
                    continue;
                }

                var next = (JsonObject)live.DeepClone();
                var failure = live["metadata"]?["annotations"]?[FakeKubeServer.FailAnnotation].AsString();
                var pods = WorkloadStatus.Settle(key, next, failure, Now());
                store.Write(key, next);
                foreach (var (podKey, pod) in pods)
                {
                    store.Write(podKey, pod);
                }

                if (failure is null)
                {
                    RemoveFailedPods(live);
                }

                if (failure is null && key.Kind == "Service" && key.Group.Length == 0)
                {
                    var endpointsKey = key with { Kind = "Endpoints" };
                    var endpoints = WorkloadStatus.EndpointsFor(live, store.Find(endpointsKey));
                    store.Write(endpointsKey, endpoints);
                }
            }
        }
    }

    // A workload that recovered (annotation removed) drops the failing Pod made for it.
    private void RemoveFailedPods(JsonObject owner)
    {
        var uid = owner["metadata"]?["uid"].AsString();
        foreach (var (key, pod) in store.Query("", "Pod", owner["metadata"]?["namespace"].AsString()))
        {
            if (pod["metadata"]?["ownerReferences"] is JsonArray owners && owners.Any(o => o?["uid"].AsString() == uid))
            {
                store.Remove(key);
            }
        }
    }

    // What the controller reacts to: the spec (through generation) and the failure annotation. Its own
    // status writes come back as events with the same version, and are ignored.
    private static string SpecVersion(JsonObject value)
    {
        var generation = value["metadata"]?["generation"]?.ToJsonString() ?? "0";
        var failure = value["metadata"]?["annotations"]?[FakeKubeServer.FailAnnotation]?.ToJsonString() ?? "";
        var deleting = value["metadata"]?["deletionTimestamp"] is null ? "" : "|deleting";
        return generation + "|" + failure + deleting;
    }

    private string Now() => clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
