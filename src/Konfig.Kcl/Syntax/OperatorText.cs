namespace Konfig.Kcl.Syntax;

/// <summary>How an operator is spelled in KCL source, for diagnostics that name it.</summary>
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
}
