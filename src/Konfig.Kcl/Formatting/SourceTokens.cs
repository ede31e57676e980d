using System.Collections.Immutable;
using Konfig.Kcl.Parsing;

namespace Konfig.Kcl.Formatting;

/// <summary>
/// The token list of the file being printed, searched by offset, for what the tree does not keep verbatim
/// (docstrings as written, the exact operator of a schema attribute).
/// </summary>
internal sealed class SourceTokens
{
    private readonly ImmutableArray<Token> _tokens;

    public SourceTokens(ImmutableArray<Token> tokens) => _tokens = tokens;

    /// <summary>The index of the first token starting at or after <paramref name="offset"/>.</summary>
    public int IndexAtOrAfter(int offset)
    {
        int low = 0, high = _tokens.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_tokens[middle].Span.Start < offset)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>The first real token (not a line break or indentation change) at or after the offset.</summary>
    public Token? FirstSignificantAtOrAfter(int offset) => FirstSignificantFrom(IndexAtOrAfter(offset));

    /// <summary>
    /// The raw docstring of a block whose header starts at <paramref name="headerOffset"/>: the string token
    /// that opens the block's body on the lines after the header, if any.
    /// </summary>
    public string? BlockDocstring(int headerOffset)
    {
        var depth = 0;
        for (var i = IndexAtOrAfter(headerOffset); i < _tokens.Length; i++)
        {
            switch (_tokens[i].Kind)
            {
                case TokenKind.LeftParen or TokenKind.LeftBracket or TokenKind.LeftBrace:
                    depth++;
                    break;
                case TokenKind.RightParen or TokenKind.RightBracket or TokenKind.RightBrace:
                    depth--;
                    break;
                case TokenKind.Newline when depth <= 0:
                    return FirstSignificantFrom(i) is { Kind: TokenKind.String } doc ? doc.Text : null;
                case TokenKind.EndOfFile:
                    return null;
            }
        }

        return null;
    }

    /// <summary>The module docstring as written: the file's first token when it is a string.</summary>
    public string? ModuleDocstring() => FirstSignificantFrom(0) is { Kind: TokenKind.String } doc ? doc.Text : null;

    private Token? FirstSignificantFrom(int index)
    {
        for (var i = index; i < _tokens.Length; i++)
        {
            if (_tokens[i].Kind is not (TokenKind.Newline or TokenKind.Indent or TokenKind.Dedent))
            {
                return _tokens[i];
            }
        }

        return null;
    }
}
