using System.Runtime.CompilerServices;

namespace Konfig.Kcl.Evaluation;

/// <summary>Compares pairs of objects by identity (values have structural equality of their own that is not wanted here).</summary>
internal sealed class IdentityPairs : IEqualityComparer<(TypeAliasValue, Values.KclValue)>
{
    public static readonly IdentityPairs Instance = new();

    public bool Equals((TypeAliasValue, Values.KclValue) x, (TypeAliasValue, Values.KclValue) y) =>
        ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2);

    public int GetHashCode((TypeAliasValue, Values.KclValue) obj) =>
        HashCode.Combine(RuntimeHelpers.GetHashCode(obj.Item1), RuntimeHelpers.GetHashCode(obj.Item2));
}
