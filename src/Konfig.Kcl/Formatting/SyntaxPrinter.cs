using System.Collections.Immutable;
using System.Text;
using Konfig.Kcl.Syntax;
using Konfig.Kcl.Text;

namespace Konfig.Kcl.Formatting;

/// <summary>
/// Prints a syntax tree in the layout of the reference KCL printer (kcl-lang/kcl <c>ast_pretty</c>). Its
/// layout decisions depend on source lines: a collection stays on one line when all its items start on the
/// line being printed, blank lines between statements are kept (at most one), and comments are emitted
/// before the first node that starts on or after their line. The printing methods live in partial files by
/// node kind; this file holds the output buffer, indentation and comment placement.
/// </summary>
internal sealed partial class SyntaxPrinter
{
    private const int RecommendedLineLength = 80;

    private readonly string _indentUnit;
    private readonly CommentQueue _comments;
    private readonly SourceTokens? _tokens;
    private readonly List<StringBuilder> _buffers = [new StringBuilder()];
    private readonly Stack<int> _expressionEndLines = new();
    private StringBuilder _out;
    private int _indent;

    // The highest source line of any node printed so far (0: none); drives the one-line decisions.
    private int _lastLine;

    public SyntaxPrinter(FormatOptions options, CommentQueue comments, SourceTokens? tokens, int indentLevel = 0, int lastLine = 0)
    {
        _lastLine = lastLine;
        _indentUnit = options.IndentUnit;
        _comments = comments;
        _tokens = tokens;
        _indent = indentLevel;
        _out = _buffers[0];
    }

    public string PrintModule(ModuleSyntax module)
    {
        var body = module.Body;
        if ((module.Docstring is not null || LeadingStringIsDocstring(body)) && _tokens?.ModuleDocstring() is { } doc)
        {
            Write(doc);
            NewLine();
            NewLine();
            if (module.Docstring is null)
            {
                body = body.RemoveAt(0);
            }
        }

        Statements(body);
        while (!_comments.IsEmpty)
        {
            WriteLine(_comments.Pop().Text);
            Fill();
        }

        // Exactly one line break at the end of a non-empty file.
        var text = _out;
        var end = text.Length;
        while (end > 0 && text[end - 1] == '\n')
        {
            end--;
        }

        return end == 0 ? string.Empty : text.ToString(0, end) + "\n";
    }

    /// <summary>
    /// Whether the file opens with a triple-quoted string statement that the parser did not take as the docstring
    /// (it does not when blank lines precede it; the reference does). Printed at the top, it becomes the
    /// docstring on the next run, so it is laid out as one now and the second run changes nothing.
    /// </summary>
    private bool LeadingStringIsDocstring(ImmutableArray<Statement> body) =>
        body is [ExpressionStatement { Expressions: [StringLiteral { IsLong: true } or JoinedString { IsLong: true }] } first, ..]
        && _tokens?.FirstSignificantAtOrAfter(0) is { } token && token.Span.Start == first.Span.Start;

    public string PrintExpression(Expression expression)
    {
        Expr(expression);
        return _out.ToString();
    }

    public string PrintStatement(Statement statement)
    {
        Statement(statement);
        var end = _out.Length;
        while (end > 0 && _out[end - 1] == '\n')
        {
            end--;
        }

        return _out.ToString(0, end);
    }

    public string PrintConfigItem(ConfigItem item)
    {
        Entry(item);
        return _out.ToString();
    }

    // ---- Output ----

    private void Write(string text) => _out.Append(text);

    private void Write(char c) => _out.Append(c);

    private void Fill()
    {
        for (var i = 0; i < _indent; i++)
        {
            _out.Append(_indentUnit);
        }
    }

    /// <summary>Text, a line break and the next line's indentation.</summary>
    private void WriteLine(string text)
    {
        _out.Append(text).Append('\n');
        Fill();
    }

    /// <summary>A line break followed by the indentation.</summary>
    private void NewLine() => WriteLine(string.Empty);

    private void NewLineWithoutFill() => _out.Append('\n');

    private void PushBuffer()
    {
        _out = new StringBuilder();
        _buffers.Add(_out);
    }

    private string PopBuffer()
    {
        var text = _out.ToString();
        _buffers.RemoveAt(_buffers.Count - 1);
        _out = _buffers[^1];
        return text;
    }

    // ---- Lines ----

    private static int Line(SyntaxNode node) => Line(node.Span);

    private static int Line(TextSpan span) => span.File is null ? 0 : span.StartPosition.Line;

    private static int EndLine(TextSpan span) => span.File is null ? 0 : span.EndPosition.Line;

    private void SeeLine(int line)
    {
        if (line > _lastLine)
        {
            _lastLine = line;
        }
    }

    // ---- Comments ----

    /// <summary>Whether a comment waits to be printed on or before <paramref name="line"/>.</summary>
    private bool HasCommentsBefore(int line) => !_comments.IsEmpty && _comments.Peek.Line <= line;

    /// <summary>How many waiting comments are on or before <paramref name="line"/> (stops counting at 2).</summary>
    private int CommentCountBefore(int line)
    {
        if (!HasCommentsBefore(line))
        {
            return 0;
        }

        return _comments.PeekSecond is { } second && second.Line <= line ? 2 : 1;
    }

    /// <summary>
    /// Prints the comments up to the node's line, each on its own line, when the node is the first to start on
    /// a new line (comments are never printed in the middle of a line). A blank line between two comments is kept.
    /// </summary>
    private void CommentsBefore(int line)
    {
        if (line <= _lastLine)
        {
            return;
        }

        _lastLine = line;
        while (HasCommentsBefore(line))
        {
            var comment = _comments.Pop();
            WriteLine(comment.Text);
            if (HasCommentsBefore(line) && _comments.Peek.Line >= comment.Line + 2)
            {
                NewLine();
            }
        }
    }

    /// <summary>
    /// Prints the comments left inside a multi-line collection before its closing bracket (those up to
    /// <paramref name="line"/>), one per line after the last item.
    /// </summary>
    private void CommentsUntil(int line)
    {
        if (line <= 0)
        {
            return;
        }

        var written = 0;
        while (!_comments.IsEmpty && _comments.Peek.Line <= line)
        {
            var comment = _comments.Pop();
            if (written == 0 && !EndsWithNewline())
            {
                NewLineWithoutFill();
            }

            Fill();
            Write(comment.Text);
            NewLineWithoutFill();
            if (!_comments.IsEmpty && _comments.Peek.Line >= comment.Line + 2 && _comments.Peek.Line <= line)
            {
                NewLineWithoutFill();
            }

            SeeLine(comment.Line);
            written++;
        }

        if (written > 0 && EndsWithNewline())
        {
            _out.Length--;
        }
    }

    private bool EndsWithNewline() => _out.Length > 0 && _out[^1] == '\n';
}
