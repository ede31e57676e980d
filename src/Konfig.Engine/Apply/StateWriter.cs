using System.Text.Json.Nodes;
using Konfig.Engine.State;

namespace Konfig.Engine.Apply;

/// <summary>
/// The one writer of a stack's state during an apply or destroy: every change (a resource applied, one
/// deleted) is saved at once through the lock, one save at a time, each with the next serial. The state
/// always holds what was applied so far plus the prior resources not yet dealt with, so a process killed
/// at any point leaves a state that a re-run converges from.
/// </summary>
internal sealed class StateWriter(IStateLock stateLock, StackState? prior, string? tenant, TimeProvider clock, IReadOnlyList<string> preferredOrder)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, StateResource> _resources = (prior?.Resources ?? []).ToDictionary(r => r.Id, StringComparer.Ordinal);
    private readonly Dictionary<string, int> _priorOrder = (prior?.Resources ?? []).Select((r, i) => (r.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
    private readonly Dictionary<string, int> _rank = preferredOrder.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
    private long _serial = prior?.Serial ?? 0;
    private DateTimeOffset? _createdAt = prior?.CreatedAt;

    public int Count => _resources.Count;

    /// <summary>Whether the state holds exactly this resource already (nothing to save).</summary>
    public bool Holds(StateResource resource) =>
        _resources.TryGetValue(resource.Id, out var held)
        && held.Type == resource.Type
        && held.DependsOn.SequenceEqual(resource.DependsOn, StringComparer.Ordinal)
        && JsonNode.DeepEquals(held.Attributes, resource.Attributes);

    public StateResource? Find(string id) => _resources.GetValueOrDefault(id);

    public Task PutAsync(StateResource resource) => ChangeAsync(() => _resources[resource.Id] = resource);

    public Task RemoveAsync(string id) => ChangeAsync(() => _resources.Remove(id));

    /// <summary>Removes the state itself (a destroy left nothing).</summary>
    public async Task DeleteStateAsync()
    {
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            await stateLock.DeleteAsync(CancellationToken.None);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ChangeAsync(Action change)
    {
        // Saves are never cancelled: a state that says less than the cluster holds is what Ctrl-C must not leave.
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            change();
            var now = clock.GetUtcNow();
            _createdAt ??= now;
            var state = new StackState
            {
                Key = stateLock.Key,
                Tenant = prior?.Tenant ?? tenant,
                Serial = _serial + 1,
                Resources = [.. _resources.Values.OrderBy(Rank).ThenBy(r => r.Id, StringComparer.Ordinal)],
                CreatedAt = _createdAt.Value,
                UpdatedAt = now,
            };
            await stateLock.SaveAsync(state, CancellationToken.None);
            _serial = state.Serial;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Apply order for resources of the spec, then the others as the prior state had them.</summary>
    private int Rank(StateResource resource) =>
        _rank.TryGetValue(resource.Id, out var rank) ? rank : _rank.Count + _priorOrder.GetValueOrDefault(resource.Id, int.MaxValue - _rank.Count);
}
