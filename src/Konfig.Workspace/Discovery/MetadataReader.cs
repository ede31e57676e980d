namespace Konfig.Workspace.Discovery;

/// <summary>
/// Reads the metadata of one project or stack folder into the model: project.yaml (<c>name</c>, optional
/// <c>tenant</c>), stack.yaml (<c>name</c>, optional <c>dependsOn</c>), kcl.yaml and ci-test/settings.yaml (entrance files with
/// <c>${KCL_MOD}</c> expanded, relative to the settings file's folder; <c>kcl_options</c>). Every problem
/// becomes a diagnostic on the project or stack; nothing throws.
/// </summary>
internal static class MetadataReader
{
    private const string KclModVariable = "${KCL_MOD}";

    public static Project ReadProject(string directory, string workspaceRoot)
    {
        var file = MetadataFile.Load(Path.Combine(directory, Project.FileName));
        var name = file.RequiredString("name");
        var tenant = file.OptionalString("tenant");
        return new Project
        {
            Name = name ?? Path.GetFileName(directory),
            Tenant = tenant,
            Directory = directory,
            Path = WorkspacePaths.Relative(workspaceRoot, directory),
            Diagnostics = file.Diagnostics,
        };
    }

    public static Stack ReadStack(string directory, Project project, string workspaceRoot)
    {
        var diagnostics = new List<WorkspaceDiagnostic>();
        var stackFile = MetadataFile.Load(Path.Combine(directory, Stack.FileName));
        var name = stackFile.RequiredString("name");
        var dependsOn = stackFile.StringList(stackFile.Field("dependsOn"), "dependsOn") ?? [];
        diagnostics.AddRange(stackFile.Diagnostics);

        var kclYaml = ReadSettings(Path.Combine(directory, Stack.KclYamlName), workspaceRoot, diagnostics);
        var ciSettingsPath = Path.Combine(directory, Stack.CiTestFolder, Stack.CiSettingsName);
        var ciSettings = File.Exists(ciSettingsPath) ? ReadSettings(ciSettingsPath, workspaceRoot, diagnostics) : null;

        return new Stack
        {
            Name = name ?? Path.GetFileName(directory),
            Project = project,
            Directory = directory,
            Path = WorkspacePaths.Relative(workspaceRoot, directory),
            KclYaml = kclYaml,
            CiSettings = ciSettings,
            DependsOn = dependsOn.Select(entry => entry.Value.TrimEnd('/')).ToList(),
            DependsOnPositions = dependsOn.Select(entry => ((int)entry.Node.Start.Line, (int)entry.Node.Start.Column)).ToList(),
            Diagnostics = diagnostics,
        };
    }

    /// <summary>A settings file; null (with diagnostics) when it is missing or broken.</summary>
    private static StackSettingsFile? ReadSettings(string path, string workspaceRoot, List<WorkspaceDiagnostic> diagnostics)
    {
        var file = MetadataFile.Load(path);
        if (!file.Loaded)
        {
            diagnostics.AddRange(file.Diagnostics);
            return null;
        }

        var configs = file.Mapping(file.Field("kcl_cli_configs"), "kcl_cli_configs");
        var listed = configs is null ? null : file.StringList(file.Field("file", configs), "kcl_cli_configs.file");
        var listedFiles = configs is null ? null : file.StringList(file.Field("files", configs), "kcl_cli_configs.files");

        // kcl's rule: `files` when it is non-empty, else `file`.
        var chosen = listedFiles is { Count: > 0 } ? listedFiles : listed ?? listedFiles ?? [];
        var field = ReferenceEquals(chosen, listedFiles) ? "kcl_cli_configs.files" : "kcl_cli_configs.file";
        var folder = Path.GetDirectoryName(path)!;
        var files = new List<string>();
        foreach (var (entry, node) in chosen)
        {
            var full = Path.GetFullPath(Path.Combine(folder, entry.Replace(KclModVariable, workspaceRoot, StringComparison.Ordinal)));
            if (File.Exists(full) || Directory.Exists(full))
            {
                files.Add(full);
            }
            else
            {
                file.Error(node, $"field '{field}' lists '{entry}', which does not exist");
            }
        }

        var options = file.KclOptions(file.Field("kcl_options"), "kcl_options");
        diagnostics.AddRange(file.Diagnostics);
        return file.Diagnostics.Count > 0 ? null : new StackSettingsFile { Path = path, Files = files, Options = options };
    }
}
