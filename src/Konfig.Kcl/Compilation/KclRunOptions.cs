namespace Konfig.Kcl.Compilation;

/// <summary>The inputs of one <c>kcl run</c>: files, top-level arguments and output switches, as kcl spells them.</summary>
public sealed record KclRunOptions
{
    /// <summary>Entry files as given on the command line, relative to <see cref="WorkingDirectory"/>; <c>${KCL_MOD}</c> is expanded.</summary>
    public required IReadOnlyList<string> Files { get; init; }

    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary><c>-D name=value</c>: raw strings, parsed as KCL/YAML literals when read by <c>option()</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Arguments { get; init; } = [];

    /// <summary><c>-Y</c> settings files with <c>kcl_cli_configs</c> and <c>kcl_options</c>.</summary>
    public IReadOnlyList<string> SettingsFiles { get; init; } = [];

    /// <summary><c>-S</c> path selectors: print only the selected values.</summary>
    public IReadOnlyList<string> PathSelectors { get; init; } = [];

    public bool Debug { get; init; }

    public bool StrictRangeCheck { get; init; }

    /// <summary><c>-n</c>: drop None values from the output.</summary>
    public bool DisableNone { get; init; }

    public bool SortKeys { get; init; }

    public bool ShowHidden { get; init; }

    /// <summary>Deadline of the run (10 minutes when not set); past it the run stops with an error instead of hanging.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// Managed heap size in bytes past which the run stops with an error instead of exhausting the machine's
    /// memory; when not set, half the memory available to the process. The heap is the whole process's.
    /// </summary>
    public long? MemoryLimit { get; init; }
}
