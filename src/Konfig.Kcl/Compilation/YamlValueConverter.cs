using System.Globalization;
using Konfig.Kcl.Values;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Konfig.Kcl.Compilation;

/// <summary>
/// Turns a YAML node (from a settings file's <c>kcl_options</c>) into a KCL value. Plain scalars are
/// resolved with the YAML 1.2 core schema, as kcl's serde_yaml does: <c>null</c>/<c>~</c>/empty,
/// <c>true</c>/<c>False</c>, integers, floats; quoted scalars are strings.
/// </summary>
public static class YamlValueConverter
{
    private const string StringTag = "tag:yaml.org,2002:str";

    public static KclValue Convert(YamlNode node) => node switch
    {
        YamlScalarNode scalar => ConvertScalar(scalar),
        YamlSequenceNode sequence => new ListValue(sequence.Children.Select(Convert)),
        YamlMappingNode mapping => ConvertMapping(mapping),
        _ => NoneValue.Instance,
    };

    private static DictValue ConvertMapping(YamlMappingNode mapping)
    {
        var dict = new DictValue();
        foreach (var (key, value) in mapping.Children)
        {
            var name = key is YamlScalarNode scalar ? scalar.Value ?? string.Empty : key.ToString();
            dict.Set(name, Convert(value));
        }

        return dict;
    }

    private static KclValue ConvertScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded ||
            (!scalar.Tag.IsEmpty && scalar.Tag.Value == StringTag))
        {
            return new StringValue(text);
        }

        return ResolvePlain(text);
    }

    /// <summary>The YAML 1.2 core schema resolution of a plain scalar.</summary>
    public static KclValue ResolvePlain(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return NoneValue.Instance;
            case "true" or "True" or "TRUE":
                return BoolValue.True;
            case "false" or "False" or "FALSE":
                return BoolValue.False;
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                return new FloatValue(double.PositiveInfinity);
            case "-.inf" or "-.Inf" or "-.INF":
                return new FloatValue(double.NegativeInfinity);
            case ".nan" or ".NaN" or ".NAN":
                return new FloatValue(double.NaN);
        }

        if (IsDecimalInteger(text))
        {
            return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
                ? new IntValue(integer)
                : new FloatValue(double.Parse(text, CultureInfo.InvariantCulture));
        }

        if (text.Length > 2 && text[0] == '0' && text[1] is 'x' or 'o')
        {
            try
            {
                return new IntValue(System.Convert.ToInt64(text[2..], text[1] == 'x' ? 16 : 8));
            }
            catch (Exception exception) when (exception is FormatException or OverflowException or ArgumentException)
            {
                return new StringValue(text);
            }
        }

        if (IsFloat(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return new FloatValue(number);
        }

        return new StringValue(text);
    }

    private static bool IsDecimalInteger(string text)
    {
        var start = text.Length > 0 && text[0] is '-' or '+' ? 1 : 0;
        if (start == text.Length)
        {
            return false;
        }

        for (var i = start; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?</c>.</summary>
    private static bool IsFloat(string text)
    {
        var i = text.Length > 0 && text[0] is '-' or '+' ? 1 : 0;
        var digits = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
            digits++;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '-' or '+')
            {
                i++;
            }

            var exponent = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                exponent++;
            }

            if (exponent == 0)
            {
                return false;
            }
        }

        return i == text.Length;
    }
}
