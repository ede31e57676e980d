using Konfig.Rewrite.Preview;
using Konfig.Workspace.Discovery;

namespace Konfig.Rewrite.Bulk;

/// <summary>
/// What a bulk rewrite did or would do: the changes (entry files, then goldens, stack by stack in the
/// workspace's order), or the errors that stopped it. With errors, nothing was written.
/// </summary>
public sealed record BulkRewriteResult(
    string Description,
    IReadOnlyList<Stack> Selected,
    IReadOnlyList<FileChange> Changes,
    IReadOnlyList<RewriteError> Errors,
    bool Written)
{
    public bool Success => Errors.Count == 0;

    /// <summary>With <see cref="BulkRewriteOptions.Preview"/>: what changes in each touched stack's spec, in the stacks' order.</summary>
    public IReadOnlyList<StackPreview> Previews { get; init; } = [];

    /// <summary>What the rewrite left out in some stacks, and why (a spec whose variable a stack does not have), in the stacks' order.</summary>
    public IReadOnlyList<RewriteNote> Notes { get; init; } = [];

    /// <summary>The rewrite is already in every selected stack (for example a second run): nothing to change.</summary>
    public bool NothingToChange => Success && Changes.Count == 0;

    /// <summary>The stacks whose files change, in the workspace's order.</summary>
    public IReadOnlyList<Stack> TouchedStacks =>
        Changes.Select(change => change.Stack).Distinct(ReferenceEqualityComparer.Instance).Cast<Stack>().ToList();

    public IEnumerable<FileChange> ChangesOf(Stack stack) => Changes.Where(change => ReferenceEquals(change.Stack, stack));

    /// <summary>The stack's preview; null when none was asked for.</summary>
    public StackPreview? PreviewOf(Stack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        return Previews.FirstOrDefault(preview => string.Equals(preview.StackPath, stack.Path, StringComparison.Ordinal));
    }
}
