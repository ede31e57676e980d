using System.Globalization;
using System.Text;

namespace Konfig.Engine.Planning;

/// <summary>One step of a path into an object: a map key, a list index, or a list item by its <c>name</c>.</summary>
public readonly record struct PathSegment
{
    private PathSegment(string? key, int index, string? itemName)
    {
        Key = key;
        Index = index;
        ItemName = itemName;
    }

    /// <summary>The map key; null for a list step.</summary>
    public string? Key { get; }

    /// <summary>The list index; -1 for a key or a named item.</summary>
    public int Index { get; }

    /// <summary>The <c>name</c> of a list item picked by name (<c>containers[name=web]</c>); null otherwise.</summary>
    public string? ItemName { get; }

    public bool IsIndex => Key is null && ItemName is null;

    public bool IsNamedItem => ItemName is not null;

    public static PathSegment ForKey(string key) => new(key, -1, null);

    public static PathSegment ForIndex(int index) => new(null, index, null);

    public static PathSegment ForNamedItem(string name) => new(null, -1, name);

    public override string ToString() => FieldPath.Format([this]);
}

/// <summary>
/// Field paths as users read and write them: <c>spec.template.spec.containers[0].image</c>,
/// <c>metadata.labels.app</c>. A list whose items are all maps with a distinct <c>name</c> (containers, ports,
/// env, volumes, volumeMounts: Kubernetes' usual merge key) is addressed by name, as
/// <c>spec.template.spec.containers[name=web].image</c>; a name that is not a plain word is a JSON string,
/// <c>env[name="MY VAR"]</c>. A key that is not a plain word (it holds a dot, a bracket, a quote, a
/// space…) is written in brackets as a JSON string: <c>metadata.annotations["deployment.kubernetes.io/revision"]</c>.
/// <see cref="Format"/> writes that form and <see cref="IgnoreRule.TryParse"/> reads it back.
/// </summary>
public static class FieldPath
{

    public static string Format(IReadOnlyList<PathSegment> segments)
    {
        var text = new StringBuilder();
        foreach (var segment in segments)
        {
            if (segment.IsNamedItem)
            {
                var name = segment.ItemName!;
                text.Append("[name=").Append(IsPlainKey(name) ? name : JsonStrings.Quote(name)).Append(']');
            }
            else if (segment.IsIndex)
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
                text.Append('[').Append(JsonStrings.Quote(segment.Key!)).Append(']');
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
