using Konfig.Kcl.Syntax;
using Konfig.Kcl.Text;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Evaluation;

/// <summary>One schema (or mixin) level of an instance being built: its type and the scope holding its arguments.</summary>
internal sealed record SchemaLevel(SchemaType Type, Env Env);

/// <summary>A statement that assigns an attribute, at the schema level it belongs to.</summary>
internal sealed record AttributeSetter(SchemaLevel Level, Statement Statement);

/// <summary>
/// A schema instance under construction: the value, the config it is instantiated with, and the
/// statements that set each attribute. Reading an attribute first runs its pending setters, so
/// attributes may refer to each other in any order.
/// </summary>
internal sealed class SchemaFrame(SchemaType type, SchemaValue value, DictValue config)
{
    public SchemaType Type { get; } = type;

    public SchemaValue Value { get; } = value;

    public DictValue Config { get; } = config;

    /// <summary>Spans of the config keys, for errors that point at the key.</summary>
    public Dictionary<string, TextSpan> ConfigKeySpans { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<AttributeSetter>> Setters { get; } = new(StringComparer.Ordinal);

    /// <summary>Statements already run, per level (a mixin listed twice runs twice).</summary>
    public HashSet<(Env Env, Statement Statement)> Executed { get; } = new(ExecutedComparer.Instance);

    public TextSpan? InstanceSpan { get; set; }

    /// <summary>Where a failed check points: the schema expression, else the start of the line evaluated when the instance was made.</summary>
    public TextSpan? MadeAt { get; set; }

    /// <summary>Attributes the running statement assigns (reading them must not run their other setters).</summary>
    public HashSet<string> CurrentTargets { get; } = new(StringComparer.Ordinal);

    public void AddSetter(string name, AttributeSetter setter)
    {
        if (!Setters.TryGetValue(name, out var list))
        {
            list = [];
            Setters[name] = list;
        }

        list.Add(setter);
    }
}

/// <summary>Compares (level env, statement) pairs by reference.</summary>
internal sealed class ExecutedComparer : IEqualityComparer<(Env Env, Statement Statement)>
{
    public static readonly ExecutedComparer Instance = new();

    public bool Equals((Env Env, Statement Statement) x, (Env Env, Statement Statement) y) =>
        ReferenceEquals(x.Env, y.Env) && ReferenceEquals(x.Statement, y.Statement);

    public int GetHashCode((Env Env, Statement Statement) obj) =>
        HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Env), System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Statement));
}
