using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Semantics;

public enum TypeKind
{
    Any,
    None,
    Void,
    Bool,
    BoolLit,
    Int,
    IntLit,
    Float,
    FloatLit,
    Str,
    StrLit,
    NumberMultiplier,
    List,
    Dict,
    Union,
    Schema,
    Function,
    Module,
}

public enum ModuleKind
{
    User,
    System,
    Plugin,
}

/// <summary>A key of a dict type that came from a config literal, with where it was written.</summary>
internal sealed record DictAttribute(string Name, KclType Type, TextSpan? Span);

/// <summary>A parameter of a function or schema type.</summary>
internal sealed record ParameterSymbol(string Name, KclType Type, bool HasDefault, TextSpan? Span);

/// <summary>A function type: lambda, builtin or schema member function.</summary>
internal sealed record FunctionSignature(ImmutableArray<ParameterSymbol> Parameters, KclType Return, bool IsVariadic);

/// <summary>
/// A KCL type as the reference resolver models it: primitives, literal types, containers, unions,
/// schemas, functions and modules. <see cref="ToString"/> prints it the way KCL's messages do
/// (<c>int(1)</c>, <c>[str]</c>, <c>{str:int}</c>, <c>A | B</c>).
/// </summary>
internal sealed class KclType : IEquatable<KclType>
{
    private KclType(TypeKind kind) => Kind = kind;

    public TypeKind Kind { get; }

    public bool BoolValue { get; private init; }

    public long IntValue { get; private init; }

    public double FloatValue { get; private init; }

    public string StrValue { get; private init; } = string.Empty;

    /// <summary>The unit suffix of a number multiplier literal (<c>Ki</c>); null for the non-literal type.</summary>
    public string? Suffix { get; private init; }

    public KclType? Item { get; private init; }

    public KclType? Key { get; private init; }

    public KclType? Value { get; private init; }

    /// <summary>Dict keys known from config literals, in order; empty for declared dict types.</summary>
    public ImmutableArray<DictAttribute> Attributes { get; private init; } = [];

    public ImmutableArray<KclType> Types { get; private init; } = [];

    public SchemaSymbol? Schema { get; private init; }

    /// <summary>A schema instance (a value) rather than the schema itself (a type, callable).</summary>
    public bool IsInstance { get; private init; }

    public FunctionSignature? Function { get; private init; }

    public string ModulePath { get; private init; } = string.Empty;

    public ModuleKind ModuleKind { get; private init; }

    public static KclType Any { get; } = new(TypeKind.Any);

    public static KclType None { get; } = new(TypeKind.None);

    public static KclType Void { get; } = new(TypeKind.Void);

    public static KclType Bool { get; } = new(TypeKind.Bool);

    public static KclType Int { get; } = new(TypeKind.Int);

    public static KclType Float { get; } = new(TypeKind.Float);

    public static KclType Str { get; } = new(TypeKind.Str);

    public static KclType NumberMultiplierType { get; } = new(TypeKind.NumberMultiplier);

    public static KclType BoolLiteral(bool value) => new(TypeKind.BoolLit) { BoolValue = value };

    public static KclType IntLiteral(long value) => new(TypeKind.IntLit) { IntValue = value };

    public static KclType FloatLiteral(double value) => new(TypeKind.FloatLit) { FloatValue = value };

    public static KclType StrLiteral(string value) => new(TypeKind.StrLit) { StrValue = value };

    public static KclType NumberMultiplierLiteral(long raw, string suffix) => new(TypeKind.NumberMultiplier) { IntValue = raw, Suffix = suffix };

    public static KclType List(KclType item) => new(TypeKind.List) { Item = item };

    public static KclType Dict(KclType key, KclType value) => new(TypeKind.Dict) { Key = key, Value = value };

    public static KclType Dict(KclType key, KclType value, ImmutableArray<DictAttribute> attributes) =>
        new(TypeKind.Dict) { Key = key, Value = value, Attributes = attributes };

    public static KclType Union(ImmutableArray<KclType> types) => new(TypeKind.Union) { Types = types };

