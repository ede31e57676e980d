using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Konfig.Engine.Planning;
using Konfig.Engine.Resources;

namespace Konfig.Engine.Output;

/// <summary>The words and value forms the three preview renderings share, so they say the same thing.</summary>
internal static class PreviewText
{
    /// <summary>Readable JSON: no \u escapes for non-ASCII or HTML characters (the Markdown writer escapes where it must).</summary>
    public static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Summary(PreviewCounts counts)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{counts.Create} to create, {counts.Update} to update, {counts.Delete} to delete, {counts.UnChanged} unchanged");
        return counts.Errors == 0 ? text : string.Create(CultureInfo.InvariantCulture, $"{text}, {counts.Errors} {(counts.Errors == 1 ? "error" : "errors")}");
    }

    public static string Action(ChangeAction action) => action switch
    {
        ChangeAction.Create => "create",
        ChangeAction.Update => "update",
        ChangeAction.Delete => "delete",
        _ => "unchanged",
    };

    /// <summary><c>apps/v1/Deployment demo/web</c>, as every output names objects (<see cref="ResourceName"/>).</summary>
    public static string Object(ResourceChange change) => ResourceName.Of(change.Reference);

    public static string Details(ResourceChange change) => change.Action == ChangeAction.Update
        ? string.Create(CultureInfo.InvariantCulture, $"{Object(change)} ({change.Fields.Count} {(change.Fields.Count == 1 ? "field" : "fields")})")
        : Object(change);

    /// <summary>A value as JSON (strings quoted), a masked Secret value as its bare marker.</summary>
    public static string Value(JsonNode? node) => node switch
    {
        null => "null",
        _ when SecretMasking.IsMarker(node) => node.GetValue<string>(),
        _ => node.ToJsonString(Relaxed),
    };

    /// <summary>One field as a diff line: <c>+ path: after</c>, <c>- path</c>, <c>~ path: before → after</c>.</summary>
    public static string FieldLine(FieldChange field) => (field.Before, field.After) switch
    {
        (null, _) => $"+ {field.Path}: {Value(field.After)}",
        (_, null) => $"- {field.Path}",
        _ => $"~ {field.Path}: {Value(field.Before)} → {Value(field.After)}",
    };

    public static IEnumerable<ResourceChange> Changed(Preview preview) => preview.Changes.Where(c => c.Action != ChangeAction.UnChanged);
}
