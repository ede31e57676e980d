namespace Konfig.Kcl.Values;

/// <summary>
/// A callable: a builtin, a system-module function, a user lambda or a schema/rule type used as a
/// constructor. The evaluator supplies the implementation; emitters skip functions.
/// </summary>
public abstract class FunctionValue(string name) : KclValue
{
    public string Name { get; } = name;

    public override string TypeName => "function";

    public override bool IsTruthy => true;

    public abstract KclValue Invoke(CallContext context, IReadOnlyList<KclValue> arguments, IReadOnlyList<KeyValuePair<string, KclValue>> keywords);
}

/// <summary>A function implemented in C#: builtins and system modules.</summary>
public sealed class BuiltinFunction(string name, BuiltinFunction.Implementation implementation) : FunctionValue(name)
{
    public delegate KclValue Implementation(CallContext context, IReadOnlyList<KclValue> arguments, IReadOnlyList<KeyValuePair<string, KclValue>> keywords);

    public override KclValue Invoke(CallContext context, IReadOnlyList<KclValue> arguments, IReadOnlyList<KeyValuePair<string, KclValue>> keywords) =>
        implementation(context, arguments, keywords);
}

/// <summary>An imported module (system or user package) as a value: <c>math</c> in <c>math.log(…)</c>.</summary>
public sealed class ModuleValue(string name, string path) : KclValue
{
    public string Name { get; } = name;

    public string Path { get; } = path;

    public override string TypeName => "module";

    public override bool IsTruthy => true;
}
