using Konfig.Kcl.Diagnostics;
using Konfig.Kcl.Values;

namespace Konfig.Kcl.Compilation;

/// <summary>
/// The effective settings of one run: command-line options combined with <c>-Y</c> settings files the
/// way kcl combines them. Later settings files override earlier ones key by key; their
/// <c>kcl_options</c> add up. Files given on the command line replace the settings files' files (which
/// are relative to the settings file that listed them); a switch given on the command line turns the
/// feature on whatever the files say; <c>-D</c> arguments come after <c>kcl_options</c>, so they win.
/// </summary>
internal sealed record RunConfiguration
{
    /// <summary>Input paths as written (may hold <c>${KCL_MOD}</c>), and the folder they are relative to.</summary>
    public required IReadOnlyList<string> Inputs { get; init; }

    public required string InputBaseDirectory { get; init; }

    public required IReadOnlyDictionary<string, KclValue> Options { get; init; }

    public required IReadOnlyList<string> PathSelectors { get; init; }

    public bool Debug { get; init; }

    public bool StrictRangeCheck { get; init; }

    public bool DisableNone { get; init; }

    public bool SortKeys { get; init; }

    public bool ShowHidden { get; init; }

    public static (RunConfiguration? Configuration, IReadOnlyList<Diagnostic> Errors) Build(KclRunOptions options)
    {
        var errors = new List<Diagnostic>();
        var workingDirectory = Path.GetFullPath(options.WorkingDirectory);

        foreach (var (name, value) in options.Arguments)
        {
            if (!TopLevelArgument.IsValid(name, value))
            {
                errors.Add(CompilationDiagnostics.InvalidArgument($"{name}={value}"));
            }
        }

        var settingsFiles = new List<SettingsFile>();
        foreach (var path in options.SettingsFiles)
        {
            var (file, error) = SettingsFileReader.Read(path, Path.GetFullPath(Path.Combine(workingDirectory, path)));
            if (error is not null)
            {
                errors.Add(error);
            }
            else if (file is not null)
            {
                settingsFiles.Add(file);
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        IReadOnlyList<string> inputs = options.Files;
        var inputBase = workingDirectory;
        if (inputs.Count == 0 && settingsFiles.LastOrDefault(s => s.Files is { Count: > 0 }) is { } listing)
        {
            inputs = listing.Files!;
            inputBase = Path.GetDirectoryName(listing.Path) ?? workingDirectory;
        }

        var arguments = new Dictionary<string, KclValue>(StringComparer.Ordinal);
        foreach (var settingsFile in settingsFiles)
        {
            foreach (var (key, value) in settingsFile.Options)
            {
                arguments[key] = value;
            }
        }

        foreach (var (name, value) in options.Arguments)
        {
            arguments[name] = TopLevelArgument.ParseValue(value);
        }

        var selectors = options.PathSelectors.Count > 0
            ? options.PathSelectors
            : settingsFiles.LastOrDefault(s => s.PathSelectors is not null)?.PathSelectors ?? [];

        return (new RunConfiguration
        {
            Inputs = inputs,
            InputBaseDirectory = inputBase,
            Options = arguments,
            PathSelectors = selectors,
            Debug = options.Debug || Last(settingsFiles, s => s.Debug),
            StrictRangeCheck = options.StrictRangeCheck || Last(settingsFiles, s => s.StrictRangeCheck),
            DisableNone = options.DisableNone || Last(settingsFiles, s => s.DisableNone),
            SortKeys = options.SortKeys || Last(settingsFiles, s => s.SortKeys),
            ShowHidden = options.ShowHidden || Last(settingsFiles, s => s.ShowHidden),
        }, []);
    }

    /// <summary>The value of the last settings file that sets the key; false when none does.</summary>
    private static bool Last(List<SettingsFile> files, Func<SettingsFile, bool?> key)
    {
        for (var i = files.Count - 1; i >= 0; i--)
        {
            if (key(files[i]) is { } value)
            {
                return value;
            }
        }

        return false;
    }
}
