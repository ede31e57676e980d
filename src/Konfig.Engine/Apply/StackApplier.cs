using System.Collections.Concurrent;
using Konfig.Engine.Planning;
using Konfig.Engine.Readiness;
using Konfig.Engine.Resources;
using Konfig.Engine.State;
using Konfig.Kubernetes;

namespace Konfig.Engine.Apply;

/// <summary>
/// Applies a stack: the spec's resources level by level along the dependency graph (each level in
/// parallel, bounded), by server-side apply; then deletes the resources that left the spec, dependents
/// first, except a Namespace or CRD that resources of the spec still need (<see cref="DeletionGuard"/>:
/// failed, kept, and kept in the state). The state is saved after every resource. A failure skips the resource's dependents and nothing
/// else; cancellation stops new work, lets calls in flight finish and leaves the state consistent.
/// Problems with resources are outcomes in the <see cref="ApplyResult"/>, never exceptions; only a state
/// that cannot be saved stops the run (reported as <see cref="ApplyResult.Error"/>).
/// </summary>
public sealed class StackApplier(IKubernetesClient client, StackApplyOptions? options = null)
{
    private readonly StackApplyOptions _options = options ?? new StackApplyOptions();

    public async Task<ApplyResult> ApplyAsync(
        IReadOnlyList<DesiredResource> desired,
        StackState? prior,
        IStateLock stateLock,
        IProgress<ApplyEvent>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var (graph, graphError) = ResourceGraph.Build(desired);
        if (graph is null)
        {
            return ApplyResult.Fail(graphError ?? "the dependency graph could not be built");
        }

        var run = new Run(client, _options, progress, cancellationToken);
        var writer = new StateWriter(stateLock, prior, _options.Tenant, _options.Clock, [.. graph.Levels.SelectMany(l => l)]);
        var byId = desired.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var outcomes = new ConcurrentDictionary<string, ResourceOutcome>(StringComparer.Ordinal);
        var ordered = new List<ResourceOutcome>();
        using var gate = new SemaphoreSlim(Math.Max(1, _options.Parallelism));
        foreach (var level in graph.Levels)
        {
            var tasks = level.Select(async id =>
            {
                var resource = byId[id];
                var failedDependency = graph.DependenciesOf(id).FirstOrDefault(d => outcomes[d].Kind is not (OutcomeKind.Applied or OutcomeKind.Unchanged));
                if (failedDependency is not null)
                {
                    return run.Skip(resource, outcomes[failedDependency]);
                }

                await gate.WaitAsync(CancellationToken.None);
                try
                {
                    return run.MustStop
                        ? new ResourceOutcome(id, resource.Reference, OutcomeKind.NotStarted, "cancelled")
                        : await run.ApplyOneAsync(resource, writer);
                }
                finally
                {
                    gate.Release();
                }
            });
            foreach (var outcome in await Task.WhenAll(tasks))
            {
                outcomes[outcome.Id] = outcome;
                ordered.Add(outcome);
            }
        }

        var leaving = (prior?.Resources ?? []).Where(r => !byId.ContainsKey(r.Id)).ToList();
        if (leaving.Count > 0 && !run.MustStop)
        {
            // Deleting a Namespace or CRD that resources of the spec still need would delete them too.
            var guard = new DeletionGuard(desired);
            var deleter = new ResourceDeleter(client, writer, _options, progress, run.Deadline, () => run.MustStop, guard.WhyKeep);
            ordered.AddRange(await deleter.DeleteAsync(leaving, cancellationToken));
            return new ApplyResult(ordered, cancellationToken.IsCancellationRequested, run.FatalError ?? deleter.FatalError);
        }

        return new ApplyResult(ordered, cancellationToken.IsCancellationRequested, run.FatalError);
    }

    /// <summary>What one apply run shares between its parallel resources.</summary>
    private sealed class Run(IKubernetesClient client, StackApplyOptions options, IProgress<ApplyEvent>? progress, CancellationToken cancellationToken)
    {
        private string? _fatalError;

        public DateTimeOffset Deadline { get; } = options.Clock.GetUtcNow() + options.Timeout;

        public string? FatalError => Volatile.Read(ref _fatalError);

        public bool MustStop => cancellationToken.IsCancellationRequested || FatalError is not null;

