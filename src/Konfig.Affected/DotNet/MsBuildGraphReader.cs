using Microsoft.Build.Evaluation;
using Microsoft.Build.Exceptions;
using Microsoft.Build.Execution;
using Microsoft.Build.Graph;

namespace Konfig.Affected.DotNet;

/// <summary>
/// The only code that touches Microsoft.Build types. Called only after <see cref="MsBuildRegistration"/>
/// has succeeded, and never inlined into its caller, so the JIT does not load MSBuild too early.
/// </summary>
internal static class MsBuildGraphReader
{
    /// <summary>Evaluates every project of the solution (and those they reference) without building anything.</summary>
    public static DotNetGraphLoadResult Read(string repositoryRoot, string solutionFile)
    {
        using var collection = new ProjectCollection();
        try
        {
            var graph = new ProjectGraph(solutionFile, new Dictionary<string, string>(), collection);
            return DotNetGraphLoadResult.Success(new DotNetProjectGraph(ToProjects(repositoryRoot, graph)));
        }
        catch (Exception exception)
        {
            return DotNetGraphLoadResult.Failure(Describe(repositoryRoot, exception));
        }
        finally
        {
            collection.UnloadAllProjects();
        }
    }

    private static List<DotNetProject> ToProjects(string repositoryRoot, ProjectGraph graph)
    {
        // A multi-targeted project appears once as its outer build and once per target framework;
        // they share a project file, so group by it and merge what the nodes say.
        var projects = new List<DotNetProject>();
        foreach (var nodes in graph.ProjectNodes.GroupBy(node => node.ProjectInstance.FullPath, StringComparer.Ordinal))
        {
            var projectFile = nodes.Key;
            var instances = nodes.Select(node => node.ProjectInstance).ToList();
            // Direct references come from the evaluated ProjectReference items, not the graph's edges:
            // SDK projects add transitive edges to the static graph (AddTransitiveProjectReferencesInStaticGraph),
            // which would flatten the reason chains.
            var references = instances
                .SelectMany(instance => instance.GetItems("ProjectReference")
                    .Select(item => Path.GetFullPath(ToNativeSeparators(item.EvaluatedInclude), instance.Directory)))
                .Where(path => !string.Equals(path, projectFile, StringComparison.Ordinal))
                .Select(path => RepositoryPaths.Relative(repositoryRoot, path))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal);
            var imports = instances
                .SelectMany(instance => RepositoryImports(repositoryRoot, instance))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal);
            projects.Add(new DotNetProject(
                RepositoryPaths.Relative(repositoryRoot, projectFile),
                instances[0].GetPropertyValue("AssemblyName"),
                instances.Any(IsTestProject),
                [.. references],
                [.. imports]));
        }
        return projects;
    }

    // Project files written on Windows say "..\Lib\Lib.csproj".
    private static string ToNativeSeparators(string path) =>
        Path.DirectorySeparatorChar == '/' ? path.Replace('\\', '/') : path;

    private static bool IsTestProject(ProjectInstance instance) =>
        string.Equals(instance.GetPropertyValue("IsTestProject"), "true", StringComparison.OrdinalIgnoreCase)
        || instance.GetItems("PackageReference").Any(item => string.Equals(item.EvaluatedInclude, "Microsoft.NET.Test.Sdk", StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<string> RepositoryImports(string repositoryRoot, ProjectInstance instance)
    {
        // Restore writes obj/*.nuget.g.props; they are generated (and ignored by git), not sources of change.
        var generatedFolder = instance.GetPropertyValue("MSBuildProjectExtensionsPath");
        generatedFolder = generatedFolder.Length == 0 ? null : Path.GetFullPath(generatedFolder, instance.Directory);
        foreach (var import in instance.ImportPaths)
        {
            var full = Path.GetFullPath(import);
            if (!RepositoryPaths.IsInside(repositoryRoot, full))
                continue;
            if (generatedFolder is not null && RepositoryPaths.IsInside(generatedFolder, full))
                continue;
            yield return RepositoryPaths.Relative(repositoryRoot, full);
        }
    }

    private static DotNetGraphLoadError Describe(string repositoryRoot, Exception exception)
    {
        // Evaluation runs in parallel, so MSBuild may wrap the first failure.
        while (exception is AggregateException { InnerExceptions.Count: > 0 } aggregate)
            exception = aggregate.InnerExceptions[0];

        return exception switch
        {
            InvalidProjectFileException invalid => new DotNetGraphLoadError(
                invalid.BaseMessage,
                string.IsNullOrEmpty(invalid.ProjectFile) ? null : RepositoryPaths.Relative(repositoryRoot, invalid.ProjectFile),
                invalid.LineNumber > 0 ? invalid.LineNumber : null,
                invalid.ColumnNumber > 0 ? invalid.ColumnNumber : null),
            CircularDependencyException circular => new DotNetGraphLoadError($"Project references form a cycle: {circular.Message}"),
            // Anything else is still reported as data: the caller asked for a graph, not a crash.
            _ => new DotNetGraphLoadError($"The project graph could not be read ({exception.GetType().Name}): {exception.Message}"),
        };
    }
}
