using System.Collections.Immutable;
using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Parsing;

/// <summary>
/// Turns KCL source into tokens. Like the reference lexer, it emits NEWLINE, INDENT and DEDENT
/// everywhere, also inside brackets (the parser skips them where they do not matter: config
/// if-entries and lambda bodies inside brackets need them). Whitespace, comments and line
/// continuations become trivia attached to tokens, so the token list round-trips the source.
/// </summary>
public sealed class Lexer
{
    private static readonly ImmutableArray<SyntaxTrivia> NoTrivia = ImmutableArray<SyntaxTrivia>.Empty;

    private readonly SourceFile _file;
    private readonly string _text;
    private readonly int _end;
    private readonly List<Token> _tokens = [];
    private readonly List<Diagnostic> _diagnostics;
    private readonly List<SyntaxTrivia> _trivia = [];
    private IndentLevel _indent = IndentLevel.Root;
    private readonly List<TokenKind> _delimiters = [];

    // The indentation stack as it was at each open bracket; a closing bracket restores it, so lines
    // continued inside brackets (`f(a,\n      b)`) do not leave indentation levels behind.
    private readonly List<IndentLevel> _indentsAtOpen = [];
    private int _position;
    private bool _atLineStart;
    private int _tabs;
    private int _spaces;

    private Lexer(SourceFile file, int start, int end, List<Diagnostic> diagnostics)
    {
        _file = file;
        _text = file.Text;
        _position = start;
        _end = end;
        _diagnostics = diagnostics;
    }

    public static (ImmutableArray<Token> Tokens, ImmutableArray<Diagnostic> Diagnostics) Tokenize(SourceFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var diagnostics = new List<Diagnostic>();
        var tokens = Tokenize(file, 0, file.Text.Length, diagnostics);
        return (tokens, [.. diagnostics]);
    }

    /// <summary>Tokenizes <c>[start, end)</c> of the file with absolute spans (used for string interpolations).</summary>
    internal static ImmutableArray<Token> Tokenize(SourceFile file, int start, int end, List<Diagnostic> diagnostics)
    {
        var lexer = new Lexer(file, start, end, diagnostics);
        lexer.Run();
        return [.. lexer._tokens];
    }

    private TextSpan Span(int start, int end) => new(_file, start, end);

    /// <summary>Records an error, up to the per-file cap (damaged input can hold one per character).</summary>
    private void Report(Diagnostic diagnostic)
    {
        if (_diagnostics.Count < ParseDiagnostics.MaxPerFile)
        {
            _diagnostics.Add(diagnostic);
        }
    }

    private char Peek(int offset = 0)
    {
        var index = _position + offset;
        return index < _end ? _text[index] : '\0';
    }

    private void Run()
    {
        while (_position < _end)
        {
            var c = _text[_position];
            switch (c)
            {
                case ' ' or '\t' or '\f':
                    LexWhitespace();
                    continue;
                case '\r' when Peek(1) != '\n':
                    LexWhitespace();
                    continue;
                case '#':
                    LexComment();
                    if (_atLineStart)
                    {
                        _tabs = 0;
                        _spaces = 0;
                    }

                    continue;
                case '\\':
                    LexBackslash();
                    continue;
                case '\n' or '\r':
                    {
                        var start = _position;
                        _position += c == '\r' ? 2 : 1;
                        _tabs = 0;
                        _spaces = 0;
                        _atLineStart = true;
                        _tokens.Add(new Token(TokenKind.Newline, Span(start, _position), TakeTrivia(), NoTrivia));
                        continue;
                    }
            }

            if (_atLineStart)
            {
                _atLineStart = false;
                LexIndentation();
            }

            LexToken();
        }

        if (!_atLineStart)
        {
            _atLineStart = true;
            _tokens.Add(new Token(TokenKind.Newline, Span(_end, _end), NoTrivia, NoTrivia));
        }

        while (_indent.Parent is { } outer)
        {
            _indent = outer;
            _tokens.Add(new Token(TokenKind.Dedent, Span(_end, _end), NoTrivia, NoTrivia));
        }

        // The reference parser makes sure a NEWLINE precedes EOF (also after trailing DEDENTs).
        if (_tokens.Count > 0 && _tokens[^1].Kind != TokenKind.Newline)
        {
            _tokens.Add(new Token(TokenKind.Newline, Span(_end, _end), NoTrivia, NoTrivia));
        }

        _tokens.Add(new Token(TokenKind.EndOfFile, Span(_end, _end), TakeTrivia(), NoTrivia));
    }

