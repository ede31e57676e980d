using System.Text.Json;
using System.Text.Json.Nodes;

namespace Konfig.Kubernetes.Http;

/// <summary>
/// Reads a watch answer: one JSON object per line, <c>{"type":"ADDED","object":{…}}</c>, as the lines arrive.
/// </summary>
internal static class WatchStreamReader
{
    /// <summary>The event a line holds; null for a blank line or an event type this client does not know.</summary>
    public static WatchEvent? Parse(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        JsonObject? message;
        try
        {
            message = JsonNode.Parse(line) as JsonObject;
        }
        catch (JsonException e)
        {
            throw new KubernetesApiException(0, "InvalidWatchEvent", $"the watch stream sent a line that is not JSON: {e.Message}");
        }

        WatchEventType? type = (string?)message?["type"] switch
        {
            "ADDED" => WatchEventType.Added,
            "MODIFIED" => WatchEventType.Modified,
            "DELETED" => WatchEventType.Deleted,
            "BOOKMARK" => WatchEventType.Bookmark,
            "ERROR" => WatchEventType.Error,
            _ => null,
        };
        return type is null || message?["object"] is not JsonObject @object ? null : new WatchEvent(type.Value, (JsonObject)@object.DeepClone());
    }
}
