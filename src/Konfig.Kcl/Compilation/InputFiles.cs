using Konfig.Kcl.Diagnostics;

namespace Konfig.Kcl.Compilation;

/// <summary>
/// Turns the input paths of a run into the main package's files and finds the module root:
/// the nearest kcl.mod above the first input that does not use <c>${KCL_MOD}</c> (else above the working
/// directory), or, without a kcl.mod, the first input's folder. <c>${KCL_MOD}</c> expands to that root;
/// a folder input stands for its <c>.k</c> files.
/// </summary>
internal static class InputFiles
{
    public const string KclModVariable = "${KCL_MOD}";

    public static (string Root, IReadOnlyList<string> Files, IReadOnlyList<Diagnostic> Errors) Resolve(
        IReadOnlyList<string> inputs,
        string baseDirectory,
        string workingDirectory)
    {
        var root = FindRoot(inputs, baseDirectory, workingDirectory);
        var errors = new List<Diagnostic>();
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        if (inputs.Count == 0)
        {
            // No inputs: kcl.mod's [profile] entries, else the working directory's .k files.
            var (mod, modError) = KclModReader.Read(root);
            if (modError is not null)
            {
                return (root, [], [modError]);
            }

            if (mod is { Entries.Count: > 0 })
            {
                return Resolve(mod.Entries, mod.Directory, workingDirectory);
            }

            inputs = [workingDirectory];
        }

        foreach (var input in inputs)
        {
            var expanded = input.Replace(KclModVariable, root, StringComparison.Ordinal);
            var path = Path.GetFullPath(Path.Combine(baseDirectory, expanded));
            if (Directory.Exists(path))
            {
                var packageFiles = PackageLoader.GetPackageFiles(path);
                if (packageFiles.Count == 0)
                {
                    errors.Add(CompilationDiagnostics.NoKclFilesInFolder(path));
                }

                files.AddRange(packageFiles.Where(seen.Add));
            }
            else if (File.Exists(path))
            {
                if (seen.Add(path))
                {
                    files.Add(path);
                }
            }
            else
            {
                errors.Add(CompilationDiagnostics.InputFileNotFound(input));
            }
        }

        if (files.Count == 0 && errors.Count == 0)
        {
            errors.Add(CompilationDiagnostics.NoInputFiles());
        }

        return (root, files, errors);
    }

    private static string FindRoot(IReadOnlyList<string> inputs, string baseDirectory, string workingDirectory)
    {
        foreach (var input in inputs)
        {
            if (input.Contains(KclModVariable, StringComparison.Ordinal))
            {
                continue;
            }

            var path = Path.GetFullPath(Path.Combine(baseDirectory, input));
            var start = Directory.Exists(path) ? path : Path.GetDirectoryName(path) ?? baseDirectory;
            return KclModReader.FindModuleRoot(start) ?? start;
        }

        return KclModReader.FindModuleRoot(workingDirectory) ?? Path.GetFullPath(workingDirectory);
    }
}
