using Konfig.Kcl.Syntax;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Semantics;

internal sealed partial class PackageChecker
{
    private static string Symbol(CompareOperator op) => op switch
    {
        CompareOperator.Lt => "<",
        CompareOperator.LtE => "<=",
        CompareOperator.Gt => ">",
        _ => ">=",
    };

    /// <summary>The reference's binary operator table; operands it cannot type pass as any.</summary>
    private KclType Binary(KclType left, KclType right, BinaryOperator op, TextSpan span)
    {
        var t1 = TypeRelations.LiteralUnionToVariableType(left);
        var t2 = TypeRelations.LiteralUnionToVariableType(right);
        if (t1.IsAny || t2.IsAny)
        {
            return KclType.Any;
        }

        KclType Number() => t1.IsFloatLike || t2.IsFloatLike ? KclType.Float : KclType.Int;
        bool IsRepeatable(KclType t) => TypeRelations.AllMembers(t, m => m.IsNumber || m.IsBoolLike || m.IsStrLike || m.IsList);

        KclType? result = op switch
        {
            BinaryOperator.Add when t1.IsNumber && t2.IsNumber => Number(),
            BinaryOperator.Add when t1.IsStrLike && t2.IsStrLike => KclType.Str,
            BinaryOperator.Add when t1.IsList && t2.IsList => KclType.List(TypeRelations.Sup([t1.Item!, t2.Item!])),
            BinaryOperator.Sub or BinaryOperator.Pow when t1.IsNumber && t2.IsNumber => Number(),
            BinaryOperator.Mul when t1.IsNumber && t2.IsNumber => Number(),
            BinaryOperator.Mul when t1.IsIntLike && IsRepeatable(t2) => t2,
            BinaryOperator.Mul when IsRepeatable(t1) && t2.IsIntLike => t1,
            BinaryOperator.Div or BinaryOperator.FloorDiv when t1.IsNumber && t2.IsNumber => Number(),
            BinaryOperator.Mod when t1.IsNumber && t2.IsNumber => KclType.Int,
            BinaryOperator.LShift or BinaryOperator.RShift or BinaryOperator.BitXor or BinaryOperator.BitAnd when t1.IsIntLike && t2.IsIntLike => KclType.Int,
            BinaryOperator.BitOr when t1.IsIntLike && t2.IsIntLike => KclType.Int,
            BinaryOperator.BitOr when t1.IsNone => t2,
            BinaryOperator.BitOr when t2.IsNone => t1,
            BinaryOperator.BitOr when t1.IsList && t2.IsList => KclType.List(TypeRelations.Sup([t1.Item!, t2.Item!])),
            BinaryOperator.BitOr when t1.IsDict && t2.IsDict => KclType.Dict(
                TypeRelations.Sup([t1.Key!, t2.Key!]),
                TypeRelations.Sup([t1.Value!, t2.Value!]),
                [.. t1.Attributes, .. t2.Attributes]),
            BinaryOperator.BitOr when t1.IsSchema && (t2.IsSchema || t2.IsDict) => t1,
            BinaryOperator.And => KclType.Bool,
            BinaryOperator.Or => TypeRelations.Sup([t1, t2]),
            _ => null,
        };
        if (result is not null)
        {
            return result;
        }

        // Report only the combinations the reference rejects for certain; unions and numbers mixed
        // with bools stay silent (the run time decides).
        if (t1.IsUnion || t2.IsUnion)
        {
            return KclType.Any;
        }

        if (IsCertain(t1) && IsCertain(t2))
        {
            Report(SemanticDiagnostics.UnsupportedOperands(span, OperatorText.Symbol(op), left, right));
        }

        return KclType.Any;
    }

    /// <summary>Types whose operator behavior the checker knows exactly.</summary>
    private static bool IsCertain(KclType type) =>
        type.IsNone || type.IsNumber || type.IsBoolLike || type.IsStrLike || type.IsList || type.IsDict || (type.IsSchema && type.IsInstance);

    private KclType Compare(CompareExpression compare)
    {
        var left = ExpressionWithoutContext(compare.Left);
        var previous = left;
        for (var i = 0; i < compare.Operators.Length; i++)
        {
            var right = ExpressionWithoutContext(compare.Comparators[i]);
            var op = compare.Operators[i];
            if (i == 0 && op is CompareOperator.Lt or CompareOperator.LtE or CompareOperator.Gt or CompareOperator.GtE)
            {
                var t1 = TypeRelations.LiteralUnionToVariableType(previous);
                var t2 = TypeRelations.LiteralUnionToVariableType(right);
                if ((t1.IsList && t2.IsList) || (t1.IsDictOrSchema && t2.IsDictOrSchema))
                {
                    Report(SemanticDiagnostics.UnsupportedOperands(compare.Left.Span, Symbol(op), t1, t2));
                }
            }

            previous = right;
        }

        return KclType.Bool;
    }

    private static KclType Unary(KclType operand, UnaryOperator op)
    {
        if (operand.IsAny)
        {
            return KclType.Any;
        }

        var type = TypeRelations.LiteralUnionToVariableType(operand);
        return op switch
        {
            UnaryOperator.Not => KclType.Bool,
            UnaryOperator.Plus or UnaryOperator.Minus when type.IsNumber => TypeRelations.ToVariableType(type),
            UnaryOperator.Invert when type.IsIntLike || type.IsBoolLike => KclType.Int,
            _ => KclType.Any,
        };
    }

    /// <summary><c>value as T</c>: reported when neither type can hold the other.</summary>
    private KclType Convert(KclType value, KclType target, TextSpan span)
    {
        var type = TypeRelations.LiteralUnionToVariableType(value);
        if (!type.IsAny && !target.IsAny && !TypeRelations.IsUpperBound(TypeRelations.ToVariableType(type), target))
        {
            Report(SemanticDiagnostics.BadConversion(span, type, target));
        }

        return target;
    }
}