    public static KclType SchemaOf(SchemaSymbol schema, bool isInstance) => new(TypeKind.Schema) { Schema = schema, IsInstance = isInstance };

    public static KclType FunctionOf(FunctionSignature function) => new(TypeKind.Function) { Function = function };

    public static KclType ModuleOf(string path, ModuleKind kind) => new(TypeKind.Module) { ModulePath = path, ModuleKind = kind };

    public bool IsAny => Kind == TypeKind.Any;

    public bool IsNone => Kind == TypeKind.None;

    public bool IsVoid => Kind == TypeKind.Void;

    public bool IsUnion => Kind == TypeKind.Union;

    public bool IsList => Kind == TypeKind.List;

    public bool IsDict => Kind == TypeKind.Dict;

    public bool IsSchema => Kind == TypeKind.Schema;

    public bool IsFunction => Kind == TypeKind.Function;

    public bool IsModule => Kind == TypeKind.Module;

    public bool IsNumberMultiplier => Kind == TypeKind.NumberMultiplier;

    /// <summary>int or an int literal (the reference's INT flag).</summary>
    public bool IsIntLike => Kind is TypeKind.Int or TypeKind.IntLit;

    public bool IsFloatLike => Kind is TypeKind.Float or TypeKind.FloatLit;

    public bool IsStrLike => Kind is TypeKind.Str or TypeKind.StrLit;

    public bool IsBoolLike => Kind is TypeKind.Bool or TypeKind.BoolLit;

    public bool IsLiteral => Kind is TypeKind.BoolLit or TypeKind.IntLit or TypeKind.FloatLit or TypeKind.StrLit;

    public bool IsPrimitive => Kind is TypeKind.Bool or TypeKind.Int or TypeKind.Float or TypeKind.Str;

    public bool IsNumber => IsIntLike || IsFloatLike;

    public bool IsDictOrSchema => IsDict || IsSchema;

    public bool IsIterable => IsStrLike || IsList || IsDict || IsSchema;

    /// <summary>str, a str literal or a union of them: what a config key may be.</summary>
    public bool IsKey => Kind switch
    {
        TypeKind.Str or TypeKind.StrLit => true,
        TypeKind.Union => Types.All(t => t.IsKey),
        _ => false,
    };

    /// <summary>Whether a value of this type can be assigned somewhere (modules and void cannot).</summary>
    public bool IsAssignable => Kind is not (TypeKind.Void or TypeKind.Module);

    /// <summary>The reference's <c>ty_str</c>.</summary>
    public override string ToString() => Kind switch
    {
        TypeKind.Any => "any",
        TypeKind.None => "NoneType",
        TypeKind.Void => "void",
        TypeKind.Bool => "bool",
        TypeKind.BoolLit => BoolValue ? "bool(True)" : "bool(False)",
        TypeKind.Int => "int",
        TypeKind.IntLit => "int(" + IntValue.ToString(CultureInfo.InvariantCulture) + ")",
        TypeKind.Float => "float",
        TypeKind.FloatLit => "float(" + FormatFloat(FloatValue) + ")",
        TypeKind.Str => "str",
        TypeKind.StrLit => "str(" + StrValue + ")",
        TypeKind.NumberMultiplier => Suffix is null
            ? "number_multiplier"
            : "number_multiplier(" + IntValue.ToString(CultureInfo.InvariantCulture) + Suffix + ")",
        TypeKind.List => "[" + Item + "]",
        TypeKind.Dict => "{" + Key + ":" + Value + "}",
        TypeKind.Union => string.Join(" | ", Types.Select(t => t.ToString())),
        TypeKind.Schema => Schema!.Name,
        TypeKind.Function => "function (" + string.Join(", ", Function!.Parameters.Select(p => p.Type.ToString())) + ") -> " + Function.Return,
        TypeKind.Module => "module '" + ModulePath + "'",
        _ => "any",
    };

