namespace Konfig.Kcl.Syntax;

public enum UnaryOperator
{
    Plus,
    Minus,
    Invert,
    Not,
}

public enum BinaryOperator
{
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    BitOr,
    BitXor,
    BitAnd,
    And,
    Or,
}

public enum CompareOperator
{
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    Is,
    IsNot,
    In,
    NotIn,
}

/// <summary>How a config entry combines with what is already there: <c>:</c>, <c>=</c> or <c>+=</c>.</summary>
public enum ConfigOperation
{
    Union,
    Override,
    Insert,
}

public enum QuantifierKind
{
    All,
    Any,
    Map,
    Filter,
}

public enum LiteralKind
{
    True,
    False,
    None,
    Undefined,
}
