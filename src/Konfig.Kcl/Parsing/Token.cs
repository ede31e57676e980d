using System.Collections.Immutable;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Parsing;

/// <summary>
/// One token with its trivia. Concatenating leading trivia, text and trailing trivia of every token
/// reproduces the source byte for byte. Synthetic tokens (<see cref="TokenKind.Indent"/>,
/// <see cref="TokenKind.Dedent"/>, the final <see cref="TokenKind.Newline"/>) have empty text.
/// </summary>
public sealed class Token
{
    public Token(TokenKind kind, TextSpan span, ImmutableArray<SyntaxTrivia> leadingTrivia, ImmutableArray<SyntaxTrivia> trailingTrivia, Keyword keyword = Keyword.None, int dedentMismatch = 0)
    {
        Kind = kind;
        Span = span;
        LeadingTrivia = leadingTrivia;
        TrailingTrivia = trailingTrivia;
        Keyword = keyword;
        DedentMismatch = dedentMismatch;
    }

    public TokenKind Kind { get; }

    public TextSpan Span { get; }

    public string Text => Span.Text;

    public ImmutableArray<SyntaxTrivia> LeadingTrivia { get; }

    public ImmutableArray<SyntaxTrivia> TrailingTrivia { get; }

    /// <summary>For identifiers, the keyword they spell.</summary>
    public Keyword Keyword { get; }

    /// <summary>
    /// For a dedent that lands between two indentation levels, how many spaces it is off by (the reference
    /// reports "invalid indentation with N spaces"); 0 for a well-formed dedent.
    /// </summary>
    public int DedentMismatch { get; }

    public bool Is(Keyword keyword) => Keyword == keyword && Kind == TokenKind.Identifier;

    public override string ToString() => $"{Kind} '{Text}'";
}
