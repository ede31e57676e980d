namespace Konfig.Kcl.Syntax;

/// <summary>How an operator is spelled in KCL source: for diagnostics that name it, and for the formatter.</summary>
internal static class OperatorText
{
    public static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Sub => "-",
        BinaryOperator.Mul => "*",
        BinaryOperator.Div => "/",
        BinaryOperator.FloorDiv => "//",
        BinaryOperator.Mod => "%",
        BinaryOperator.Pow => "**",
        BinaryOperator.LShift => "<<",
        BinaryOperator.RShift => ">>",
        BinaryOperator.BitOr => "|",
        BinaryOperator.BitXor => "^",
        BinaryOperator.BitAnd => "&",
        BinaryOperator.And => "and",
        _ => "or",
    };

    /// <summary>A unary operator as written before its operand (<c>not</c> with its space).</summary>
    public static string Symbol(UnaryOperator op) => op switch
    {
        UnaryOperator.Plus => "+",
        UnaryOperator.Minus => "-",
        UnaryOperator.Invert => "~",
        _ => "not ",
    };

    public static string Symbol(CompareOperator op) => op switch
    {
        CompareOperator.Eq => "==",
        CompareOperator.NotEq => "!=",
        CompareOperator.Lt => "<",
        CompareOperator.LtE => "<=",
        CompareOperator.Gt => ">",
        CompareOperator.GtE => ">=",
        CompareOperator.Is => "is",
        CompareOperator.IsNot => "is not",
        CompareOperator.In => "in",
        _ => "not in",
    };
}
