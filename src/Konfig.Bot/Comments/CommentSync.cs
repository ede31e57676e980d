namespace Konfig.Bot.Comments;

/// <summary>A comment already on the pull request.</summary>
public sealed record ExistingComment(long Id, string Body);

/// <summary>One change to bring the pull request's preview comments up to date.</summary>
public abstract record CommentOperation;

public sealed record UpdateComment(long Id, string Body) : CommentOperation;

public sealed record CreateComment(string Body) : CommentOperation;

public sealed record DeleteComment(long Id) : CommentOperation;

/// <summary>
/// Keeps the preview sticky: the bot's existing preview comments (found by their marker) are edited in
/// place, part by part, in the order of their part numbers; parts beyond them are created, comments beyond
/// the new parts deleted; a comment whose body is already right is left alone.
/// </summary>
public static class CommentSync
{
    /// <param name="existing">The bot's own comments on the pull request (filter by author first: anyone can paste a marker); others are skipped.</param>
    /// <param name="bodies">The new bodies (<see cref="PreviewComment.Render"/>).</param>
    public static IReadOnlyList<CommentOperation> Plan(IReadOnlyList<ExistingComment> existing, IReadOnlyList<string> bodies)
    {
        var previews = existing
            .Select(c => (Comment: c, IsPreview: PreviewComment.TryParseMarker(c.Body, out var part, out _), Part: part))
            .Where(c => c.IsPreview)
            .OrderBy(c => c.Part).ThenBy(c => c.Comment.Id)
            .Select(c => c.Comment)
            .ToList();

        var operations = new List<CommentOperation>();
        for (var i = 0; i < bodies.Count; i++)
        {
            if (i >= previews.Count)
            {
                operations.Add(new CreateComment(bodies[i]));
            }
            else if (previews[i].Body != bodies[i])
            {
                operations.Add(new UpdateComment(previews[i].Id, bodies[i]));
            }
        }

        operations.AddRange(previews.Skip(bodies.Count).Select(c => new DeleteComment(c.Id)));
        return operations;
    }
}
