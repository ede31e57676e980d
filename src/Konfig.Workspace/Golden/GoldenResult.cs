using Konfig.Workspace.Compilation;

namespace Konfig.Workspace.Golden;

/// <summary>One stack's golden check: the compilation, the status, and a one-line detail (the first difference, or why not compared).</summary>
public sealed record GoldenResult(StackCompilation Compilation, GoldenStatus Status, string? Detail)
{
    /// <summary>Whether this result lets a test run pass.</summary>
    public bool Passed => Status is GoldenStatus.Match or GoldenStatus.Updated or GoldenStatus.Unchanged;
}
