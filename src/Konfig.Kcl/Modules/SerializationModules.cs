using System.Text;
using System.Text.Json;
using Konfig.Kcl.Emit;
using Konfig.Kcl.Values;
using static Konfig.Kcl.Modules.KclValues;

namespace Konfig.Kcl.Modules;

/// <summary>The <c>json</c>, <c>yaml</c> and <c>manifests</c> modules.</summary>
internal static class SerializationModules
{
    public static void RegisterJson(ModuleBuilder m)
    {
        m.Function("encode", a => Str(JsonEmitter.Emit(
            a.Get(0, "data") ?? throw new KclRuntimeException("encode() missing 1 required positional argument: 'data'"), JsonOptions(a, 1))));
        m.Function("decode", a => DecodeJson(a.GetString(0, "value") ?? throw new KclRuntimeException("decode() missing 1 required positional argument: 'value'")));
        m.Function("validate", Validate(text => DecodeJson(text)));
        m.Function("dump_to_file", DumpToFile("dump_to_file", (data, a) => JsonEmitter.Emit(data, JsonOptions(a, 2))));
    }

    private static JsonEmitOptions JsonOptions(Args a, int index) => new()
    {
        SortKeys = a.GetBool(index, "sort_keys") ?? false,
        Indent = (int)Math.Clamp(a.GetInt(index + 1, "indent") ?? 0, 0, int.MaxValue),
        IgnorePrivate = a.GetBool(index + 2, "ignore_private") ?? false,
        IgnoreNone = a.GetBool(index + 3, "ignore_none") ?? false,
    };

    private static YamlEmitOptions YamlOptions(Args a, int index) => new()
    {
        SortKeys = a.GetBool(index, "sort_keys") ?? false,
        IgnorePrivate = a.GetBool(index + 1, "ignore_private") ?? false,
        IgnoreNone = a.GetBool(index + 2, "ignore_none") ?? false,
    };

    public static void RegisterYaml(ModuleBuilder m)
    {
        m.Function("encode", a => Str(YamlEmitter.EmitValue(
            a.Get(0, "data") ?? throw new KclRuntimeException("encode() missing 1 required positional argument: 'data'"), YamlOptions(a, 1))));
        m.Function("encode_all", a => Str(YamlEmitter.EmitAll(
            Documents(a.Get(0, "data") ?? throw new KclRuntimeException("encode_all() missing 1 required positional argument: 'data'")), YamlOptions(a, 1))));
        m.Function("decode", a => YamlDecoder.Decode(a.GetString(0, "value") ?? throw new KclRuntimeException("decode() missing 1 required positional argument: 'value'")));
        m.Function("decode_all", a => YamlDecoder.DecodeAll(a.GetString(0, "value") ?? throw new KclRuntimeException("decode_all() missing 1 required positional argument: 'value'")));
        m.Function("validate", Validate(text => YamlDecoder.DecodeAll(text)));
        m.Function("dump_to_file", DumpToFile("dump_to_file", (data, a) => YamlEmitter.EmitValue(data, YamlOptions(a, 2))));
        m.Function("dump_all_to_file", DumpToFile("dump_all_to_file", (data, a) => YamlEmitter.EmitAll(Documents(data), YamlOptions(a, 2))));
    }

    public static void RegisterManifests(ModuleBuilder m)
    {
        m.Function("yaml_stream", (c, a) =>
        {
            var values = a.Get(0, "values") ?? throw new KclRuntimeException("yaml_stream() missing 1 required positional argument: 'values'");
            if (values is not ListValue list)
            {
                throw new KclRuntimeException("invalid list value");
            }

            var options = new YamlEmitOptions();
            if (a.Get(1, "opts") is DictValue opts)
            {
                options = new YamlEmitOptions
                {
                    SortKeys = opts["sort_keys"]?.IsTruthy ?? false,
                    IgnorePrivate = opts["ignore_private"]?.IsTruthy ?? false,
                    IgnoreNone = opts["ignore_none"]?.IsTruthy ?? false,
                    Separator = opts["sep"] is StringValue sep ? sep.Value : "---",
                };
            }

            c.SetManifestsOutput(YamlEmitter.EmitStream(list.Items, options));
            return None;
        });
    }

    private static IEnumerable<KclValue> Documents(KclValue value) =>
        value is ListValue list ? list.Items : throw new KclRuntimeException("invalid list value");

    /// <summary><c>validate(value)</c>: whether the decoder reads the text without an error.</summary>
    private static Func<Args, KclValue> Validate(Action<string> decode) => a =>
    {
        var text = a.GetString(0, "value") ?? throw new KclRuntimeException("validate() missing 1 required positional argument: 'value'");
        try
        {
            decode(text);
            return Bool(true);
        }
        catch (KclRuntimeException)
        {
            return Bool(false);
        }
    };

    /// <summary><c>dump_to_file(data, filename, …)</c>-style functions: the encoded data written to the file.</summary>
    private static Func<CallContext, Args, KclValue> DumpToFile(string function, Func<KclValue, Args, string> encode) => (c, a) =>
    {
        var data = a.Get(0, "data");
        var filename = a.GetString(1, "filename");
        if (data is null || filename is null)
        {
            throw new KclRuntimeException($"{function}() missing 2 required positional arguments: 'data' and 'filename'");
        }

        WriteFile(c, filename, encode(data, a));
        return None;
    };

    private static void WriteFile(CallContext context, string filename, string content)
    {
        try
        {
            File.WriteAllText(FileModule.Resolve(context, filename), content, new UTF8Encoding(false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new KclRuntimeException($"Unable to write file '{filename}': {FileModule.OsError(e)}");
        }
    }

    /// <summary><c>json.decode</c>: objects keep their key order; integers that fit i64 stay ints.</summary>
    public static KclValue DecodeJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 256 });
            return FromJson(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new KclRuntimeException(e.Message);
        }
    }

    private static KclValue FromJson(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
            {
                var dict = new DictValue();
                foreach (var property in element.EnumerateObject())
                {
                    dict.Set(property.Name, FromJson(property.Value));
                }

                return dict;
            }

            case JsonValueKind.Array:
                return new ListValue(element.EnumerateArray().Select(FromJson));
            case JsonValueKind.String:
                return Str(element.GetString()!);
            case JsonValueKind.Number:
            {
                var raw = element.GetRawText();
                if (raw.IndexOfAny(['.', 'e', 'E']) < 0 && element.TryGetInt64(out var integer))
                {
                    return Int(integer);
                }

                return Float(element.GetDouble());
            }

            case JsonValueKind.True:
                return Bool(true);
            case JsonValueKind.False:
                return Bool(false);
            default:
                return None;
        }
    }
}
