using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Parsing;

/// <summary>
/// Hand-written recursive-descent parser for KCL. It follows the structure of the reference parser
/// (kclvm) closely, including where it reports errors and how it recovers, so that syntax errors match
/// the reference's messages and positions. It never throws on bad input: unreadable parts become
/// <see cref="BadExpression"/> nodes or are skipped, with a diagnostic, and every loop makes progress.
/// Split over several files by grammar area (statements, schemas, expressions, types, strings).
/// </summary>
internal sealed partial class Parser
{
    // Nesting deeper than this is reported instead of risking the stack.
    private const int MaxDepth = 200;

    private readonly SourceFile _file;
    private readonly ImmutableArray<Token> _tokens;
    private readonly List<Diagnostic> _diagnostics;
    private int _index;
    private Token _token;
    private Token _prev;
    private int _depth;

    public Parser(SourceFile file, ImmutableArray<Token> tokens, List<Diagnostic> diagnostics, int depth)
    {
        _file = file;
        _tokens = tokens;
        _diagnostics = diagnostics;
        _token = tokens[0];
        _prev = tokens[0];
        _depth = depth;
    }

    // ---- Cursor ----

    private void Bump()
    {
        _prev = _token;
        if (_index < _tokens.Length - 1)
        {
            _index++;
        }

        _token = _tokens[_index];
    }

    private Token PeekToken(int offset = 1) => _tokens[Math.Min(_index + offset, _tokens.Length - 1)];

    private bool At(TokenKind kind) => _token.Kind == kind;

    private bool At(Keyword keyword) => _token.Is(keyword);

    private int Mark() => _index;

    /// <summary>The reference's progress guard: when a loop iteration consumed nothing, report and skip one token.</summary>
    private bool Drop(int marker)
    {
        if (marker != _index)
        {
            return false;
        }

        Report(ParseDiagnostics.ExpectedExpression(Where(_token), _token));
        Bump();
        return true;
    }

    private void Report(Diagnostic diagnostic)
    {
        if (_diagnostics.Count < ParseDiagnostics.MaxPerFile)
        {
            _diagnostics.Add(diagnostic);
        }
    }

    private void ReportExpected(params string[] expected) => Report(ParseDiagnostics.ExpectedOneOf(Where(_token), _token, expected));

    /// <summary>The reference reports an error at a line break one column to the left (at the line's last character).</summary>
    private TextSpan Where(Token token)
    {
        if (token.Kind == TokenKind.Newline && token.Span.Start > 0)
        {
            var before = _file.Text[token.Span.Start - 1];
            if (before != '\n' && before != '\r')
            {
                return new TextSpan(_file, token.Span.Start - 1, token.Span.Start);
            }
        }

        return token.Span;
    }

    private void BumpToken(TokenKind kind)
    {
        if (_token.Kind != kind)
        {
            ReportExpected(Describe(kind));
        }

        Bump();
    }

    private void BumpKeyword(Keyword keyword)
    {
        if (!_token.Is(keyword))
        {
            ReportExpected(KeywordText(keyword));
        }

        Bump();
    }

    private void SkipNewlines()
    {
        while (_token.Kind == TokenKind.Newline)
        {
            Bump();
        }
    }

    private void CleanAllIndentations()
    {
        while (_token.Kind is TokenKind.Indent or TokenKind.Dedent)
        {
            Bump();
        }
    }

    private void CleanAllDedents()
    {
        while (_token.Kind == TokenKind.Dedent)
        {
            Bump();
        }
    }

    /// <summary>Line breaks and indentation inside parentheses do not matter.</summary>
    private void SkipLayout()
    {
        while (_token.Kind is TokenKind.Newline or TokenKind.Indent or TokenKind.Dedent)
        {
            Bump();
        }
    }

    /// <summary>A dedent that lands between indentation levels is an error; report it and move on.</summary>
    private void ValidateDedent()
    {
        if (_token.Kind == TokenKind.Dedent && _token.DedentMismatch != 0)
        {
            Report(ParseDiagnostics.InvalidIndentation(_token));
            Bump();
        }
    }

    /// <summary>The span from the start of <paramref name="start"/> to the end of the last consumed token.</summary>
    private TextSpan SpanFrom(Token start) => SpanFrom(start.Span.Start);

    private TextSpan SpanFrom(int start)
    {
        var end = _prev.Span.End;
        return new TextSpan(_file, start, end < start ? start : end);
    }

    private TextSpan SpanBetween(SyntaxNode first, SyntaxNode last) => new(_file, first.Span.Start, Math.Max(first.Span.Start, last.Span.End));

    private TextSpan EmptySpanAt(Token token) => new(_file, token.Span.Start, token.Span.Start);

    private BadExpression MissingExpression() => new(EmptySpanAt(_token));

