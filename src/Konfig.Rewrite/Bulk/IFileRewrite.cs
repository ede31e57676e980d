using System.Collections.Immutable;
using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Text;

namespace Konfig.Rewrite.Bulk;

/// <summary>
/// The seam between a bulk rewrite and what it does to one file: given a stack's entry file, its new text.
/// Implementations must be safe to call from several threads at once (stacks are rewritten in parallel)
/// and must not touch the disk: the bulk rewrite decides what is written, and when.
/// </summary>
public interface IFileRewrite
{
    /// <summary>What the rewrite does, in a few words (e.g. its override specs): it names the branch and the commit.</summary>
    string Description { get; }

    FileRewriteResult Rewrite(SourceFile file);
}

/// <summary>
/// The new text of a file (the old one when nothing changes), or why it cannot be rewritten. <see cref="Notes"/>
/// say what was left out and why (e.g. a spec that did not apply to this file); they stop nothing.
/// </summary>
public sealed record FileRewriteResult(string NewText, bool Changed, ImmutableArray<Diagnostic> Errors)
{
    public ImmutableArray<string> Notes { get; init; } = [];

    public bool Success => Errors.IsDefaultOrEmpty;

    public static FileRewriteResult Unchanged(SourceFile file) => new(file.Text, false, []);

    public static FileRewriteResult Rewritten(SourceFile file, string newText) =>
        new(newText, !string.Equals(file.Text, newText, StringComparison.Ordinal), []);

    public static FileRewriteResult Failed(SourceFile file, ImmutableArray<Diagnostic> errors) => new(file.Text, false, errors);
}
