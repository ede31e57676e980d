using Konfig.Kcl.Values;

// Throwaway stand-ins for the emit branch's Modules/ so the evaluator compiles before it lands.
// Delete this file when Builtins, SystemModules and StringMethods are merged.
namespace Konfig.Kcl.Modules;

public static class Builtins
{
    public static bool TryGet(string name, out BuiltinFunction function)
    {
        function = name switch
        {
            "print" => new BuiltinFunction(name, (c, a, k) =>
            {
                c.Output.Write(string.Join(" ", a.Select(Str)));
                c.Output.Write('\n');
                return NoneValue.Instance;
            }),
            "len" => new BuiltinFunction(name, (c, a, k) => a[0] switch
            {
                StringValue s => new IntValue(s.Value.Length),
                ListValue l => new IntValue(l.Items.Count),
                DictValue d => new IntValue(d.Count),
                _ => throw new KclRuntimeException($"object of type '{a[0].TypeName}' has no len()"),
            }),
            "str" => new BuiltinFunction(name, (c, a, k) => new StringValue(Str(a[0]))),
            "typeof" => new BuiltinFunction(name, (c, a, k) => new StringValue(a[0].TypeName)),
            "option" => new BuiltinFunction(name, (c, a, k) =>
                c.Options.TryGetValue(((StringValue)a[0]).Value, out var v) ? v : k.FirstOrDefault(p => p.Key == "default").Value ?? NoneValue.Instance),
            _ => null!,
        };
        return function is not null;
    }

    private static string Str(KclValue value) => value is StringValue s ? s.Value : value.ToString() ?? "";
}

public static class SystemModules
{
    public static bool IsSystemModule(string name) => name is "math" or "json" or "yaml" or "base64" or "regex" or "units" or "datetime" or "net" or "crypto" or "manifests" or "file" or "template" or "runtime" or "collection";

    public static bool TryGetMember(string module, string member, out KclValue value)
    {
        value = null!;
        return false;
    }
}

public static class StringMethods
{
    public static bool TryGet(string name, out BuiltinFunction function)
    {
        function = name switch
        {
            "upper" => new BuiltinFunction(name, (c, a, k) => new StringValue(((StringValue)a[0]).Value.ToUpperInvariant())),
            _ => null!,
        };
        return function is not null;
    }
}
