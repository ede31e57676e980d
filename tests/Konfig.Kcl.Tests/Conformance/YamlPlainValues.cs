using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Konfig.Kcl.Tests.Conformance;

/// <summary>A YAML mapping as plain data: its entries in document order (order is ignored when comparing).</summary>
internal sealed record YamlPlainMapping(IReadOnlyList<KeyValuePair<object?, object?>> Entries);

/// <summary>
/// Loads a YAML stream into plain values the way the reference suite's loader (ruamel.yaml, YAML 1.2) sees
/// it: <c>null</c>, <see cref="bool"/>, <see cref="BigInteger"/>, <see cref="double"/>, <see cref="string"/>,
/// <see cref="List{T}"/> of values and <see cref="YamlPlainMapping"/>. Quoted and block scalars are strings;
/// plain scalars resolve by the YAML 1.2 core schema, so <c>yes</c> stays a string and <c>0x10</c> is 16.
/// </summary>
internal static partial class YamlPlainValues
{
    private const string TagPrefix = "tag:yaml.org,2002:";

    /// <summary>
    /// The documents of a stream, without those the reference drops: it keeps a document only when it is
    /// truthy in Python, so null, false, 0, "", [] and {} documents are left out.
    /// </summary>
    public static IReadOnlyList<object?> LoadDocuments(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Select(document => ToPlain(document.RootNode)).Where(IsTruthy).ToList();
    }

    public static object? ToPlain(YamlNode node) => node switch
    {
        YamlScalarNode scalar => Resolve(scalar),
        YamlSequenceNode sequence => sequence.Children.Select(ToPlain).ToList(),
        YamlMappingNode mapping => new YamlPlainMapping(
            mapping.Children.Select(entry => new KeyValuePair<object?, object?>(ToPlain(entry.Key), ToPlain(entry.Value))).ToList()),
        _ => throw new InvalidDataException($"unexpected YAML node {node.GetType().Name} at {node.Start}"),
    };

    public static bool IsTruthy(object? value) => value switch
    {
        null => false,
        bool flag => flag,
        BigInteger integer => !integer.IsZero,
        double number => number != 0,
        string text => text.Length > 0,
        List<object?> list => list.Count > 0,
        YamlPlainMapping mapping => mapping.Entries.Count > 0,
        _ => true,
    };

    private static object? Resolve(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (tag is not null && tag.StartsWith(TagPrefix, StringComparison.Ordinal))
        {
            return tag[TagPrefix.Length..] switch
            {
                "str" => text,
                "null" => null,
                _ => ResolvePlain(text),
            };
        }

        // Quoted, literal and folded scalars are strings whatever they look like; so are scalars with local tags.
        if (scalar.Style is not (YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any) || tag is not null)
        {
            return text;
        }

        return ResolvePlain(text);
    }

    private static object? ResolvePlain(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return true;
            case "false" or "False" or "FALSE":
                return false;
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                return double.PositiveInfinity;
            case "-.inf" or "-.Inf" or "-.INF":
                return double.NegativeInfinity;
            case ".nan" or ".NaN" or ".NAN":
                return double.NaN;
        }

        if (DecimalInteger().IsMatch(text))
        {
            return BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        if (HexInteger().Match(text) is { Success: true } hex)
        {
            // A leading 0 keeps the value positive.
            var magnitude = BigInteger.Parse("0" + hex.Groups["digits"].Value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            return hex.Groups["sign"].Value == "-" ? -magnitude : magnitude;
        }

        if (OctalInteger().Match(text) is { Success: true } octal)
        {
            var magnitude = octal.Groups["digits"].Value.Aggregate(BigInteger.Zero, (total, digit) => (total * 8) + (digit - '0'));
            return octal.Groups["sign"].Value == "-" ? -magnitude : magnitude;
        }

        if (Float().IsMatch(text))
        {
            return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return text;
    }

    [GeneratedRegex("^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalInteger();

    [GeneratedRegex("^(?<sign>[-+]?)0x(?<digits>[0-9a-fA-F]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex HexInteger();

    [GeneratedRegex("^(?<sign>[-+]?)0o(?<digits>[0-7]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex OctalInteger();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Float();
}
