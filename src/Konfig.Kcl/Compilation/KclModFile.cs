namespace Konfig.Kcl.Compilation;

/// <summary>A dependency line of kcl.mod: <c>name = "1.0"</c> or <c>name = { path = "../x", version = "…" }</c>.</summary>
public sealed record KclModDependency(string Name, string? Version, string? Path, string? Git, string? Oci);

/// <summary>What the runner reads from a <c>kcl.mod</c>: the package header, dependencies and profile entries.</summary>
public sealed record KclModFile
{
    /// <summary>Folder holding the kcl.mod (the module root).</summary>
    public required string Directory { get; init; }

    public string? Name { get; init; }

    public string? Edition { get; init; }

    public string? Version { get; init; }

    public IReadOnlyList<KclModDependency> Dependencies { get; init; } = [];

    /// <summary><c>[profile] entries</c>: files compiled when none are given.</summary>
    public IReadOnlyList<string> Entries { get; init; } = [];

    public const string FileName = "kcl.mod";
}
