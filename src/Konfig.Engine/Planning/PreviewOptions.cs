namespace Konfig.Engine.Planning;

public sealed record PreviewOptions
{
    /// <summary><c>--ignore-fields</c> paths (syntax: <see cref="IgnoreRule"/>), on top of the server-managed fields.</summary>
    public IReadOnlyList<string> IgnoreFields { get; init; } = [];

    /// <summary>How many resources are looked at concurrently (each takes a GET and a dry-run apply).</summary>
    public int Parallelism { get; init; } = 16;

    /// <summary><c>--force-conflicts</c>: the dry run takes over fields other managers own, as the apply would.</summary>
    public bool ForceConflicts { get; init; }

    public string FieldManager { get; init; } = "konfig";
}
