namespace Konfig.Affected.Snapshot;

/// <summary>Which files change detection reads, decided by path alone, so a tree walk skips the rest unread.</summary>
public static class FileClassifier
{
    public const string KclExtension = ".k";
    public const string KclModName = "kcl.mod";
    public const string StackFileName = "stack.yaml";
    public const string ProjectFileName = "project.yaml";
    public const string KclYamlName = "kcl.yaml";
    public const string CiSettingsPath = "ci-test/settings.yaml";
    public const string GlobalJsonName = "global.json";

    public static FileKind Classify(string path)
    {
        var name = FileName(path);
        if (name.EndsWith(KclExtension, StringComparison.Ordinal))
        {
            return FileKind.Kcl;
        }

        return name switch
        {
            KclModName => FileKind.KclMod,
            StackFileName => FileKind.Stack,
            ProjectFileName => FileKind.Project,
            KclYamlName => FileKind.Settings,
            GlobalJsonName => FileKind.MsBuild,
            "settings.yaml" when path.EndsWith("/" + CiSettingsPath, StringComparison.Ordinal) || path == CiSettingsPath => FileKind.Settings,
            _ when IsMsBuildFile(name) => FileKind.MsBuild,
            _ => FileKind.Other,
        };
    }

    public static bool IsMsBuildFile(string name) =>
        name.EndsWith(".csproj", StringComparison.Ordinal) || name.EndsWith(".fsproj", StringComparison.Ordinal)
        || name.EndsWith(".vbproj", StringComparison.Ordinal) || name.EndsWith(".sln", StringComparison.Ordinal)
        || name.EndsWith(".slnx", StringComparison.Ordinal) || name.EndsWith(".props", StringComparison.Ordinal)
        || name.EndsWith(".targets", StringComparison.Ordinal);

    public static string FileName(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? path : path[(slash + 1)..];
    }

    /// <summary>The folder of a repository path: "" for a file at the root.</summary>
    public static string Folder(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }
}

public enum FileKind
{
    Other,
    Kcl,
    KclMod,
    Stack,
    Project,
    Settings,
    MsBuild,
}
