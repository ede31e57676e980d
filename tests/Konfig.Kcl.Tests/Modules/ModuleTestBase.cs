using FluentAssertions;
using Konfig.Kcl.Emit;
using Konfig.Kcl.Modules;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Tests.Modules;

public abstract class ModuleTestBase
{
    internal FakeCallContext Context { get; } = new();

    protected KclValue Builtin(string name, params KclValue[] args) => BuiltinKw(name, args, []);

    protected KclValue BuiltinKw(string name, KclValue[] args, params (string Key, KclValue Value)[] keywords)
    {
        Builtins.TryGet(name, out var function).Should().BeTrue(name);
        return function.Invoke(Context, args, keywords.Select(k => new KeyValuePair<string, KclValue>(k.Key, k.Value)).ToList());
    }

    protected KclValue Member(string module, string member, params KclValue[] args) => MemberKw(module, member, args);

    protected KclValue MemberKw(string module, string member, KclValue[] args, params (string Key, KclValue Value)[] keywords)
    {
        SystemModules.TryGetMember(module, member, out var value).Should().BeTrue($"{module}.{member}");
        return ((FunctionValue)value).Invoke(Context, args, keywords.Select(k => new KeyValuePair<string, KclValue>(k.Key, k.Value)).ToList());
    }

    protected KclValue Method(string name, string receiver, params KclValue[] args)
    {
        StringMethods.TryGet(name, out var method).Should().BeTrue(name);
        return method.Invoke(Context, [new StringValue(receiver), .. args], []);
    }

    /// <summary>The value as its YAML (how the conformance goldens show it).</summary>
    protected static string Y(KclValue value) => YamlEmitter.EmitValue(value, YamlEmitOptions.Default).TrimEnd('\n');
}
