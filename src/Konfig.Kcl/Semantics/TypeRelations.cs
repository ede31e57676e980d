using System.Collections.Immutable;

namespace Konfig.Kcl.Semantics;

/// <summary>
/// Subtyping between <see cref="KclType"/>s, the least upper bound of a list of types, and the widening
/// of literal types to variable types, following the reference resolver's rules.
/// </summary>
internal static class TypeRelations
{
    /// <summary>Whether a value of type <paramref name="left"/> fits where <paramref name="right"/> is expected.</summary>
    public static bool Subsume(KclType left, KclType right, bool checkLeftAny)
    {
        if ((checkLeftAny && left.IsAny) || right.IsAny || left.IsNone)
        {
            return true;
        }

        // Function types are not compared (the reference compares them by identity); never an error.
        if (left.IsFunction && right.IsFunction)
        {
            return true;
        }

        if (left.IsUnion)
        {
            return left.Types.All(t => Subsume(t, right, false));
        }

        if (right.IsUnion)
        {
            return right.Types.Any(t => Subsume(left, t, false));
        }

        if (left.IsSchema)
        {
            return right.IsSchema && left.Schema!.IsSubSchemaOf(right.Schema!);
        }

        if (left.IsIntLike && right.IsFloatLike)
        {
            return true;
        }

        if (left.IsNumberMultiplier && right.IsNumberMultiplier)
        {
            var leftLiteral = left.Suffix is not null;
            var rightLiteral = right.Suffix is not null;
            if (leftLiteral && rightLiteral)
            {
                return left.IntValue == right.IntValue && string.Equals(left.Suffix, right.Suffix, StringComparison.Ordinal);
            }

            return leftLiteral || !rightLiteral;
        }

        if (left.IsPrimitive && right.IsPrimitive)
        {
            return left.Kind == right.Kind;
        }

        if (left.IsLiteral)
        {
            if (right.IsLiteral)
            {
                return left.Equals(right);
            }

            if (right.IsPrimitive)
            {
                // int/bool literals fit float; otherwise a literal fits its own base type.
                if (right.Kind == TypeKind.Float && !left.IsStrLike)
                {
                    return true;
                }

                return left.ToString().Contains(right.ToString(), StringComparison.Ordinal);
            }

            return false;
        }

        if (left.IsList && right.IsList)
        {
            return Subsume(left.Item!, right.Item!, checkLeftAny);
        }

        if (left.IsDict && right.IsDict)
        {
            return Subsume(left.Key!, right.Key!, checkLeftAny) && Subsume(left.Value!, right.Value!, checkLeftAny);
        }

        return left.Equals(right);
    }

    public static bool IsAssignableTo(KclType type, KclType expected) => type.IsAssignable && Subsume(type, expected, true);

    /// <summary>Whether <paramref name="upper"/> is an upper bound of <paramref name="lower"/>.</summary>
    public static bool IsUpperBound(KclType upper, KclType lower) => Subsume(lower, upper, false);

    /// <summary>The smallest type that all of <paramref name="types"/> fit (a union without subsumed members).</summary>
    public static KclType Sup(IEnumerable<KclType> types)
    {
        var set = new List<KclType>();
        AddToSet(set, types);
        var removed = new HashSet<int>();
        for (var i = 0; i < set.Count; i++)
        {
            for (var j = 0; j < set.Count; j++)
            {
                if (i != j && Subsume(set[i], set[j], false))
                {
                    removed.Add(i);
                }
            }
        }

        var kept = set.Where((_, i) => !removed.Contains(i)).ToImmutableArray();
        return kept.Length switch
        {
            0 => KclType.Any,
            1 => kept[0],
            _ => KclType.Union(kept),
        };
    }

    private static void AddToSet(List<KclType> set, IEnumerable<KclType> types)
    {
        foreach (var type in types)
        {
            if (type.IsUnion)
            {
                AddToSet(set, type.Types);
            }
            else if (!type.IsVoid && !set.Contains(type))
            {
                set.Add(type);
            }
        }
    }

    /// <summary>The type a variable gets from a value: literals widen (<c>1</c> to int), None becomes any.</summary>
    public static KclType ToVariableType(KclType type) =>
        ToVariableType(type, new Dictionary<KclType, KclType>(ReferenceEqualityComparer.Instance));

    /// <summary>
    /// A dict type holds each entry's type twice (in its value type and in its attributes): each shared
    /// part is widened once, or nested configs would take time exponential in their depth.
    /// </summary>
    private static KclType ToVariableType(KclType type, Dictionary<KclType, KclType> widened)
    {
        if (widened.TryGetValue(type, out var done))
        {
            return done;
        }

        var result = type.Kind switch
        {
            TypeKind.None => KclType.Any,
            TypeKind.BoolLit => KclType.Bool,
            TypeKind.IntLit => KclType.Int,
            TypeKind.FloatLit => KclType.Float,
            TypeKind.StrLit => KclType.Str,
            TypeKind.List => KclType.List(ToVariableType(type.Item!, widened)),
            TypeKind.Dict => KclType.Dict(
                ToVariableType(type.Key!, widened),
                ToVariableType(type.Value!, widened),
                [.. type.Attributes.Select(a => a with { Type = ToVariableType(a.Type, widened) })]),
            TypeKind.Union => Sup(type.Types.Select(t => ToVariableType(t, widened))),
            _ => type,
        };
        widened[type] = result;
        return result;
    }

    /// <summary>Widens only unions of literals (<c>1|2</c> to int); other types are kept.</summary>
    public static KclType LiteralUnionToVariableType(KclType type) => type.IsUnion ? ToVariableType(type) : type;

    /// <summary>Whether every member of <paramref name="type"/> (or the type itself) satisfies <paramref name="predicate"/>.</summary>
    public static bool AllMembers(KclType type, Func<KclType, bool> predicate) =>
        type.IsUnion ? type.Types.All(predicate) : predicate(type);
}
