using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Konfig.Kubernetes;

namespace Konfig.Engine.Planning;

/// <summary>
/// Keeps Secret values out of every preview output. The masking happens in the model, before any
/// renderer sees a change: under a <c>v1 Secret</c>'s <c>data</c> and <c>stringData</c>, every value
/// becomes <c>(sensitive: N bytes)</c> (N decoded bytes for base64 <c>data</c>), and so does the
/// <c>kubectl.kubernetes.io/last-applied-configuration</c> annotation, which holds the values in clear.
/// Error messages are scrubbed of every secret value the preview saw (<see cref="Scrub"/>).
/// </summary>
public static partial class SecretMasking
{
    public const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    /// <summary>Values shorter than this are not scrubbed from messages: removing every "a" would garble them.</summary>
    public const int MinimumScrubLength = 3;

    public const string Redacted = "***";

    public static bool IsSecret(ObjectReference? reference) => reference is { ApiVersion: "v1", Kind: "Secret" };

    public static bool IsSecret(JsonObject? manifest) => manifest is not null && IsSecret(ObjectReference.Of(manifest));

    /// <summary>True for the text <see cref="Marker"/> writes, so renderers can print it as a note rather than a string.</summary>
    public static bool IsMarker(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && MarkerPattern().IsMatch(text);

    public static string Marker(int bytes) =>
        string.Create(CultureInfo.InvariantCulture, $"(sensitive: {bytes} {(bytes == 1 ? "byte" : "bytes")})");

    /// <summary>A masked copy of a Secret (any other object is copied as it is); null stays null.</summary>
    public static JsonObject? MaskObject(JsonObject? manifest, bool isSecret) =>
        manifest is null ? null : (JsonObject)(isSecret ? Mask(manifest, [])! : manifest.DeepClone());

    /// <summary>A difference of a Secret's field, masked: a value that changes shows as changed, and neither side shows.</summary>
    public static FieldChange MaskChange(FieldDifference difference, bool isSecret)
    {
        if (!isSecret)
        {
            return difference.ToFieldChange();
        }

        var path = difference.Segments.ToList();
        return new FieldChange(difference.Path, Mask(difference.Before, path), Mask(difference.After, path));
    }

    /// <summary>Whether the field at <paramref name="path"/> (inside a Secret) holds a secret value.</summary>
    public static bool IsSensitivePath(IReadOnlyList<PathSegment> path) =>
        (path.Count >= 2 && path[0].Key is "data" or "stringData")
        || (path.Count >= 3 && path[0].Key == "metadata" && path[1].Key == "annotations" && path[2].Key == LastAppliedAnnotation);

    private static JsonNode? Mask(JsonNode? node, List<PathSegment> path)
    {
        if (node is null)
        {
            return null;
        }

        // A data field that is not a map at all is masked whole: there is no telling what it holds.
        if (IsSensitivePath(path) || (path.Count == 1 && path[0].Key is "data" or "stringData" && node is not JsonObject))
        {
            return JsonValue.Create(Marker(ByteCount(node, decodeBase64: path[0].Key == "data")));
        }

        switch (node)
        {
            case JsonObject map:
                var copy = new JsonObject();
                foreach (var (key, value) in map)
                {
                    path.Add(PathSegment.ForKey(key));
                    copy[key] = Mask(value, path);
                    path.RemoveAt(path.Count - 1);
                }

                return copy;
            case JsonArray list:
                var items = new JsonArray();
                for (var i = 0; i < list.Count; i++)
                {
                    path.Add(PathSegment.ForIndex(i));
                    items.Add(Mask(list[i], path));
                    path.RemoveAt(path.Count - 1);
                }

                return items;
            default:
                return node.DeepClone();
        }
    }

    private static int ByteCount(JsonNode node, bool decodeBase64)
    {
        if (node is not JsonValue value || !value.TryGetValue<string>(out var text))
        {
            return Encoding.UTF8.GetByteCount(node.ToJsonString());
        }

        if (decodeBase64)
        {
            var buffer = new byte[text.Length];
            if (Convert.TryFromBase64String(text, buffer, out var written))
            {
                return written;
            }
        }

        return Encoding.UTF8.GetByteCount(text);
    }

    /// <summary>
    /// Every secret value of a Secret manifest in the forms a message could quote: as written (base64 for
    /// <c>data</c>), decoded, and JSON-escaped. Non-secrets give nothing.
    /// </summary>
    public static IEnumerable<string> SecretValues(JsonObject? manifest)
    {
        if (!IsSecret(manifest))
        {
            yield break;
        }

        foreach (var field in (string[])["data", "stringData"])
        {
            if (manifest![field] is not JsonObject values)
            {
                continue;
            }

            foreach (var (_, node) in values)
            {
                if (node is not JsonValue value || !value.TryGetValue<string>(out var text))
                {
                    continue;
                }

                yield return text;
                yield return node.ToJsonString()[1..^1];
                if (field == "data")
                {
                    var buffer = new byte[text.Length];
                    if (Convert.TryFromBase64String(text, buffer, out var written))
                    {
                        var decoded = Encoding.UTF8.GetString(buffer, 0, written);
                        yield return decoded;
                        yield return JsonValue.Create(decoded).ToJsonString()[1..^1];
                    }
                }
            }
        }

        if (manifest!["metadata"]?["annotations"]?[LastAppliedAnnotation] is JsonValue lastApplied && lastApplied.TryGetValue<string>(out var json))
        {
            yield return json;
        }
    }

    /// <summary>The message with each of <paramref name="secrets"/> replaced by <see cref="Redacted"/>, longest first.</summary>
    public static string Scrub(string message, IEnumerable<string> secrets)
    {
        foreach (var secret in secrets.Where(s => s.Length >= MinimumScrubLength).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length))
        {
            message = message.Replace(secret, Redacted, StringComparison.Ordinal);
        }

        return message;
    }

    [GeneratedRegex(@"^\(sensitive: \d+ bytes?\)$", RegexOptions.CultureInvariant)]
    private static partial Regex MarkerPattern();
}