        public ResourceOutcome Skip(DesiredResource resource, ResourceOutcome dependency)
        {
            if (dependency.Kind == OutcomeKind.NotStarted)
            {
                return new ResourceOutcome(resource.Id, resource.Reference, OutcomeKind.NotStarted, "cancelled");
            }

            var message = $"skipped: depends on {ResourceName.Of(dependency.Id, dependency.Reference)}, which {(dependency.Kind == OutcomeKind.Skipped ? "was skipped" : "failed")}";
            progress?.Report(new ApplyEvent(ApplyEventKind.Skipped, resource.Id, resource.Reference, message));
            return new ResourceOutcome(resource.Id, resource.Reference, OutcomeKind.Skipped, message);
        }

        public async Task<ResourceOutcome> ApplyOneAsync(DesiredResource resource, StateWriter writer)
        {
            var reference = resource.Reference;
            progress?.Report(new ApplyEvent(ApplyEventKind.ResourceStarted, resource.Id, reference));
            if (!resource.IsKubernetes)
            {
                return Failed(resource, $"resource type '{resource.Type}' cannot be applied to Kubernetes");
            }

            if (reference is null)
            {
                return Failed(resource, "the manifest lacks apiVersion, kind or metadata.name");
            }

            try
            {
                // Not cancelled: a call that reached the server must be followed by its state save.
                var manifest = resource.Manifest.DeepClone().AsObject();
                await client.ApplyAsync(manifest, new ApplyOptions(options.FieldManager, options.ForceConflicts), CancellationToken.None);
            }
            catch (Exception e) when (e is KubernetesApiException or HttpRequestException)
            {
                return Failed(resource, Describe(e));
            }

            if (reference.Kind == "CustomResourceDefinition")
            {
                client.InvalidateDiscovery();
            }

            var applied = new StateResource(resource.Id, resource.Type, resource.Manifest.DeepClone().AsObject(), [.. resource.DependsOn]);
            var unchanged = writer.Holds(applied);
            if (!unchanged && !await SaveAsync(() => writer.PutAsync(applied)))
            {
                return Failed(resource, $"applied, but the state could not be saved: {FatalError}");
            }

            progress?.Report(new ApplyEvent(ApplyEventKind.Applied, resource.Id, reference, unchanged ? "unchanged" : null));
            var done = new ResourceOutcome(resource.Id, reference, unchanged ? OutcomeKind.Unchanged : OutcomeKind.Applied);
            // A CRD is always awaited: its custom resources, next in line, cannot be applied before it is established.
            return options.Watch || reference.Kind == "CustomResourceDefinition" ? await WatchAsync(resource, reference, done) : done;
        }

        private async Task<ResourceOutcome> WatchAsync(DesiredResource resource, ObjectReference reference, ResourceOutcome applied)
        {
            ReadinessResult readiness;
            try
            {
                readiness = await new ReadinessWatcher(client, options.Clock, options.PollInterval).WaitReadyAsync(
                    reference,
                    Deadline,
                    message => progress?.Report(new ApplyEvent(ApplyEventKind.ReadinessUpdate, resource.Id, reference, message)),
                    cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Applied and saved; only the wait was cut short.
                return applied with { Message = "applied; readiness not awaited (cancelled)" };
            }

            switch (readiness.Outcome)
            {
                case ReadinessOutcome.Ready:
                    progress?.Report(new ApplyEvent(ApplyEventKind.Ready, resource.Id, reference, readiness.Message));
                    return applied with { Message = readiness.Message };
                case ReadinessOutcome.TimedOut:
                    progress?.Report(new ApplyEvent(ApplyEventKind.TimedOut, resource.Id, reference, readiness.Message));
                    return new ResourceOutcome(resource.Id, reference, OutcomeKind.TimedOut, $"not ready before the timeout: {readiness.Message}");
                default:
                    return Failed(resource, readiness.Message);
            }
        }

        private async Task<bool> SaveAsync(Func<Task> save)
        {
            try
            {
                await save();
                return true;
            }
            catch (StateException e)
            {
                Interlocked.CompareExchange(ref _fatalError, $"state not saved: {e.Message}", null);
                return false;
            }
        }

        private ResourceOutcome Failed(DesiredResource resource, string message)
        {
            progress?.Report(new ApplyEvent(ApplyEventKind.Failed, resource.Id, resource.Reference, message));
            return new ResourceOutcome(resource.Id, resource.Reference, OutcomeKind.Failed, message);
        }

        private static string Describe(Exception e) => e is KubernetesApiException { IsConflict: true }
            ? $"{e.Message} (another field manager owns these fields; re-run with --force-conflicts to take them over)"
            : e.Message;
    }
}
