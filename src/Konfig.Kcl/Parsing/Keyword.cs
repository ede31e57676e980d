namespace Konfig.Kcl.Parsing;

/// <summary>The keyword an identifier token spells, or <see cref="None"/>. Basic type names are included for the type parser.</summary>
public enum Keyword
{
    None,
    True,
    False,
    NoneValue,
    Undefined,
    Import,
    As,
    And,
    Or,
    In,
    Is,
    Not,
    If,
    Elif,
    Else,
    For,
    Schema,
    Mixin,
    Protocol,
    Check,
    Assert,
    All,
    Any,
    Map,
    Filter,
    Lambda,
    Rule,
    Type,
}