    private ImmutableArray<SyntaxTrivia> TakeTrivia()
    {
        if (_trivia.Count == 0)
        {
            return NoTrivia;
        }

        var result = _trivia.Count == 1 ? ImmutableArray.Create(_trivia[0]) : [.. _trivia];
        _trivia.Clear();
        return result;
    }

    private void LexWhitespace()
    {
        var start = _position;
        while (_position < _end)
        {
            var c = _text[_position];
            if (c == ' ')
            {
                _spaces++;
            }
            else if (c == '\t')
            {
                _tabs++;
            }
            else if (c != '\f' && !(c == '\r' && Peek(1) != '\n'))
            {
                break;
            }

            _position++;
        }

        _trivia.Add(new SyntaxTrivia(TriviaKind.Whitespace, Span(start, _position)));
    }

    private void LexComment()
    {
        var start = _position;
        while (_position < _end && _text[_position] != '\n' && _text[_position] != '\r')
        {
            _position++;
        }

        _trivia.Add(new SyntaxTrivia(TriviaKind.Comment, Span(start, _position)));
    }

    private void LexBackslash()
    {
        var start = _position;
        var i = _position + 1;
        while (i < _end && (_text[i] == ' ' || _text[i] == '\t' || _text[i] == '\f'))
        {
            i++;
        }

        if (i < _end && (_text[i] == '\n' || _text[i] == '\r'))
        {
            i += _text[i] == '\r' && i + 1 < _end && _text[i + 1] == '\n' ? 2 : 1;
            _position = i;
            _trivia.Add(new SyntaxTrivia(TriviaKind.LineContinuation, Span(start, _position)));
            return;
        }

        if (i >= _end)
        {
            // A backslash ending the file joins with nothing: accept it like a continuation.
            _position = i;
            _trivia.Add(new SyntaxTrivia(TriviaKind.LineContinuation, Span(start, _position)));
            return;
        }

        _position++;
        Report(ParseDiagnostics.InvalidLineContinuation(Span(start, _position)));
        _trivia.Add(new SyntaxTrivia(TriviaKind.SkippedText, Span(start, _position)));
    }

    /// <summary>Trivia after a token up to the end of its line belongs to the token.</summary>
    private ImmutableArray<SyntaxTrivia> LexTrailingTrivia()
    {
        while (_position < _end)
        {
            var c = _text[_position];
            if (c == ' ' || c == '\t' || c == '\f' || (c == '\r' && Peek(1) != '\n'))
            {
                LexWhitespace();
            }
            else if (c == '#')
            {
                LexComment();
            }
            else if (c == '\\')
            {
                LexBackslash();
            }
            else
            {
                break;
            }
        }

        return TakeTrivia();
    }

    private static int Compare((int Tabs, int Spaces) a, (int Tabs, int Spaces) b, out bool inconsistent)
    {
        inconsistent = false;
        if (a.Tabs < b.Tabs)
        {
            inconsistent = a.Spaces > b.Spaces;
            return -1;
        }

        if (a.Tabs > b.Tabs)
        {
            inconsistent = a.Spaces < b.Spaces;
            return 1;
        }

        return a.Spaces.CompareTo(b.Spaces);
    }

