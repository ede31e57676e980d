using System.Text.Json.Nodes;
using Konfig.Kubernetes;

namespace Konfig.Engine.Planning;

public enum ChangeAction
{
    Create,
    Update,
    Delete,
    UnChanged,
}

/// <summary>One field that differs: its path (<c>spec.replicas</c>, <c>spec.containers[name=web].image</c>, <c>args[0]</c>: <see cref="FieldPath"/>), before and after (null: absent).</summary>
public sealed record FieldChange(string Path, JsonNode? Before, JsonNode? After);

/// <summary>
/// What a preview says about one resource: the action, the object, and the fields that change,
/// with secret values already masked. <see cref="Desired"/> is null for a delete, <see cref="Live"/> for
/// a create.
/// </summary>
public sealed record ResourceChange(
    string Id,
    ChangeAction Action,
    ObjectReference Reference,
    JsonObject? Desired,
    JsonObject? Live,
    IReadOnlyList<FieldChange> Fields);
