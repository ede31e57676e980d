using System.Globalization;
using System.Text;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Evaluation;

/// <summary>The evaluator's single door to value rendering and equality (ValueFormatter, ValueEquality).</summary>
internal static class ValueOps
{
    public static string Str(KclValue value) => ValueFormatter.ToStr(value);

    public static bool Equal(KclValue left, KclValue right) => ValueEquality.AreEqual(left, right);

    public static string Interpolate(KclValue value, string? spec) => ValueFormatter.Interpolate(value, spec);

    public static string FormatFloat(double value) => ValueFormatter.FloatToStr(value);

    /// <summary>An ordering comparison; throws KCL's runtime error for values that do not compare.</summary>
    public static bool Compare(CompareOperator op, KclValue left, KclValue right) => op switch
    {
        CompareOperator.Lt => ValueEquality.LessThan(left, right),
        CompareOperator.LtE => ValueEquality.LessThanOrEqual(left, right),
        CompareOperator.Gt => ValueEquality.GreaterThan(left, right),
        _ => ValueEquality.GreaterThanOrEqual(left, right),
    };
}