    /// <summary>Rust's <c>{}</c> for f64: shortest round-trip digits, never an exponent, no trailing <c>.0</c>.</summary>
    internal static string FormatFloat(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = text.IndexOfAny(['E', 'e']);
        if (exponentAt < 0)
        {
            return text;
        }

        var exponent = int.Parse(text[(exponentAt + 1)..], CultureInfo.InvariantCulture);
        var mantissa = text[..exponentAt];
        var negative = mantissa.StartsWith('-');
        if (negative)
        {
            mantissa = mantissa[1..];
        }

        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = point < 0 ? mantissa : mantissa.Remove(point, 1);
        var integerDigits = (point < 0 ? mantissa.Length : point) + exponent;
        string result;
        if (integerDigits <= 0)
        {
            result = "0." + new string('0', -integerDigits) + digits;
        }
        else if (integerDigits >= digits.Length)
        {
            result = digits + new string('0', integerDigits - digits.Length);
        }
        else
        {
            result = digits[..integerDigits] + "." + digits[integerDigits..];
        }

        return negative ? "-" + result : result;
    }

    public bool Equals(KclType? other) => other is not null && AreEqual(this, other, null);

    /// <summary>
    /// A dict type holds each entry's type twice (in its value type and in its attributes): pairs already
    /// found equal are not compared again, or comparing two nested configs takes time exponential in depth.
    /// </summary>
    private static bool AreEqual(KclType left, KclType right, HashSet<(KclType, KclType)>? equal)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left.Kind != right.Kind)
        {
            return false;
        }

        if (left.Kind is TypeKind.List or TypeKind.Dict or TypeKind.Union)
        {
            equal ??= new HashSet<(KclType, KclType)>(PairComparer.Instance);
            if (equal.Contains((left, right)))
            {
                return true;
            }
        }

        var result = left.Kind switch
        {
            TypeKind.BoolLit => left.BoolValue == right.BoolValue,
            TypeKind.IntLit => left.IntValue == right.IntValue,
            TypeKind.FloatLit => left.FloatValue.Equals(right.FloatValue),
            TypeKind.StrLit => string.Equals(left.StrValue, right.StrValue, StringComparison.Ordinal),
            TypeKind.NumberMultiplier => left.IntValue == right.IntValue && string.Equals(left.Suffix, right.Suffix, StringComparison.Ordinal),
            TypeKind.List => AreEqual(left.Item!, right.Item!, equal),
            TypeKind.Dict => AreEqual(left.Key!, right.Key!, equal) && AreEqual(left.Value!, right.Value!, equal) && AttributesEqual(left.Attributes, right.Attributes, equal),
            TypeKind.Union => left.Types.Length == right.Types.Length && left.Types.Zip(right.Types).All(p => AreEqual(p.First, p.Second, equal)),
            TypeKind.Schema => ReferenceEquals(left.Schema, right.Schema) && left.IsInstance == right.IsInstance,
            TypeKind.Function => ReferenceEquals(left.Function, right.Function),
            TypeKind.Module => string.Equals(left.ModulePath, right.ModulePath, StringComparison.Ordinal) && left.ModuleKind == right.ModuleKind,
            _ => true,
        };
        if (result)
        {
            equal?.Add((left, right));
        }

        return result;
    }

    public override bool Equals(object? obj) => Equals(obj as KclType);

    public override int GetHashCode() => HashCode.Combine(Kind, ToString());

    private static bool AttributesEqual(ImmutableArray<DictAttribute> left, ImmutableArray<DictAttribute> right, HashSet<(KclType, KclType)>? equal) =>
        left.Length == right.Length && left.Zip(right).All(p =>
            string.Equals(p.First.Name, p.Second.Name, StringComparison.Ordinal) && AreEqual(p.First.Type, p.Second.Type, equal));

    /// <summary>Pairs of types by identity.</summary>
    private sealed class PairComparer : IEqualityComparer<(KclType, KclType)>
    {
        public static readonly PairComparer Instance = new();

        public bool Equals((KclType, KclType) x, (KclType, KclType) y) => ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2);

        public int GetHashCode((KclType, KclType) obj) =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(obj.Item1), RuntimeHelpers.GetHashCode(obj.Item2));
    }
}
