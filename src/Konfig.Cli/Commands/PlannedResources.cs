using Konfig.Engine.Planning;
using Konfig.Engine.Resources;
using Konfig.Kubernetes;

namespace Konfig.Cli.Commands;

/// <summary>
/// What a preview planned for a stack, by spec id: each resource's action and its name as every output
/// prints it (<see cref="ResourceName"/>: the preview knows the namespace an object without one lands in).
/// The progress displays and the final report name resources through it.
/// </summary>
internal sealed class PlannedResources
{
    private readonly Dictionary<string, ResourceChange> _byId = new(StringComparer.Ordinal);

    public PlannedResources(IEnumerable<ResourceChange> changes)
    {
        foreach (var change in changes)
        {
            _byId[change.Id] = change;
            Order.Add(change.Id);
        }
    }

    /// <summary>The planned ids in the preview's (apply) order.</summary>
    public List<string> Order { get; } = [];

    public ChangeAction? ActionOf(string id) => _byId.TryGetValue(id, out var change) ? change.Action : null;

    /// <summary>The planned object's name; for an id the preview did not plan, the reference's (or the id itself).</summary>
    public string NameOf(string id, ObjectReference? reference) =>
        _byId.TryGetValue(id, out var change) ? ResourceName.Of(change.Reference) : ResourceName.Of(id, reference);

    /// <summary>What applying it did, in the plan's words: created, updated, or applied when it was not planned.</summary>
    public string AppliedVerb(string id) => ActionOf(id) switch
    {
        ChangeAction.Create => "created",
        null => "applied",
        _ => "updated",
    };
}
