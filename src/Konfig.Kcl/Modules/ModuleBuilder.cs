using Konfig.Kcl.Values;

namespace Konfig.Kcl.Modules;

/// <summary>Collects the members of one system module.</summary>
internal sealed class ModuleBuilder(string module)
{
    public string Module { get; } = module;

    public Dictionary<string, KclValue> Members { get; } = new(StringComparer.Ordinal);

    public void Function(string name, Func<CallContext, Args, KclValue> body) =>
        Members[name] = new BuiltinFunction(name, (context, positional, keywords) => body(context, new Args(positional, keywords)));

    public void Function(string name, Func<Args, KclValue> body) => Function(name, (_, args) => body(args));

    public void Constant(string name, KclValue value) => Members[name] = value;
}
