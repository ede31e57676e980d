using System.Text;
using System.Text.Json;
using Konfig.Engine.Planning;

namespace Konfig.Engine.Output;

/// <summary>
/// The machine-readable rendering of a preview, stable field for field:
/// <c>{stack, stateKey, counts: {create, update, delete, unchanged, errors}, changes: [{id, action, apiVersion,
/// kind, namespace, name, fields: [{path, before, after}], notes}], notes, errors: [{id, message}]}</c>.
/// A change's notes are all of its own, including those a stack note (the top-level <c>notes</c>) sums up.
/// Actions are <c>create</c>, <c>update</c>, <c>delete</c>, <c>unchanged</c>; an absent value is null;
/// Secret values are their masks, as everywhere.
/// </summary>
public static class PreviewJson
{
    public static void Write(Preview preview, TextWriter writer) => writer.Write(Render(preview));

    public static string Render(Preview preview)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = PreviewText.Relaxed.Encoder }))
        {
            json.WriteStartObject();
            json.WriteString("stack", preview.Stack);
            json.WriteString("stateKey", preview.StateKey?.ToString());
            json.WriteStartObject("counts");
            json.WriteNumber("create", preview.Counts.Create);
            json.WriteNumber("update", preview.Counts.Update);
            json.WriteNumber("delete", preview.Counts.Delete);
            json.WriteNumber("unchanged", preview.Counts.UnChanged);
            json.WriteNumber("errors", preview.Counts.Errors);
            json.WriteEndObject();

            json.WriteStartArray("changes");
            foreach (var change in preview.Changes)
            {
                json.WriteStartObject();
                json.WriteString("id", change.Id);
                json.WriteString("action", PreviewText.Action(change.Action));
                json.WriteString("apiVersion", change.Reference.ApiVersion);
                json.WriteString("kind", change.Reference.Kind);
                json.WriteString("namespace", change.Reference.Namespace);
                json.WriteString("name", change.Reference.Name);
                json.WriteStartArray("fields");
                foreach (var field in change.Fields)
                {
                    json.WriteStartObject();
                    json.WriteString("path", field.Path);
                    json.WritePropertyName("before");
                    WriteValue(json, field.Before);
                    json.WritePropertyName("after");
                    WriteValue(json, field.After);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("notes");
                foreach (var note in preview.Notes.Where(n => n.Id == change.Id))
                {
                    json.WriteStringValue(note.Message);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("notes");
            foreach (var note in preview.StackNotes)
            {
                json.WriteStringValue(note);
            }

            json.WriteEndArray();
            json.WriteStartArray("errors");
            foreach (var error in preview.Errors)
            {
                json.WriteStartObject();
                json.WriteString("id", error.Id);
                json.WriteString("message", error.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()).ReplaceLineEndings("\n") + "\n";
    }

    private static void WriteValue(Utf8JsonWriter json, System.Text.Json.Nodes.JsonNode? value)
    {
        if (value is null)
        {
            json.WriteNullValue();
        }
        else
        {
            value.WriteTo(json);
        }
    }
}
