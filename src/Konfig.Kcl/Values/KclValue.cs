namespace Konfig.Kcl.Values;

/// <summary>
/// A runtime value of the KCL evaluator. Scalars are immutable; lists, dicts and schema instances are
/// built up during evaluation (merging happens in place on fresh copies) and treated as frozen once
/// they are bound to an exported name.
/// </summary>
public abstract class KclValue
{
    /// <summary>The KCL type name as error messages and <c>typeof</c> spell it: int, float, str, bool, list, dict, NoneType, UndefinedType, function, module, or the schema's name.</summary>
    public abstract string TypeName { get; }

    /// <summary>KCL truthiness: None, Undefined, False, 0, 0.0, "" and empty collections are false.</summary>
    public abstract bool IsTruthy { get; }

    public bool IsNoneOrUndefined => this is NoneValue or UndefinedValue;
}

public sealed class NoneValue : KclValue
{
    public static readonly NoneValue Instance = new();

    private NoneValue()
    {
    }

    public override string TypeName => "NoneType";

    public override bool IsTruthy => false;

    public override string ToString() => "None";
}

public sealed class UndefinedValue : KclValue
{
    public static readonly UndefinedValue Instance = new();

    private UndefinedValue()
    {
    }

    public override string TypeName => "UndefinedType";

    public override bool IsTruthy => false;

    public override string ToString() => "Undefined";
}

public sealed class BoolValue : KclValue
{
    public static readonly BoolValue True = new(true);
    public static readonly BoolValue False = new(false);

    private BoolValue(bool value) => Value = value;

    public bool Value { get; }

    public override string TypeName => "bool";

    public override bool IsTruthy => Value;

    public static BoolValue Of(bool value) => value ? True : False;

    public override string ToString() => Value ? "True" : "False";
}

public sealed class IntValue(long value) : KclValue
{
    private const int CachedMin = -128;
    private const int CachedMax = 1024;

    // Values are immutable and compared by value, so small ints (loop indexes, literals) can be shared.
    private static readonly IntValue[] Cached = CreateCache();

    public long Value { get; } = value;

    /// <summary>The value for <paramref name="value"/>, shared for small numbers.</summary>
    public static IntValue Of(long value) =>
        value >= CachedMin && value <= CachedMax ? Cached[value - CachedMin] : new IntValue(value);

    private static IntValue[] CreateCache()
    {
        var cache = new IntValue[CachedMax - CachedMin + 1];
        for (var i = 0; i < cache.Length; i++)
        {
            cache[i] = new IntValue(i + CachedMin);
        }

        return cache;
    }

    public override string TypeName => "int";

    public override bool IsTruthy => Value != 0;

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class FloatValue(double value) : KclValue
{
    public double Value { get; } = value;

    public override string TypeName => "float";

    public override bool IsTruthy => Value != 0;
}

/// <summary>
/// A number with a unit suffix such as <c>1Ki</c>: it computes as <see cref="Value"/> (1024) but keeps
/// its literal form (<see cref="Raw"/> 1, <see cref="Suffix"/> Ki), which <c>str()</c> returns.
/// </summary>
public sealed class NumberMultiplierValue(double value, long raw, string suffix) : KclValue
{
    public double Value { get; } = value;

    public long Raw { get; } = raw;

    public string Suffix { get; } = suffix;

    public override string TypeName => "number_multiplier";

    public override bool IsTruthy => Value != 0;

    public override string ToString() => $"{Raw}{Suffix}";
}

public sealed class StringValue(string value) : KclValue
{
    public static readonly StringValue Empty = new(string.Empty);

    public string Value { get; } = value;

    public override string TypeName => "str";

    public override bool IsTruthy => Value.Length > 0;

    public override string ToString() => Value;
}
