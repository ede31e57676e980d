using Konfig.Kcl.Values;

namespace Konfig.Workspace.Discovery;

/// <summary>
/// A stack's settings file as the workspace reads it (<c>kcl.yaml</c> or <c>ci-test/settings.yaml</c>): the
/// entrance files it lists (<c>kcl_cli_configs.files</c>, else <c>file</c>), with <c>${KCL_MOD}</c> expanded and
/// made absolute against the file's folder, and its <c>kcl_options</c>.
/// </summary>
public sealed record StackSettingsFile
{
    /// <summary>Full path of the settings file.</summary>
    public required string Path { get; init; }

    /// <summary>Full paths of the listed files, in order; empty when the file lists none.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, KclValue>> Options { get; init; } = [];
}