    /// <summary>At the first token of a line: compare its indentation with the stack (the reference's rules).</summary>
    private void LexIndentation()
    {
        var level = (_tabs, _spaces);
        _tabs = 0;
        _spaces = 0;
        var here = Span(_position, _position);
        var order = Compare(level, _indent.Level, out var inconsistent);
        if (inconsistent)
        {
            Report(ParseDiagnostics.InconsistentTabsSpaces(here));
            return;
        }

        if (order > 0)
        {
            _indent = new IndentLevel(level, _indent);
            _tokens.Add(new Token(TokenKind.Indent, here, NoTrivia, NoTrivia));
            return;
        }

        if (order == 0)
        {
            return;
        }

        IndentLevel? lastPopped = null;
        while (true)
        {
            var current = _indent.Level;
            order = Compare(level, current, out inconsistent);
            if (inconsistent)
            {
                Report(ParseDiagnostics.InconsistentTabsSpaces(here));
                break;
            }

            if (order == 0)
            {
                break;
            }

            if (order < 0)
            {
                lastPopped = _indent;
                _tokens.Add(new Token(TokenKind.Dedent, here, NoTrivia, NoTrivia));
                if (_indent.Parent is null)
                {
                    Report(ParseDiagnostics.MismatchedIndentLevel(here));
                    _indent = IndentLevel.Root;
                    break;
                }
                else
                {
                    _indent = _indent.Parent;
                }

                continue;
            }

            // Between two levels: keep the inner level open and emit one dedent carrying the mismatch.
            if (lastPopped is { } popped)
            {
                _indent = popped;
                _tokens.RemoveAt(_tokens.Count - 1);
            }

            _tokens.Add(new Token(TokenKind.Dedent, here, NoTrivia, NoTrivia, dedentMismatch: Math.Max(level.Item2 - current.Spaces, 1)));
            break;
        }
    }

    private void LexToken()
    {
        var start = _position;
        var leading = TakeTrivia();
        var c = _text[_position];
        TokenKind kind;
        var keyword = Keyword.None;

        if (IsIdentifierStart(c) || (c == '$' && IsIdentifierStart(Peek(1))))
        {
            if ((c == 'r' || c == 'R') && (Peek(1) == '"' || Peek(1) == '\''))
            {
                LexString();
                kind = TokenKind.String;
            }
            else
            {
                _position++;
                while (_position < _end && IsIdentifierPart(_text[_position]))
                {
                    _position++;
                }

                kind = TokenKind.Identifier;
                if (c != '$')
                {
                    keyword = KeywordOf(_text.AsSpan(start, _position - start));
                }
            }
        }
        else if (c is >= '0' and <= '9')
        {
            kind = LexNumber(start);
        }
        else if (c == '"' || c == '\'')
        {
            LexString();
            kind = TokenKind.String;
        }
        else
        {
            kind = LexPunctuation(start);
            if (kind == TokenKind.EndOfFile)
            {
                // Not a token: keep the text as skipped trivia for the next token.
                _trivia.InsertRange(0, leading);
                _trivia.Add(new SyntaxTrivia(TriviaKind.SkippedText, Span(start, _position)));
                return;
            }
        }

        var span = Span(start, _position);
        var trailing = LexTrailingTrivia();
        _tokens.Add(new Token(kind, span, leading, trailing, keyword));
    }

