namespace Konfig.Kcl.Tests.Parsing;

/// <summary>
/// Finds the KCL conformance corpus (../shared/kcl-conformance next to the repository, or
/// $KONFIG_SHARED_DIR/kcl-conformance). Tests that need it skip, saying so, when it is absent.
/// </summary>
internal static class ConformanceCorpus
{
    public static string? Directory { get; } = Locate();

    public const string MissingMessage = "the KCL conformance corpus (shared/kcl-conformance) is not available; set KONFIG_SHARED_DIR";

    public static IEnumerable<string> KclFiles() =>
        Directory is null
            ? []
            : System.IO.Directory.EnumerateFiles(Directory, "*.k", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    /// <summary>The main.k of every case whose expected outcome is standard output (a successful run).</summary>
    public static IEnumerable<string> StdoutCaseFiles()
    {
        if (Directory is null)
        {
            yield break;
        }

        foreach (var line in File.ReadLines(Path.Combine(Directory, "_manifest.tsv")).Skip(1))
        {
            var columns = line.Split('\t');
            if (columns.Length > 1 && columns[1] == "stdout")
            {
                var path = Path.Combine(Directory, columns[0], "main.k");
                if (File.Exists(path))
                {
                    yield return path;
                }
            }
        }
    }

    private static string? Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("KONFIG_SHARED_DIR");
        if (!string.IsNullOrEmpty(fromEnvironment) && System.IO.Directory.Exists(Path.Combine(fromEnvironment, "kcl-conformance")))
        {
            return Path.Combine(fromEnvironment, "kcl-conformance");
        }

        // The repository root is the nearest folder holding Directory.Build.props; shared is its sibling.
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Directory.Build.props")))
        {
            directory = directory.Parent;
        }

        var candidate = directory?.Parent is { } parent ? Path.Combine(parent.FullName, "shared", "kcl-conformance") : null;
        return candidate is not null && System.IO.Directory.Exists(candidate) ? candidate : null;
    }
}
