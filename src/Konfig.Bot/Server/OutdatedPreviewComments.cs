using Konfig.Bot.Comments;
using Konfig.Bot.GitHub;
using Konfig.Bot.Pipeline;

namespace Konfig.Bot.Server;

/// <summary>
/// Says on a pull request's preview comment that a merge into its base branch made the preview outdated. The note
/// goes right after the marker, which stays first so that the next preview finds the comment and replaces it.
/// </summary>
public static class OutdatedPreviewComments
{
    private const string NotePrefix = "> **Outdated:**";

    /// <summary>The comment's body with the note for <paramref name="mergeSha"/> (replacing an earlier merge's note).</summary>
    public static string MarkOutdated(string body, string mergeSha)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(mergeSha);
        var newline = body.IndexOf('\n', StringComparison.Ordinal);
        var marker = newline < 0 ? body : body[..newline];
        var rest = newline < 0 ? "" : body[(newline + 1)..];
        if (rest.StartsWith(NotePrefix, StringComparison.Ordinal))
        {
            var end = rest.IndexOf("\n\n", StringComparison.Ordinal);
            rest = end < 0 ? "" : rest[(end + 2)..];
        }

        var sha = mergeSha[..Math.Min(7, mergeSha.Length)];
        return $"{marker}\n{NotePrefix} this preview is outdated since the merge of {sha} changed these stacks on the base branch. "
            + $"A new push or `/konfig preview` refreshes it.\n\n{rest}";
    }

    /// <summary>
    /// Adds the note to the first part of the pull request's preview comment; false when it has none, or the note
    /// would take it over GitHub's limit (it is left as it is).
    /// </summary>
    public static async Task<bool> MarkAsync(IGitHubApi github, string repository, int pullRequest, string mergeSha, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(github);
        var (owner, name) = RepositoryName.Split(repository);
        var comments = await github.ListIssueCommentsAsync(owner, name, pullRequest, cancellationToken).ConfigureAwait(false);
        var first = comments.FirstOrDefault(comment => PreviewComment.TryParseMarker(comment.Body, out var part, out _) && part == 1);
        if (first is null)
        {
            return false;
        }

        var body = MarkOutdated(first.Body, mergeSha);
        if (body.Length > PreviewComment.MaxLength)
        {
            return false;
        }

        await github.UpdateIssueCommentAsync(owner, name, first.Id, body, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
