using Konfig.Kcl.Values;

namespace Konfig.Kcl.Modules;

/// <summary>
/// KCL's system modules (<c>import math</c>, <c>import yaml</c>…) as tables of members. Unknown members
/// return false; the evaluator reports them in KCL's words.
/// </summary>
public static class SystemModules
{
    private static readonly Dictionary<string, Dictionary<string, KclValue>> Modules = Build();

    public static bool IsSystemModule(string name) => Modules.ContainsKey(name);

    public static bool TryGetMember(string module, string member, out KclValue value)
    {
        value = null!;
        return Modules.TryGetValue(module, out var members) && members.TryGetValue(member, out value!);
    }

    public static IEnumerable<string> ModuleNames => Modules.Keys;

    public static IEnumerable<string> MemberNames(string module) =>
        Modules.TryGetValue(module, out var members) ? members.Keys : [];

    private static Dictionary<string, Dictionary<string, KclValue>> Build()
    {
        var modules = new Dictionary<string, Dictionary<string, KclValue>>(StringComparer.Ordinal);
        void Add(string name, Action<ModuleBuilder> register)
        {
            var builder = new ModuleBuilder(name);
            register(builder);
            modules[name] = builder.Members;
        }

        Add("math", MathModule.Register);
        Add("regex", RegexModule.Register);
        Add("base64", EncodingModules.RegisterBase64);
        Add("base32", EncodingModules.RegisterBase32);
        Add("json", SerializationModules.RegisterJson);
        Add("yaml", SerializationModules.RegisterYaml);
        Add("manifests", SerializationModules.RegisterManifests);
        Add("datetime", DateTimeModule.Register);
        Add("net", NetModule.Register);
        Add("units", m => Units.Register(m.Members));
        Add("crypto", CryptoModule.Register);
        Add("file", FileModule.Register);
        Add("template", MiscModules.RegisterTemplate);
        Add("collection", MiscModules.RegisterCollection);
        Add("runtime", MiscModules.RegisterRuntime);
        return modules;
    }
}
