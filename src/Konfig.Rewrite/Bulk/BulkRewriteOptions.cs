using Konfig.Workspace.Compilation;

namespace Konfig.Rewrite.Bulk;

/// <summary>How a bulk rewrite runs.</summary>
public sealed record BulkRewriteOptions
{
    /// <summary>
    /// Whether to write the changed files once every touched stack compiles. Off, nothing on disk changes
    /// and the result holds the changes (to show as diffs, or to commit elsewhere).
    /// </summary>
    public bool WriteFiles { get; init; }

    /// <summary>Whether each touched stack's golden follows its new spec (as one more change).</summary>
    public bool UpdateGoldens { get; init; }

    /// <summary>
    /// Whether to preview each touched stack's spec: the resources the rewrite adds, changes and deletes, against the
    /// stack's golden when it is up to date, else against the stack compiled from its old texts. Off by default: it
    /// may compile every touched stack twice.
    /// </summary>
    public bool Preview { get; init; }

    /// <summary>How touched stacks compile (parallelism, extra settings); their parallelism also bounds the rewriting.</summary>
    public StackCompileOptions Compile { get; init; } = StackCompileOptions.Default;
}
