namespace Konfig.Rewrite.Overrides;

/// <summary>
/// Edits on one text, applied together. Inserts at the same offset keep the order they were added in;
/// overlapping deletions (neighbouring entries removed with their separators) merge into one.
/// Any other overlap is a bug in the caller and throws.
/// </summary>
internal sealed class EditList
{
    private readonly List<TextEdit> _edits = [];

    public void Replace(int start, int end, string newText) => _edits.Add(new TextEdit(start, end - start, newText));

    public void Insert(int offset, string text) => _edits.Add(new TextEdit(offset, 0, text));

    public void Delete(int start, int end) => Replace(start, end, string.Empty);

    /// <summary>The edits ordered by position, deletions merged; what <see cref="Apply"/> applies.</summary>
    public IReadOnlyList<TextEdit> Normalized()
    {
        var ordered = _edits
            .Select((edit, index) => (Edit: edit, Index: index))
            .OrderBy(item => item.Edit.Start)
            .ThenBy(item => item.Edit.Length)
            .ThenBy(item => item.Index)
            .Select(item => item.Edit);
        var result = new List<TextEdit>();
        foreach (var edit in ordered)
        {
            if (result.Count > 0 && result[^1] is var previous && edit.Start < previous.End)
            {
                if (previous.NewText.Length > 0 || edit.NewText.Length > 0)
                {
                    throw new InvalidOperationException($"Overlapping edits at {previous.Start} and {edit.Start}.");
                }

                result[^1] = new TextEdit(previous.Start, Math.Max(previous.End, edit.End) - previous.Start, string.Empty);
                continue;
            }

            result.Add(edit);
        }

        return result;
    }

    public static string Apply(string text, IReadOnlyList<TextEdit> normalized)
    {
        var builder = new System.Text.StringBuilder(text.Length + normalized.Sum(edit => edit.NewText.Length));
        var position = 0;
        foreach (var edit in normalized)
        {
            builder.Append(text, position, edit.Start - position).Append(edit.NewText);
            position = edit.End;
        }

        return builder.Append(text, position, text.Length - position).ToString();
    }
}
