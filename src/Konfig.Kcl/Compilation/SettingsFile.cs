using Konfig.Kcl.Values;

namespace Konfig.Kcl.Compilation;

/// <summary>
/// One <c>-Y</c> settings file: <c>kcl_cli_configs</c> (null where a key is absent, so merging can tell
/// "not set" from "false") and <c>kcl_options</c> in file order.
/// </summary>
public sealed record SettingsFile
{
    /// <summary>The settings file's full path; its folder is where relative <see cref="Files"/> resolve.</summary>
    public required string Path { get; init; }

    /// <summary><c>files</c>, or <c>file</c> when <c>files</c> is absent or empty, as kcl picks them.</summary>
    public IReadOnlyList<string>? Files { get; init; }

    public string? Output { get; init; }

    public IReadOnlyList<string>? PathSelectors { get; init; }

    public IReadOnlyList<string>? Overrides { get; init; }

    public bool? StrictRangeCheck { get; init; }

    public bool? DisableNone { get; init; }

    public bool? Debug { get; init; }

    public bool? ShowHidden { get; init; }

    public bool? SortKeys { get; init; }

    public IReadOnlyList<KeyValuePair<string, KclValue>> Options { get; init; } = [];
}
