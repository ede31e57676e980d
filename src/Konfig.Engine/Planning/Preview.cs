using Konfig.Engine.State;

namespace Konfig.Engine.Planning;

/// <summary>
/// What applying a stack would do: per resource the change, in apply order (creates and updates level
/// by level, then deletes, dependents first), with Secret values already masked; notes (a delete of an
/// object already gone, a delete apply will refuse by <see cref="DeletionGuard"/>, a create shown from the
/// spec because its namespace or CRD is new: once for the stack, and per resource marked
/// <see cref="PreviewMessage.SummedUp"/>) and errors per resource (a resource that could not be previewed is
/// not in <see cref="Changes"/>).
/// </summary>
public sealed record Preview(
    string Stack,
    StateKey? StateKey,
    IReadOnlyList<ResourceChange> Changes,
    IReadOnlyList<PreviewMessage> Notes,
    IReadOnlyList<PreviewMessage> Errors)
{
    // Computed on each read, not stored: a copy made with `with` must count its own changes.
    public PreviewCounts Counts => new(
        Changes.Count(c => c.Action == ChangeAction.Create),
        Changes.Count(c => c.Action == ChangeAction.Update),
        Changes.Count(c => c.Action == ChangeAction.Delete),
        Changes.Count(c => c.Action == ChangeAction.UnChanged),
        Errors.Count);

    public bool HasChanges => Counts.Create + Counts.Update + Counts.Delete > 0;

    public bool HasErrors => Errors.Count > 0;

    /// <summary>The notes about one resource that no stack note already says: what people read.</summary>
    public IEnumerable<string> NotesFor(string id) => Notes.Where(n => n.Id == id && !n.SummedUp).Select(n => n.Message);

    /// <summary>The notes about the whole stack.</summary>
    public IEnumerable<string> StackNotes => Notes.Where(n => n.Id is null).Select(n => n.Message);
}

/// <summary>
/// A note or an error; <see cref="Id"/> names the resource, or is null for the whole stack. <see cref="SummedUp"/>
/// marks a resource's note that a stack note already says for all the resources it concerns: outputs for
/// people show that stack note once; machine-readable ones keep this per resource too.
/// </summary>
public sealed record PreviewMessage(string? Id, string Message, bool SummedUp = false)
{
    public override string ToString() => Id is null ? Message : $"{Id}: {Message}";
}

public sealed record PreviewCounts(int Create, int Update, int Delete, int UnChanged, int Errors);
