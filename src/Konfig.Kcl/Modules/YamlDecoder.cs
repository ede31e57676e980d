using System.Globalization;
using Konfig.Kcl.Emit;
using Konfig.Kcl.Values;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using static Konfig.Kcl.Modules.KclValues;

namespace Konfig.Kcl.Modules;

/// <summary>
/// <c>yaml.decode</c>/<c>decode_all</c>: YAML parsed with YamlDotNet, plain scalars typed the way
/// serde_yaml types them (null, true/false, ints in decimal/0x/0o/0b, floats, .inf/.nan).
/// </summary>
public static class YamlDecoder
{
    public static KclValue Decode(string text)
    {
        var documents = Load(text);
        if (documents.Count > 1)
        {
            throw new KclRuntimeException("deserializing from YAML containing more than one document is not supported");
        }

        return documents.Count == 0 ? None : documents[0];
    }

    public static ListValue DecodeAll(string text) => new(Load(text));

    private static List<KclValue> Load(string text)
    {
        var stream = new YamlStream();
        try
        {
            RejectAdjacentScalars(text);
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new KclRuntimeException(e.Message);
        }

        return stream.Documents.Select(d => Convert(d.RootNode)).ToList();
    }

    /// <summary>serde_yaml's nesting limit: a deeper document is an error (and YamlDotNet's scanner is quadratic in depth).</summary>
    private const int RecursionLimit = 128;

    /// <summary>
    /// Looks at the tokens before parsing. Two scalars in a row (<c>{"key" + 'value'}</c>) are not YAML, and
    /// serde_yaml says so; YamlDotNet's parser reads the second one as the first one's value instead.
    /// Nesting deeper than serde_yaml's recursion limit is refused as it refuses it.
    /// </summary>
    private static void RejectAdjacentScalars(string text)
    {
        var scanner = new Scanner(new StringReader(text), skipComments: true);
        var previousWasScalar = false;
        var depth = 0;
        // The scanner reports some errors as tokens and then may not advance: stop there, the parser reports them.
        while (scanner.MoveNext() && scanner.Current is not YamlDotNet.Core.Tokens.Error)
        {
            var token = scanner.Current;
            var isScalar = token is YamlDotNet.Core.Tokens.Scalar;
            if (isScalar && previousWasScalar)
            {
                throw new KclRuntimeException("did not find expected ',' or '}'");
            }

            previousWasScalar = isScalar;
            switch (token)
            {
                case YamlDotNet.Core.Tokens.FlowSequenceStart or YamlDotNet.Core.Tokens.FlowMappingStart
                    or YamlDotNet.Core.Tokens.BlockSequenceStart or YamlDotNet.Core.Tokens.BlockMappingStart:
                    if (++depth > RecursionLimit)
                    {
                        throw new KclRuntimeException(
                            $"recursion limit exceeded at line {token.Start.Line} column {token.Start.Column}");
                    }

                    break;
                case YamlDotNet.Core.Tokens.FlowSequenceEnd or YamlDotNet.Core.Tokens.FlowMappingEnd or YamlDotNet.Core.Tokens.BlockEnd:
                    depth--;
                    break;
            }
        }
    }

    private static KclValue Convert(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
            {
                var dict = new DictValue();
                foreach (var (key, value) in mapping.Children)
                {
                    var name = key is YamlScalarNode scalarKey ? scalarKey.Value ?? string.Empty : ValueFormatter.ToStr(Convert(key));
                    if (name == "<<" && value is YamlMappingNode merged)
                    {
                        foreach (var (mk, mv) in merged.Children)
                        {
                            dict.Set(((YamlScalarNode)mk).Value ?? string.Empty, Convert(mv));
                        }

                        continue;
                    }

                    dict.Set(name, Convert(value));
                }

                return dict;
            }

            case YamlSequenceNode sequence:
                return new ListValue(sequence.Children.Select(Convert));
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                return None;
        }
    }

    private static KclValue Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (tag is not null && tag != "?")
        {
            return tag switch
            {
                "tag:yaml.org,2002:str" => Str(text),
                "tag:yaml.org,2002:int" => ParseInt(text) ?? Str(text),
                "tag:yaml.org,2002:float" => ParseFloat(text) ?? Str(text),
                "tag:yaml.org,2002:bool" => text is "true" or "True" or "TRUE" ? Bool(true) : Bool(false),
                "tag:yaml.org,2002:null" => None,
                _ => Plain(text),
            };
        }

        return scalar.Style is ScalarStyle.Plain ? Plain(text) : Str(text);
    }

    private static KclValue Plain(string text)
    {
        if (text.Length == 0 || text is "~" or "null" or "Null" or "NULL")
        {
            return None;
        }

        if (text is "true" or "True" or "TRUE")
        {
            return Bool(true);
        }

        if (text is "false" or "False" or "FALSE")
        {
            return Bool(false);
        }

        if (!YamlImplicitTypes.DigitsButNotNumber(text))
        {
            if (ParseInt(text) is { } integer)
            {
                return integer;
            }

            if (ParseFloat(text) is { } number)
            {
                return number;
            }
        }

        return Str(text);
    }

    private static KclValue? ParseInt(string text)
    {
        var body = text.StartsWith('+') ? text[1..] : text;
        var negative = body.StartsWith('-');
        var digits = negative ? body[1..] : body;
        var radix = 10;
        if (digits.Length > 2 && digits[0] == '0' && digits[1] is 'x' or 'o' or 'b')
        {
            radix = digits[1] switch { 'x' => 16, 'o' => 8, _ => 2 };
            digits = digits[2..];
        }

        if (digits.Length == 0 || digits[0] is '+' or '-')
        {
            return null;
        }

        var parsed = RustInt.ParseRadix((negative ? "-" : string.Empty) + digits, radix);
        if (parsed is { } value)
        {
            return Int(value);
        }

        // Beyond i64: serde_yaml keeps u64/i128 numbers, which KCL then reads as floats.
        if (radix == 10 && digits.All(char.IsAsciiDigit))
        {
            return Float(double.Parse(body, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        }

        return null;
    }

    private static KclValue? ParseFloat(string text)
    {
        var body = text;
        if (body.StartsWith('+'))
        {
            body = body[1..];
            if (body.StartsWith('+') || body.StartsWith('-'))
            {
                return null;
            }
        }

        switch (body)
        {
            case ".inf" or ".Inf" or ".INF":
                return Float(double.PositiveInfinity);
            case "-.inf" or "-.Inf" or "-.INF":
                return Float(double.NegativeInfinity);
            case ".nan" or ".NaN" or ".NAN":
                return Float(double.NaN);
        }

        return RustFloat.TryParse(body, out var value) && double.IsFinite(value) ? Float(value) : null;
    }
}
