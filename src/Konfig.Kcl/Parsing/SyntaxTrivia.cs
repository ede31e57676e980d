using Konfig.Kcl.Text;

namespace Konfig.Kcl.Parsing;

public enum TriviaKind
{
    Whitespace,
    Comment,

    /// <summary>A backslash and the line break it joins.</summary>
    LineContinuation,

    /// <summary>Characters the lexer could not use (a diagnostic was reported); kept so the source round-trips.</summary>
    SkippedText,
}

/// <summary>Source text between tokens that the parser does not see.</summary>
public readonly record struct SyntaxTrivia(TriviaKind Kind, TextSpan Span)
{
    public string Text => Span.Text;
}
