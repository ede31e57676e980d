namespace Konfig.Affected.Graph;

/// <summary>
/// A stack as change detection sees it. <see cref="Path"/> is its folder; <see cref="ProjectPath"/> the
/// nearest folder above it with project.yaml (null when there is none); <see cref="RootPath"/> the
/// nearest with kcl.mod; <see cref="EntranceFiles"/> what its settings files list, resolved (files or
/// folders, in or outside the stack); <see cref="SettingsFiles"/> its kcl.yaml and ci-test/settings.yaml.
/// </summary>
public sealed record StackInfo(
    string Path,
    string? ProjectPath,
    string RootPath,
    IReadOnlyList<string> EntranceFiles,
    IReadOnlyList<string> SettingsFiles)
{
    /// <summary>The project.yaml this stack belongs to, if any.</summary>
    public string? ProjectFile => ProjectPath is null ? null : ProjectPath.Length == 0 ? "project.yaml" : ProjectPath + "/project.yaml";
}
