using System.Runtime.CompilerServices;

namespace Konfig.Affected.DotNet;

/// <summary>
/// Reads a repository's .NET project graph with the SDK's own MSBuild (static graph evaluation: no
/// build, no restore). Bad input never throws: it comes back as a <see cref="DotNetGraphLoadError"/>.
/// </summary>
public static class MsBuildProjectGraphLoader
{
    /// <summary>
    /// Loads the graph of the solution at the repository root (the single *.sln or *.slnx there), or of
    /// <paramref name="solutionPath"/> (absolute, or relative to the root) when given. No solution at the
    /// root means no .NET projects: an empty graph. Several solutions without a choice is an error.
    /// </summary>
    public static DotNetGraphLoadResult Load(string repositoryRoot, string? solutionPath = null)
    {
        ArgumentNullException.ThrowIfNull(repositoryRoot);
        try
        {
            var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(repositoryRoot));
            if (!Directory.Exists(root))
                return Failure($"The repository folder does not exist: {root}");

            string solution;
            if (solutionPath is not null)
            {
                solution = Path.GetFullPath(solutionPath, root);
                if (!File.Exists(solution))
                    return Failure("The solution file does not exist.", solutionPath);
            }
            else
            {
                var solutions = FindSolutions(root);
                if (solutions.Count == 0)
                    return DotNetGraphLoadResult.Success(DotNetProjectGraph.Empty);
                if (solutions.Count > 1)
                {
                    var names = string.Join(", ", solutions.Select(Path.GetFileName));
                    return Failure($"The repository root holds several solutions ({names}); name the one to use.");
                }
                solution = solutions[0];
            }

            if (MsBuildRegistration.EnsureRegistered(root) is { } registrationError)
                return Failure(registrationError);
            return ReadAfterRegistration(root, solution);
        }
        catch (Exception exception)
        {
            // Also catches MSBuild's assemblies failing to load when the reader is first compiled.
            return Failure($"The project graph could not be read ({exception.GetType().Name}): {exception.Message}");
        }
    }

    /// <summary>The solution files at the repository root (not below it), ordered by name.</summary>
    public static IReadOnlyList<string> FindSolutions(string repositoryRoot) =>
        [.. Directory.EnumerateFiles(repositoryRoot, "*.sln")
            .Concat(Directory.EnumerateFiles(repositoryRoot, "*.slnx"))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];

    // Kept apart and never inlined: compiling this call must not pull Microsoft.Build in before registration.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static DotNetGraphLoadResult ReadAfterRegistration(string root, string solution) =>
        MsBuildGraphReader.Read(root, solution);

    private static DotNetGraphLoadResult Failure(string message, string? file = null) =>
        DotNetGraphLoadResult.Failure(new DotNetGraphLoadError(message, file));
}
