namespace Konfig.Kcl.Parsing;

/// <summary>
/// Token kinds. Keywords are <see cref="Identifier"/> tokens with a <see cref="Token.Keyword"/>, as in the
/// reference lexer, so error messages say "got identifier" for them too.
/// </summary>
public enum TokenKind
{
    EndOfFile,

    /// <summary>A line break; its text is the break itself (<c>\n</c> or <c>\r\n</c>), or empty at the end of the file.</summary>
    Newline,

    /// <summary>Zero-width: the line starts deeper than the one before.</summary>
    Indent,

    /// <summary>Zero-width: one indentation level ends (see <see cref="Token.DedentMismatch"/>).</summary>
    Dedent,

    Identifier,
    Int,
    Float,
    String,

    // Operators
    Plus,
    Minus,
    Star,
    StarStar,
    Slash,
    SlashSlash,
    Percent,
    Ampersand,
    Pipe,
    Caret,
    Tilde,
    Bang,
    LessLess,
    GreaterGreater,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    EqualEqual,
    NotEqual,

    // Assignment operators
    Assign,
    PlusAssign,
    MinusAssign,
    StarAssign,
    StarStarAssign,
    SlashAssign,
    SlashSlashAssign,
    PercentAssign,
    AmpersandAssign,
    PipeAssign,
    CaretAssign,
    LessLessAssign,
    GreaterGreaterAssign,

    // Punctuation
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    LeftBrace,
    RightBrace,
    Comma,
    Colon,
    Dot,
    Ellipsis,
    Arrow,
    At,
    Question,
    Dollar,
}
