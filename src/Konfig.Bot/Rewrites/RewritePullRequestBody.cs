using System.Globalization;
using System.Text;
using Konfig.Rewrite.Bulk;
using Konfig.Rewrite.Preview;

namespace Konfig.Bot.Rewrites;

/// <summary>
/// The pull request of a rewrite, as Markdown: what it does, one table row per stack (its files and the lines
/// added and removed), the preview of each stack's spec when the rewrite has one (a <c>&lt;details&gt;</c> block per
/// stack), then the diffs of the rewritten entry files folded in a <c>&lt;details&gt;</c> block.
/// Rows, previews and diffs stop at a budget (with "and N more"), so the body stays well below GitHub's 65,536
/// characters however many stacks change.
/// </summary>
public static class RewritePullRequestBody
{
    public const string Marker = "<!-- konfig:rewrite -->";

    public const int MaxLength = 60_000;

    private const int RowsListed = 200;

    /// <summary>Previews stop here, so half the body is left for the diffs.</summary>
    private const int PreviewBudget = MaxLength / 2;

    public static string Title(BulkRewriteResult rewrite)
    {
        ArgumentNullException.ThrowIfNull(rewrite);
        var description = rewrite.Description.ReplaceLineEndings(" ");
        var title = $"konfig rewrite: {description}";
        return title.Length > 120 ? title[..119] + "…" : title;
    }

    /// <param name="root">The folder paths are shown relative to (the repository root).</param>
    /// <param name="baseSha">The commit the rewrite starts from, named so a rebuilt branch shows in the body.</param>
    public static string Create(BulkRewriteResult rewrite, string root, string? baseSha = null)
    {
        ArgumentNullException.ThrowIfNull(rewrite);
        ArgumentNullException.ThrowIfNull(root);
        var stacks = rewrite.TouchedStacks;
        var body = new StringBuilder(Marker).Append('\n');
        body.Append("Bulk rewrite by `konfig rewrite`:\n\n```\n").Append(rewrite.Description.Replace("```", "'''", StringComparison.Ordinal)).Append("\n```\n\n");
        body.Append(CultureInfo.InvariantCulture, $"**{stacks.Count} {(stacks.Count == 1 ? "stack" : "stacks")}** rewritten; each compiles");
        body.Append(rewrite.Changes.Any(c => c.Kind == FileChangeKind.Golden) ? " and its golden follows" : string.Empty);
        body.Append(baseSha is { Length: >= 7 } ? $" (on {baseSha[..7]}).\n\n" : ".\n\n");
        body.Append("| stack | files | lines |\n|---|---|---:|\n");
        foreach (var stack in stacks.Take(RowsListed))
        {
            var changes = rewrite.ChangesOf(stack).ToList();
            var files = string.Join(", ", changes.Select(c => $"`{Path.GetRelativePath(stack.Directory, c.FullPath).Replace('\\', '/')}`"));
            var (added, removed) = changes.Where(c => c.Kind == FileChangeKind.Source)
                .Select(c => c.LineCounts()).Aggregate((0, 0), (sum, c) => (sum.Item1 + c.Added, sum.Item2 + c.Removed));
            body.Append(CultureInfo.InvariantCulture, $"| `{stack.Path}` | {files} | +{added} −{removed} |\n");
        }

        if (stacks.Count > RowsListed)
        {
            body.Append(CultureInfo.InvariantCulture, $"| and {stacks.Count - RowsListed} more | | |\n");
        }

        AppendNotes(body, rewrite.Notes);
        AppendPreviews(body, rewrite.Previews);
        AppendDiffs(body, rewrite, root);
        return body.ToString();
    }

    /// <summary>The stacks a spec left alone (they lack its variable), so a reviewer sees what the rewrite did not reach.</summary>
    private static void AppendNotes(StringBuilder body, IReadOnlyList<RewriteNote> notes)
    {
        if (notes.Count == 0)
        {
            return;
        }

        body.Append("\n**Left alone:**\n\n");
        foreach (var note in notes.Take(RowsListed))
        {
            body.Append("- `").Append(note.StackPath).Append("`: ").Append(note.Message.Replace("`", "'", StringComparison.Ordinal)).Append('\n');
        }

        if (notes.Count > RowsListed)
        {
            body.Append(CultureInfo.InvariantCulture, $"- and {notes.Count - RowsListed} more\n");
        }
    }

    private static void AppendPreviews(StringBuilder body, IReadOnlyList<StackPreview> previews)
    {
        if (previews.Count == 0)
        {
            return;
        }

        body.Append("\n**Preview** of each stack's spec (old: its golden, or the stack compiled before the rewrite):\n\n");
        var shown = 0;
        foreach (var preview in previews)
        {
            var section = PreviewSection(preview);
            if (body.Length + section.Length > PreviewBudget)
            {
                break;
            }

            body.Append(section);
            shown++;
        }

        if (shown < previews.Count)
        {
            body.Append(CultureInfo.InvariantCulture, $"\nand {previews.Count - shown} more stacks (`konfig rewrite --dry-run` shows every preview)\n");
        }
    }

    private static string PreviewSection(StackPreview preview)
    {
        var section = new StringBuilder("<details><summary><code>").Append(preview.StackPath).Append("</code>: ")
            .Append(preview.Error ?? preview.Summary).Append("</summary>\n\n");
        foreach (var resource in preview.Resources)
        {
            section.Append(CultureInfo.InvariantCulture, $"- {Sign(resource.Action)} {Code(resource.Name)}\n");
            foreach (var field in resource.Fields)
            {
                section.Append(CultureInfo.InvariantCulture, $"  - {Code(field.Path)}: {Code(field.Old)} → {Code(field.New)}\n");
            }

            if (resource.MoreFields > 0)
            {
                section.Append(CultureInfo.InvariantCulture, $"  - and {resource.MoreFields} more fields\n");
            }
        }

        if (preview.Error is null && preview.Resources.Count == 0)
        {
            section.Append("No resource changes.\n");
        }

        return section.Append("\n</details>\n").ToString();
    }

    private static string Sign(ResourcePreviewAction action) => action switch
    {
        ResourcePreviewAction.Add => "add",
        ResourcePreviewAction.Delete => "delete",
        _ => "change",
    };

    /// <summary>An inline code span; a backtick inside would end it, so it becomes a quote.</summary>
    private static string Code(string text) => $"`{text.Replace('`', '\'')}`";

    private static void AppendDiffs(StringBuilder body, BulkRewriteResult rewrite, string root)
    {
        const string close = "```\n\n</details>\n";
        var sources = rewrite.Changes.Where(c => c.Kind == FileChangeKind.Source).ToList();
        body.Append("\n<details><summary>Diffs of the rewritten files</summary>\n\n```diff\n");
        var shown = 0;
        foreach (var change in sources)
        {
            var diff = change.Diff(root).Replace("```", "'''", StringComparison.Ordinal);
            if (body.Length + diff.Length + close.Length + 100 > MaxLength)
            {
                break;
            }

            body.Append(diff);
            shown++;
        }

        body.Append(close);
        if (shown < sources.Count)
        {
            body.Append(CultureInfo.InvariantCulture, $"\n{sources.Count - shown} more rewritten files are not shown here; see the commit.\n");
        }
    }
}
