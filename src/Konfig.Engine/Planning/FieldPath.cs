using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Konfig.Engine.Planning;

/// <summary>One step of a path into an object: a map key, or a list index.</summary>
public readonly record struct PathSegment
{
    private PathSegment(string? key, int index)
    {
        Key = key;
        Index = index;
    }

    /// <summary>The map key; null for a list index.</summary>
    public string? Key { get; }

    public int Index { get; }

    public bool IsIndex => Key is null;

    public static PathSegment ForKey(string key) => new(key, -1);

    public static PathSegment ForIndex(int index) => new(null, index);

    public override string ToString() => Key ?? $"[{Index.ToString(CultureInfo.InvariantCulture)}]";
}

/// <summary>
/// Field paths as users read and write them: <c>spec.template.spec.containers[0].image</c>,
/// <c>metadata.labels.app</c>. A key that is not a plain word (it holds a dot, a bracket, a quote, a
/// space…) is written in brackets as a JSON string: <c>metadata.annotations["deployment.kubernetes.io/revision"]</c>.
/// <see cref="Format"/> writes that form and <see cref="IgnoreRule.TryParse"/> reads it back.
/// </summary>
public static class FieldPath
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Format(IReadOnlyList<PathSegment> segments)
    {
        var text = new StringBuilder();
        foreach (var segment in segments)
        {
            if (segment.IsIndex)
            {
                text.Append('[').Append(segment.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else if (IsPlainKey(segment.Key!))
            {
                if (text.Length > 0)
                {
                    text.Append('.');
                }

                text.Append(segment.Key);
            }
            else
            {
                text.Append('[').Append(JsonSerializer.Serialize(segment.Key, Readable)).Append(']');
            }
        }

        return text.ToString();
    }

    /// <summary>Letters, digits, <c>_ - /</c>: safe between dots. Everything else goes in brackets.</summary>
    public static bool IsPlainKey(string key)
    {
        if (key.Length == 0 || key == "*")
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '/' or '$' or '@' or ':'))
            {
                return false;
            }
        }

        return true;
    }
}