    private TokenKind LexPunctuation(int start)
    {
        var c = _text[_position];
        var c1 = Peek(1);
        var c2 = Peek(2);
        var (kind, length) = c switch
        {
            '+' => c1 == '=' ? (TokenKind.PlusAssign, 2) : (TokenKind.Plus, 1),
            '-' => c1 == '=' ? (TokenKind.MinusAssign, 2) : c1 == '>' ? (TokenKind.Arrow, 2) : (TokenKind.Minus, 1),
            '*' => c1 == '*' ? (c2 == '=' ? (TokenKind.StarStarAssign, 3) : (TokenKind.StarStar, 2)) : c1 == '=' ? (TokenKind.StarAssign, 2) : (TokenKind.Star, 1),
            '/' => c1 == '/' ? (c2 == '=' ? (TokenKind.SlashSlashAssign, 3) : (TokenKind.SlashSlash, 2)) : c1 == '=' ? (TokenKind.SlashAssign, 2) : (TokenKind.Slash, 1),
            '%' => c1 == '=' ? (TokenKind.PercentAssign, 2) : (TokenKind.Percent, 1),
            '&' => c1 == '=' ? (TokenKind.AmpersandAssign, 2) : (TokenKind.Ampersand, 1),
            '|' => c1 == '=' ? (TokenKind.PipeAssign, 2) : (TokenKind.Pipe, 1),
            '^' => c1 == '=' ? (TokenKind.CaretAssign, 2) : (TokenKind.Caret, 1),
            '~' => (TokenKind.Tilde, 1),
            '!' => c1 == '=' ? (TokenKind.NotEqual, 2) : (TokenKind.Bang, 1),
            '<' => c1 == '<' ? (c2 == '=' ? (TokenKind.LessLessAssign, 3) : (TokenKind.LessLess, 2)) : c1 == '=' ? (TokenKind.LessEqual, 2) : (TokenKind.Less, 1),
            '>' => c1 == '>' ? (c2 == '=' ? (TokenKind.GreaterGreaterAssign, 3) : (TokenKind.GreaterGreater, 2)) : c1 == '=' ? (TokenKind.GreaterEqual, 2) : (TokenKind.Greater, 1),
            '=' => c1 == '=' ? (TokenKind.EqualEqual, 2) : (TokenKind.Assign, 1),
            '(' => (TokenKind.LeftParen, 1),
            ')' => (TokenKind.RightParen, 1),
            '[' => (TokenKind.LeftBracket, 1),
            ']' => (TokenKind.RightBracket, 1),
            '{' => (TokenKind.LeftBrace, 1),
            '}' => (TokenKind.RightBrace, 1),
            ',' => (TokenKind.Comma, 1),
            ':' => (TokenKind.Colon, 1),
            '.' => c1 == '.' && c2 == '.' ? (TokenKind.Ellipsis, 3) : (TokenKind.Dot, 1),
            '@' => (TokenKind.At, 1),
            '?' => (TokenKind.Question, 1),
            '$' => (TokenKind.Dollar, 1),
            _ => (TokenKind.EndOfFile, 1),
        };

        if (kind == TokenKind.EndOfFile && char.IsHighSurrogate(c) && char.IsLowSurrogate(c1))
        {
            length = 2;
        }

        _position += length;
        var span = Span(start, _position);
        switch (kind)
        {
            case TokenKind.EndOfFile:
                Report(c == ';' ? ParseDiagnostics.UnnecessarySemicolon(span) : ParseDiagnostics.UnknownStartOfToken(span));
                break;
            case TokenKind.Bang:
                Report(ParseDiagnostics.InvalidBang(span));
                break;
            case TokenKind.LeftParen or TokenKind.LeftBracket or TokenKind.LeftBrace:
                _delimiters.Add(kind);
                _indentsAtOpen.Add(_indent);
                break;
            case TokenKind.RightParen or TokenKind.RightBracket or TokenKind.RightBrace:
                CheckClosingDelimiter(kind, span);
                break;
        }

        return kind;
    }

    private void CheckClosingDelimiter(TokenKind kind, TextSpan span)
    {
        var open = kind switch
        {
            TokenKind.RightParen => TokenKind.LeftParen,
            TokenKind.RightBracket => TokenKind.LeftBracket,
            _ => TokenKind.LeftBrace,
        };
        var matched = _delimiters.Count > 0 && _delimiters[^1] == open;
        if (_delimiters.Count > 0)
        {
            _delimiters.RemoveAt(_delimiters.Count - 1);
            _indent = _indentsAtOpen[^1];
            _indentsAtOpen.RemoveAt(_indentsAtOpen.Count - 1);
        }

        if (matched)
        {
            return;
        }

        Report(kind switch
        {
            TokenKind.RightParen => ParseDiagnostics.ErrorNestingOnCloseParen(span),
            TokenKind.RightBrace => ParseDiagnostics.ErrorNestingOnCloseBrace(span),
            _ => ParseDiagnostics.MismatchedClosingDelimiter(span),
        });
    }

    private void LexString()
    {
        if (_text[_position] is 'r' or 'R')
        {
            _position++;
        }

        var quoteStart = _position;
        var quote = _text[_position];
        var triple = Peek(1) == quote && Peek(2) == quote;
        _position += triple ? 3 : 1;
        while (_position < _end)
        {
            var c = _text[_position];
            if (c == '\\')
            {
                _position = Math.Min(_position + 2, _end);
                continue;
            }

            if (c == quote)
            {
                if (!triple)
                {
                    _position++;
                    return;
                }

                if (Peek(1) == quote && Peek(2) == quote)
                {
                    _position += 3;
                    return;
                }
            }
            else if (!triple && (c == '\n' || c == '\r'))
            {
                break;
            }

            _position++;
        }

        Report(ParseDiagnostics.UnterminatedString(Span(quoteStart, _position)));
    }

