namespace Konfig.Kcl.Benchmarks;

/// <summary>
/// Where the benchmark inputs live: the repository's sibling <c>shared</c> folder (or <c>$KONFIG_SHARED_DIR</c>).
/// They are read at run time and never copied into the repository; a clone without them skips those benchmarks.
/// </summary>
internal static class BenchmarkInputs
{
    public const string SharedDirectoryVariable = "KONFIG_SHARED_DIR";

    public static string? SharedDirectory
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable(SharedDirectoryVariable);
            if (!string.IsNullOrWhiteSpace(fromEnvironment))
            {
                return Directory.Exists(fromEnvironment) ? Path.GetFullPath(fromEnvironment) : null;
            }

            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Konfig.sln")))
                {
                    var shared = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared"));
                    return Directory.Exists(shared) ? shared : null;
                }
            }

            return null;
        }
    }

    /// <summary>The conformance corpus folders that exist (grammar suite, byte-exact snapshots).</summary>
    public static IReadOnlyList<string> CorpusFolders =>
        SharedDirectory is { } shared
            ? new[] { "kcl-conformance", "kcl-snapshots" }.Select(name => Path.Combine(shared, name)).Where(Directory.Exists).ToArray()
            : [];

    /// <summary>The blog benchmark's <c>test.k</c>, or null when absent.</summary>
    public static string? BlogBenchmark =>
        SharedDirectory is { } shared && File.Exists(Path.Combine(shared, "bench", "test.k")) ? Path.Combine(shared, "bench", "test.k") : null;
}
