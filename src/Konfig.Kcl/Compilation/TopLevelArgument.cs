using System.Text.Json;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Compilation;

/// <summary>
/// <c>-D name=value</c>. Like kcl, the value is read as JSON when it is JSON (numbers, lists, dicts,
/// quoted strings, true/false/null) and as a plain string otherwise; KCL's <c>True</c>, <c>False</c>
/// and <c>None</c> are read as literals too.
/// </summary>
public static class TopLevelArgument
{
    /// <summary>kcl rejects an empty name and a value that itself contains '='.</summary>
    public static bool IsValid(string name, string value) =>
        name.Length > 0 && !name.Contains('=', StringComparison.Ordinal) && !value.Contains('=', StringComparison.Ordinal);

    public static KclValue ParseValue(string text)
    {
        switch (text)
        {
            case "True":
                return BoolValue.True;
            case "False":
                return BoolValue.False;
            case "None":
                return NoneValue.Instance;
        }

        // A number in scientific notation stays text: option("x", type="str") must give back "12e1",
        // not "120.0" (kcl issue #2027); option(type="int"/"float") still converts the text.
        if (IsScientificNumber(text))
        {
            return new StringValue(text);
        }

        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 512 });
            return FromJson(document.RootElement);
        }
        catch (JsonException)
        {
            return new StringValue(text);
        }
    }

    private static KclValue FromJson(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var dict = new DictValue();
                foreach (var property in element.EnumerateObject())
                {
                    dict.Set(property.Name, FromJson(property.Value));
                }

                return dict;
            case JsonValueKind.Array:
                return new ListValue(element.EnumerateArray().Select(FromJson));
            case JsonValueKind.String:
                return new StringValue(element.GetString() ?? string.Empty);
            case JsonValueKind.Number:
                return element.TryGetInt64(out var integer) ? new IntValue(integer) : new FloatValue(element.GetDouble());
            case JsonValueKind.True:
                return BoolValue.True;
            case JsonValueKind.False:
                return BoolValue.False;
            default:
                return NoneValue.Instance;
        }
    }

    private static bool IsScientificNumber(string text)
    {
        var exponent = text.IndexOfAny(['e', 'E']);
        return exponent > 0 && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
            && char.IsAsciiDigit(text[exponent - 1]) | text[exponent - 1] == '.';
    }
}
