using System.Collections.Concurrent;
using Konfig.Engine.Planning;
using Konfig.Engine.Readiness;
using Konfig.Engine.Resources;
using Konfig.Engine.State;
using Konfig.Kubernetes;

namespace Konfig.Engine.Apply;

/// <summary>
/// Deletes resources of a state, dependents first: the graph of their own dependsOn plus the implicit
/// edges, walked level by level backwards, each level in parallel. A resource that could not be deleted
/// keeps what it depends on (a Namespace, a CRD) in place, and in the state. Shared by apply (resources
/// that left the spec) and destroy (everything). <c>keep</c>, when given, may refuse a deletion
/// (apply's <see cref="DeletionGuard"/>): the resource is then failed with its reason and stays in the state.
/// </summary>
internal sealed class ResourceDeleter(
    IKubernetesClient client,
    StateWriter state,
    StackApplyOptions options,
    IProgress<ApplyEvent>? progress,
    DateTimeOffset deadline,
    Func<bool> mustStop,
    Func<StateResource, string?>? keep = null)
{
    private string? _fatalError;

    /// <summary>Set when the state could not be saved; no further deletion starts.</summary>
    public string? FatalError => Volatile.Read(ref _fatalError);

    public async Task<IReadOnlyList<ResourceOutcome>> DeleteAsync(IReadOnlyList<StateResource> resources, CancellationToken cancellationToken)
    {
        var outcomes = new ConcurrentDictionary<string, ResourceOutcome>(StringComparer.Ordinal);
        var (graph, _) = ResourceGraph.Build([.. resources.Select(r => new DesiredResource(r.Id, r.Type, r.Attributes, r.DependsOn))]);

        // A state is acyclic when written; should one not be, deleting in reverse state order still goes dependents first.
        IReadOnlyList<IReadOnlyList<string>> levels = graph is not null
            ? [.. graph.Levels.Reverse()]
            : [.. resources.Reverse().Select(r => (IReadOnlyList<string>)[r.Id])];
        var byId = resources.ToDictionary(r => r.Id, StringComparer.Ordinal);
        using var gate = new SemaphoreSlim(Math.Max(1, options.Parallelism));
        var ordered = new List<ResourceOutcome>();
        foreach (var level in levels)
        {
            var tasks = level.Select(async id =>
            {
                var resource = byId[id];
                var reference = ObjectReference.Of(resource.Attributes);
                var blocker = graph?.DependentsOf(id).FirstOrDefault(d => outcomes.TryGetValue(d, out var o) && o.Kind != OutcomeKind.Deleted);
                if (blocker is not null)
                {
                    var blocked = outcomes[blocker];
                    var kind = blocked.Kind == OutcomeKind.NotStarted ? OutcomeKind.NotStarted : OutcomeKind.Skipped;
                    var why = $"kept: {ResourceName.Of(blocked.Id, blocked.Reference)}, which depends on it, was not deleted";
                    if (kind == OutcomeKind.Skipped)
                    {
                        progress?.Report(new ApplyEvent(ApplyEventKind.Skipped, id, reference, why));
                    }

                    return new ResourceOutcome(id, reference, kind, why);
                }

                await gate.WaitAsync(CancellationToken.None);
                try
                {
                    return mustStop() || FatalError is not null
                        ? new ResourceOutcome(id, reference, OutcomeKind.NotStarted, "cancelled")
                        : await DeleteOneAsync(resource, reference, cancellationToken);
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

        return ordered;
    }

    private async Task<ResourceOutcome> DeleteOneAsync(StateResource resource, ObjectReference? reference, CancellationToken cancellationToken)
    {
        if (keep?.Invoke(resource) is { } why)
        {
            return Failed(resource.Id, reference, why);
        }

        progress?.Report(new ApplyEvent(ApplyEventKind.ResourceStarted, resource.Id, reference, "deleting"));
        if (reference is null || resource.Type != DesiredResource.KubernetesType)
        {
            return Failed(resource.Id, reference, reference is null
                ? "the state's attributes lack apiVersion, kind or metadata.name: cannot tell what to delete"
                : $"resource type '{resource.Type}' cannot be deleted on Kubernetes");
        }

        try
        {
            // The call itself is not cancelled: once sent, the deletion and the state must agree.
            await client.DeleteAsync(reference, DeletePropagation.Background, CancellationToken.None);
        }
        catch (Exception e) when (e is KubernetesApiException or HttpRequestException)
        {
            return Failed(resource.Id, reference, e.Message);
        }

        if (options.Watch)
        {
            try
            {
                var gone = await new ReadinessWatcher(client, options.Clock, options.PollInterval).WaitGoneAsync(reference, deadline, cancellationToken);
                if (gone.Outcome == ReadinessOutcome.TimedOut)
                {
                    progress?.Report(new ApplyEvent(ApplyEventKind.TimedOut, resource.Id, reference, gone.Message));
                    return new ResourceOutcome(resource.Id, reference, OutcomeKind.TimedOut, $"not gone before the timeout: {gone.Message}");
                }
            }
            catch (OperationCanceledException)
            {
                // Deletion was asked for; whether it has finished, a re-run's delete (not found = deleted) settles.
            }
        }

        try
        {
            await state.RemoveAsync(resource.Id);
        }
        catch (StateException e)
        {
            Interlocked.CompareExchange(ref _fatalError, $"state not saved: {e.Message}", null);
            return Failed(resource.Id, reference, $"deleted, but the state could not be saved: {e.Message}");
        }

        progress?.Report(new ApplyEvent(ApplyEventKind.Deleted, resource.Id, reference));
        return new ResourceOutcome(resource.Id, reference, OutcomeKind.Deleted);
    }

    private ResourceOutcome Failed(string id, ObjectReference? reference, string message)
    {
        progress?.Report(new ApplyEvent(ApplyEventKind.Failed, id, reference, message));
        return new ResourceOutcome(id, reference, OutcomeKind.Failed, message);
    }
}
