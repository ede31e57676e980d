using Konfig.Kcl.Values;

namespace Konfig.Kcl.Evaluation;

/// <summary>Numeric views of values and the unit multipliers of number literals.</summary>
internal static class Numbers
{
    public static bool TryGetNumber(KclValue value, out double number)
    {
        switch (value)
        {
            case IntValue i:
                number = i.Value;
                return true;
            case FloatValue f:
                number = f.Value;
                return true;
            case BoolValue b:
                number = b.Value ? 1 : 0;
                return true;
            case NumberMultiplierValue n:
                number = n.Value;
                return true;
            default:
                number = 0;
                return false;
        }
    }

    /// <summary>The multiplier of a unit suffix (<c>Ki</c> = 1024, <c>k</c> = 1000, <c>m</c> = 0.001…).</summary>
    public static double Multiplier(string suffix) => suffix switch
    {
        "n" => 1e-9,
        "u" => 1e-6,
        "m" => 1e-3,
        "k" or "K" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "P" => 1e15,
        "Ki" => 1024d,
        "Mi" => 1024d * 1024,
        "Gi" => 1024d * 1024 * 1024,
        "Ti" => 1024d * 1024 * 1024 * 1024,
        "Pi" => 1024d * 1024 * 1024 * 1024 * 1024,
        _ => 1,
    };
}
