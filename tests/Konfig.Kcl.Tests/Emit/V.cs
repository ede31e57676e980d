using Konfig.Kcl.Values;

namespace Konfig.Kcl.Tests.Emit;

/// <summary>Short constructors for hand-built values in tests.</summary>
internal static class V
{
    public static KclValue I(long v) => new IntValue(v);

    public static KclValue F(double v) => new FloatValue(v);

    public static KclValue S(string v) => new StringValue(v);

    public static KclValue B(bool v) => BoolValue.Of(v);

    public static KclValue None => NoneValue.Instance;

    public static ListValue L(params KclValue[] items) => new(items);

    public static DictValue D(params (string Key, KclValue Value)[] entries)
    {
        var dict = new DictValue();
        foreach (var (key, value) in entries)
        {
            dict.Set(key, value);
        }

        return dict;
    }
}
