using Konfig.Kcl.Syntax;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Evaluation;

/// <summary>A user lambda with the environment it was defined in (its closure).</summary>
internal sealed class LambdaFunction(LambdaExpression node, Env closure) : FunctionValue("lambda")
{
    public LambdaExpression Node { get; } = node;

    public Env Closure { get; } = closure;

    public override KclValue Invoke(CallContext context, IReadOnlyList<KclValue> arguments, IReadOnlyList<KeyValuePair<string, KclValue>> keywords) =>
        ((Evaluator)context).CallLambda(this, arguments, keywords);
}

/// <summary>A function with its first argument already bound: <c>"abc".upper</c>, <c>Schema.instances</c>.</summary>
internal sealed class BoundMethod(string name, FunctionValue function, KclValue receiver) : FunctionValue(name)
{
    public override KclValue Invoke(CallContext context, IReadOnlyList<KclValue> arguments, IReadOnlyList<KeyValuePair<string, KclValue>> keywords)
    {
        var all = new List<KclValue>(arguments.Count + 1) { receiver };
        all.AddRange(arguments);
        return function.Invoke(context, all, keywords);
    }
}

/// <summary><c>type Name = T</c>: a named type, usable wherever a type is.</summary>
internal sealed class TypeAliasValue(string name, TypeNode type, Env env) : KclValue
{
    public string Name { get; } = name;

    public TypeNode Type { get; } = type;

    public Env Env { get; } = env;

    public override string TypeName => "type";

    public override bool IsTruthy => true;
}
