namespace Konfig.Affected;

/// <summary>
/// What to compare. With a <see cref="Base"/>, the change is from the merge base of base and head to
/// head, as a pull request sees it; without one, it is the uncommitted changes alone.
/// <see cref="WorkingTree"/> adds uncommitted changes (head must then be HEAD).
/// </summary>
public sealed record ChangeDetectionRequest
{
    /// <summary>Any folder inside the repository (usually the current one).</summary>
    public required string RepositoryPath { get; init; }

    public string? Base { get; init; }

    public string Head { get; init; } = "HEAD";

    public bool WorkingTree { get; init; }

    /// <summary>Also find the affected .NET projects.</summary>
    public bool DotNet { get; init; }

    /// <summary>Read every file again instead of reusing snapshots cached under .git (for benchmarks and doubt).</summary>
    public bool UseCache { get; init; } = true;
}