    private TokenKind LexNumber(int start)
    {
        var isFloat = false;
        var numberBase = 10;
        if (_text[_position] == '0' && Peek(1) is 'x' or 'X' or 'o' or 'O' or 'b' or 'B')
        {
            numberBase = Peek(1) switch
            {
                'x' or 'X' => 16,
                'o' or 'O' => 8,
                _ => 2,
            };
            _position += 2;
            var digitsStart = _position;
            while (_position < _end && (char.IsAsciiDigit(_text[_position]) || _text[_position] == '_' || (numberBase == 16 && char.IsAsciiHexDigit(_text[_position]))))
            {
                _position++;
            }

            if (_position == digitsStart)
            {
                Report(ParseDiagnostics.NoValidDigits(Span(start, _position)));
            }
            else
            {
                for (var i = digitsStart; i < _position; i++)
                {
                    var d = _text[i];
                    if (d != '_' && HexValue(d) >= numberBase)
                    {
                        Report(ParseDiagnostics.InvalidDigit(Span(i, _position), numberBase));
                        break;
                    }
                }
            }
        }
        else
        {
            SkipDigits();
            if (Peek() == '.' && char.IsAsciiDigit(Peek(1)))
            {
                isFloat = true;
                _position++;
                SkipDigits();
            }
            else if (Peek() == '.' && Peek(1) != '.' && !IsIdentifierStart(Peek(1)))
            {
                isFloat = true;
                _position++;
            }

            if (Peek() is 'e' or 'E' && (char.IsAsciiDigit(Peek(1)) || (Peek(1) is '+' or '-' && char.IsAsciiDigit(Peek(2)))))
            {
                isFloat = true;
                _position += Peek(1) is '+' or '-' ? 2 : 1;
                SkipDigits();
            }
        }

        // A unit suffix (or garbage) directly after the digits.
        if (_position < _end && IsIdentifierStart(_text[_position]))
        {
            var suffixStart = _position;
            while (_position < _end && IsIdentifierPart(_text[_position]))
            {
                _position++;
            }

            if (!isFloat && !NumberLiterals.IsValidSuffix(_text.AsSpan(suffixStart, _position - suffixStart)))
            {
                Report(ParseDiagnostics.InvalidIntSuffix(Span(start, _position)));
            }
        }

        return isFloat ? TokenKind.Float : TokenKind.Int;
    }

    private void SkipDigits()
    {
        while (_position < _end && (char.IsAsciiDigit(_text[_position]) || (_text[_position] == '_' && char.IsAsciiDigit(Peek(1)))))
        {
            _position++;
        }
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => 99,
    };

    internal static bool IsIdentifierStart(char c) => c == '_' || char.IsAsciiLetter(c) || (c > 127 && char.IsLetter(c));

    internal static bool IsIdentifierPart(char c) => c == '_' || char.IsAsciiLetterOrDigit(c) || (c > 127 && char.IsLetterOrDigit(c));

    private static Keyword KeywordOf(ReadOnlySpan<char> text) => text switch
    {
        "True" => Keyword.True,
        "False" => Keyword.False,
        "None" => Keyword.NoneValue,
        "Undefined" => Keyword.Undefined,
        "import" => Keyword.Import,
        "as" => Keyword.As,
        "and" => Keyword.And,
        "or" => Keyword.Or,
        "in" => Keyword.In,
        "is" => Keyword.Is,
        "not" => Keyword.Not,
        "if" => Keyword.If,
        "elif" => Keyword.Elif,
        "else" => Keyword.Else,
        "for" => Keyword.For,
        "schema" => Keyword.Schema,
        "mixin" => Keyword.Mixin,
        "protocol" => Keyword.Protocol,
        "check" => Keyword.Check,
        "assert" => Keyword.Assert,
        "all" => Keyword.All,
        "any" => Keyword.Any,
        "map" => Keyword.Map,
        "filter" => Keyword.Filter,
        "lambda" => Keyword.Lambda,
        "rule" => Keyword.Rule,
        "type" => Keyword.Type,
        _ => Keyword.None,
    };

    /// <summary>One level of the indentation stack, as an immutable chain so a bracket can save and restore it for free.</summary>
    private sealed class IndentLevel((int Tabs, int Spaces) level, IndentLevel? parent)
    {
        public static readonly IndentLevel Root = new((0, 0), null);

        public (int Tabs, int Spaces) Level { get; } = level;

        public IndentLevel? Parent { get; } = parent;
    }
}
