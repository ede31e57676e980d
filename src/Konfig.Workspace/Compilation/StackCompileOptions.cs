namespace Konfig.Workspace.Compilation;

/// <summary>What the user adds to every stack's own settings: more <c>-Y</c> files and <c>-D</c> arguments.</summary>
public sealed record StackCompileOptions
{
    public static readonly StackCompileOptions Default = new();

    /// <summary>Extra settings files (full paths), applied after the stack's ci-test/settings.yaml and kcl.yaml.</summary>
    public IReadOnlyList<string> SettingsFiles { get; init; } = [];

    /// <summary><c>-D name=value</c> arguments; they win over every settings file's kcl_options.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Arguments { get; init; } = [];

    /// <summary>How many stacks compile at once; the machine's core count by default.</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Deadline for one stack; null leaves the compiler's own.</summary>
    public TimeSpan? Timeout { get; init; }
}