    /// <summary>Enters one level of nesting; false (after reporting and skipping the rest of the nested group) when too deep.</summary>
    private bool EnterNesting()
    {
        _depth++;
        if (_depth <= MaxDepth && RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            return true;
        }

        _depth--;
        Report(ParseDiagnostics.NestingTooDeep(_token.Span));
        SkipNestedGroup();
        return false;
    }

    private void ExitNesting() => _depth--;

    private void SkipNestedGroup()
    {
        var depth = 0;
        while (_token.Kind != TokenKind.EndOfFile)
        {
            var kind = _token.Kind;
            if (depth == 0 && kind is TokenKind.Newline or TokenKind.RightParen or TokenKind.RightBracket or TokenKind.RightBrace)
            {
                break;
            }

            if (kind is TokenKind.LeftParen or TokenKind.LeftBracket or TokenKind.LeftBrace)
            {
                depth++;
            }
            else if (kind is TokenKind.RightParen or TokenKind.RightBracket or TokenKind.RightBrace)
            {
                depth--;
            }

            Bump();
        }
    }

    private static string Name(Token token)
    {
        var text = token.Text;
        return text.Length > 0 && text[0] == '$' ? text[1..] : text;
    }

    private static string KeywordText(Keyword keyword) => keyword switch
    {
        Keyword.NoneValue => "None",
        Keyword.True or Keyword.False or Keyword.Undefined => keyword.ToString(),
        _ => keyword.ToString().ToLowerInvariant(),
    };

    private static string Describe(TokenKind kind) => kind switch
    {
        TokenKind.EndOfFile => "eof",
        TokenKind.Newline => "newline",
        TokenKind.Indent => "indent",
        TokenKind.Dedent => "dedent",
        TokenKind.Identifier => "identifier",
        TokenKind.Int => "integer",
        TokenKind.Float => "float",
        TokenKind.String => "string",
        TokenKind.Plus => "+",
        TokenKind.Minus => "-",
        TokenKind.Star => "*",
        TokenKind.StarStar => "**",
        TokenKind.Slash => "/",
        TokenKind.SlashSlash => "//",
        TokenKind.Percent => "%",
        TokenKind.Ampersand => "&",
        TokenKind.Pipe => "|",
        TokenKind.Caret => "^",
        TokenKind.Tilde => "~",
        TokenKind.Bang => "not",
        TokenKind.LessLess => "<<",
        TokenKind.GreaterGreater => ">>",
        TokenKind.Less => "<",
        TokenKind.LessEqual => "<=",
        TokenKind.Greater => ">",
        TokenKind.GreaterEqual => ">=",
        TokenKind.EqualEqual => "==",
        TokenKind.NotEqual => "!=",
        TokenKind.Assign => "=",
        TokenKind.PlusAssign => "+=",
        TokenKind.MinusAssign => "-=",
        TokenKind.StarAssign => "*=",
        TokenKind.StarStarAssign => "**=",
        TokenKind.SlashAssign => "/=",
        TokenKind.SlashSlashAssign => "//=",
        TokenKind.PercentAssign => "%=",
        TokenKind.AmpersandAssign => "&=",
        TokenKind.PipeAssign => "|=",
        TokenKind.CaretAssign => "^=",
        TokenKind.LessLessAssign => "<<=",
        TokenKind.GreaterGreaterAssign => ">>=",
        TokenKind.LeftParen => "(",
        TokenKind.RightParen => ")",
        TokenKind.LeftBracket => "[",
        TokenKind.RightBracket => "]",
        TokenKind.LeftBrace => "{",
        TokenKind.RightBrace => "}",
        TokenKind.Comma => ",",
        TokenKind.Colon => ":",
        TokenKind.Dot => ".",
        TokenKind.Ellipsis => "...",
        TokenKind.Arrow => "->",
        TokenKind.At => "@",
        TokenKind.Question => "?",
        TokenKind.Dollar => "$",
        _ => kind.ToString(),
    };

    // ---- Module ----

    public ModuleSyntax ParseModule()
    {
        var docstring = ParseDocstring();
        var body = ImmutableArray.CreateBuilder<Statement>();
        while (true)
        {
            SkipNewlines();
            if (At(TokenKind.EndOfFile))
            {
                break;
            }

            var statement = ParseStatement();
            if (statement is not null)
            {
                body.Add(statement);
            }
            else
            {
                Bump();
            }
        }

        return new ModuleSyntax(new TextSpan(_file, 0, _file.Text.Length), _file, docstring, body.ToImmutable());
    }

    /// <summary>A leading triple-quoted string is the module's (or schema's) docstring.</summary>
    private string? ParseDocstring()
    {
        if (!At(TokenKind.String))
        {
            return null;
        }

        var layout = StringLiterals.Analyze(_file.Text, _token.Span.Start, _token.Span.End);
        if (!layout.IsLong)
        {
            return null;
        }

        var value = DecodeStringValue(_token, layout);
        Bump();
        SkipNewlines();
        return value;
    }
}
