using System.Collections.Immutable;
using Konfig.Kcl.Parsing;

namespace Konfig.Kcl.Formatting;

/// <summary>
/// The file's comments in source order, consumed front to back as the printer reaches the nodes they
/// precede (the reference printer attaches comments by line, not to nodes).
/// </summary>
internal sealed class CommentQueue
{
    /// <summary>A queue with no comments (for printing nodes outside a file).</summary>
    public static CommentQueue None() => new([]);

    private readonly ImmutableArray<PendingComment> _comments;
    private int _next;

    private CommentQueue(ImmutableArray<PendingComment> comments) => _comments = comments;

    public static CommentQueue FromTokens(ImmutableArray<Token> tokens)
    {
        var comments = ImmutableArray.CreateBuilder<PendingComment>();
        foreach (var token in tokens)
        {
            Collect(token.LeadingTrivia, comments);
            Collect(token.TrailingTrivia, comments);
        }

        return new CommentQueue(comments.ToImmutable());
    }

    public bool IsEmpty => _next >= _comments.Length;

    /// <summary>The next comment; only valid when <see cref="IsEmpty"/> is false.</summary>
    public PendingComment Peek => _comments[_next];

    /// <summary>The comment after the next one, if any.</summary>
    public PendingComment? PeekSecond => _next + 1 < _comments.Length ? _comments[_next + 1] : null;

    public PendingComment Pop() => _comments[_next++];

    /// <summary>Where the queue is, so a trial print (measuring a layout) can put back what it consumed.</summary>
    public int Position
    {
        get => _next;
        set => _next = value;
    }

    private static void Collect(ImmutableArray<SyntaxTrivia> trivia, ImmutableArray<PendingComment>.Builder into)
    {
        foreach (var item in trivia)
        {
            if (item.Kind == TriviaKind.Comment)
            {
                into.Add(new PendingComment(item.Span.StartPosition.Line, item.Text));
            }
        }
    }
}

/// <summary>A comment's 1-based line and its text from <c>#</c> to the end of the line.</summary>
internal readonly record struct PendingComment(int Line, string Text);
