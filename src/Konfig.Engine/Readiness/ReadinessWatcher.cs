using System.Text.Json.Nodes;
using Konfig.Kubernetes;

namespace Konfig.Engine.Readiness;

public enum ReadinessOutcome
{
    Ready,
    Failed,
    TimedOut,
    Gone,
}

/// <summary>How a wait ended, with the last readiness message ("2/3 replicas ready", "Pod x: ImagePullBackOff").</summary>
public sealed record ReadinessResult(ReadinessOutcome Outcome, string Message);

/// <summary>
/// Follows one object until <see cref="ReadinessRules"/> call it ready or failed, or the deadline
/// passes. A WATCH on the object wakes it on every change; it also re-reads on a timer (the
/// <c>pollInterval</c>), which is all it does when the watch cannot be opened, and which catches
/// Pod trouble that leaves the workload's own status unchanged (an image that cannot be pulled).
/// </summary>
public sealed class ReadinessWatcher(IKubernetesClient client, TimeProvider? clock = null, TimeSpan? pollInterval = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly TimeSpan _pollInterval = pollInterval ?? TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Waits until ready, failed or <paramref name="deadline"/>; <paramref name="onUpdate"/> hears each new
    /// message while the object is not ready yet (never the final one: an object ready at first look was
    /// never waited for; the result carries the final message). Cancellation throws <see cref="OperationCanceledException"/>; API errors while waiting are
    /// retried until the deadline (the last one becomes the message).
    /// </summary>
    public async Task<ReadinessResult> WaitReadyAsync(ObjectReference reference, DateTimeOffset deadline, Action<string>? onUpdate, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var wake = new SemaphoreSlim(0);
        JsonObject? watched = null;
        var watch = FollowAsync(reference, wake, o => Volatile.Write(ref watched, o), stop.Token);
        var message = "waiting";
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    var live = Interlocked.Exchange(ref watched, null) ?? await client.GetAsync(reference, cancellationToken);
                    var status = live is null
                        ? ReadinessStatus.Waiting("not found")
                        : ReadinessRules.Evaluate(live, await RelatedAsync(live, reference, cancellationToken));
                    if (status.Ready || status.Failed)
                    {
                        return new ReadinessResult(status.Ready ? ReadinessOutcome.Ready : ReadinessOutcome.Failed, status.Message);
                    }

                    if (status.Message != message)
                    {
                        message = status.Message;
                        onUpdate?.Invoke(message);
                    }
                }
                catch (KubernetesApiException e)
                {
                    message = $"{e.Message} (retrying)";
                    onUpdate?.Invoke(message);
                }

                if (!await SleepUntilAsync(wake, deadline, cancellationToken))
                {
                    return new ReadinessResult(ReadinessOutcome.TimedOut, message);
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await watch;
        }
    }

    /// <summary>Waits until the object is gone (GET finds nothing) or the deadline passes.</summary>
    public async Task<ReadinessResult> WaitGoneAsync(ObjectReference reference, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var message = "waiting for deletion";
        using var never = new SemaphoreSlim(0);
        while (true)
        {
            try
            {
                if (await client.GetAsync(reference, cancellationToken) is not { } live)
                {
                    return new ReadinessResult(ReadinessOutcome.Gone, "deleted");
                }

                message = live["metadata"]?["deletionTimestamp"] is null ? "still present" : "terminating";
            }
            catch (KubernetesApiException e)
            {
                message = $"{e.Message} (retrying)";
            }

            if (!await SleepUntilAsync(never, deadline, cancellationToken))
            {
                return new ReadinessResult(ReadinessOutcome.TimedOut, message);
            }
        }
    }

    /// <summary>Sleeps one poll interval or until woken; false when the deadline has passed.</summary>
    private async Task<bool> SleepUntilAsync(SemaphoreSlim wake, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var left = deadline - _clock.GetUtcNow();
        if (left <= TimeSpan.Zero)
        {
            return false;
        }

        using var timer = new CancellationTokenSource(left < _pollInterval ? left : _pollInterval, _clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
        try
        {
            await wake.WaitAsync(either.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The interval passed with no news: time to look again.
        }

        return true;
    }

    private async Task FollowAsync(ObjectReference reference, SemaphoreSlim wake, Action<JsonObject> seen, CancellationToken cancellationToken)
    {
        // Let the first evaluation (a GET) go first; the watch only needs to speed up the next ones.
        await Task.Yield();
        try
        {
            await foreach (var change in client.WatchAsync(reference.ApiVersion, reference.Kind, reference.Namespace, reference.Name, null, cancellationToken))
            {
                if (change.Type is WatchEventType.Added or WatchEventType.Modified)
                {
                    seen(change.Object);
                    wake.Release();
                }
                else if (change.Type is WatchEventType.Error)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or KubernetesApiException or HttpRequestException or IOException or System.Text.Json.JsonException)
        {
            // A broken watch leaves the timer: polling every interval is slower, not wrong.
        }
    }

    private async Task<IReadOnlyList<JsonObject>?> RelatedAsync(JsonObject live, ObjectReference reference, CancellationToken cancellationToken)
    {
        try
        {
            if (ReadinessRules.WantsPods(live))
            {
                return ReadinessRules.PodSelector(live) is { } selector
                    ? (await client.ListAsync("v1", "Pod", reference.Namespace, selector, cancellationToken)).Items
                    : null;
            }

            if (reference is { ApiVersion: "v1", Kind: "Service" })
            {
                var endpoints = await client.GetAsync(new ObjectReference("v1", "Endpoints", reference.Namespace, reference.Name), cancellationToken);
                return endpoints is null ? [] : [endpoints];
            }
        }
        catch (KubernetesApiException)
        {
            // Pods or Endpoints we cannot read only cost detail in the message (or, for a Service, the wait).
        }

        return null;
    }
}
