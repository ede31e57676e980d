using Konfig.Affected.Graph;

namespace Konfig.Affected.DotNet;

/// <summary>
/// The .NET projects of a repository and their references, as plain data (it round-trips through
/// System.Text.Json, so it can be cached): which project owns a changed file, which projects a change
/// affects (transitively, over reverse references), and which projects make up a tool.
/// Paths are repository-relative with '/' separators; all ordering is ordinal, so output is stable.
/// </summary>
/// <remarks>
/// Ownership is by folder, like dotnet-affected: a file belongs to the project whose folder is the
/// deepest one containing it, whether or not the project compiles it. Files a project pulls in from
/// outside its folder (a linked <c>Compile Include="../Shared/X.cs"</c>) are not tracked.
/// A changed solution file affects nothing by itself: a project added to it brings its own changed
/// files, and one removed from it is no longer in the graph.
/// </remarks>
public sealed class DotNetProjectGraph
{
    private readonly Dictionary<string, DotNetProject> _byPath;
    private readonly Dictionary<string, List<DotNetProject>> _referencedBy;
    private readonly Dictionary<string, List<DotNetProject>> _importedBy;

    public DotNetProjectGraph(IReadOnlyList<DotNetProject> projects)
    {
        ArgumentNullException.ThrowIfNull(projects);
        Projects = [.. projects.DistinctBy(project => project.Path, StringComparer.Ordinal).OrderBy(project => project.Path, StringComparer.Ordinal)];
        _byPath = Projects.ToDictionary(project => project.Path, StringComparer.Ordinal);
        _referencedBy = new Dictionary<string, List<DotNetProject>>(StringComparer.Ordinal);
        _importedBy = new Dictionary<string, List<DotNetProject>>(StringComparer.Ordinal);
        foreach (var project in Projects)
        {
            foreach (var reference in project.ProjectReferences.Distinct(StringComparer.Ordinal))
                AddTo(_referencedBy, reference, project);
            foreach (var import in project.ImportedFiles.Distinct(StringComparer.Ordinal))
                AddTo(_importedBy, import, project);
        }
    }

    /// <summary>A graph with no projects: a repository without a solution.</summary>
    public static DotNetProjectGraph Empty { get; } = new([]);

    /// <summary>Every project, ordered by path.</summary>
    public IReadOnlyList<DotNetProject> Projects { get; }

    /// <summary>The project at this path (e.g. <c>src/Konfig.Kcl/Konfig.Kcl.csproj</c>), or null.</summary>
    public DotNetProject? Find(string projectPath) => _byPath.GetValueOrDefault(Normalize(projectPath));

    /// <summary>
    /// The project whose folder is the deepest one containing <paramref name="path"/>, matched on whole
    /// path segments (<c>src/A</c> owns <c>src/A/x.cs</c>, not <c>src/AB/x.cs</c>); null when none does.
    /// </summary>
    public DotNetProject? OwningProject(string path)
    {
        var normalized = Normalize(path);
        DotNetProject? owner = null;
        foreach (var project in Projects)
        {
            var folder = project.Folder;
            if (RepositoryPath.IsWithin(normalized, folder) && (owner is null || folder.Length > owner.Folder.Length))
                owner = project;
        }
        return owner;
    }

    /// <summary>
    /// The projects the changed files affect, ordered by path, each with one shortest reason chain:
    /// a file affects its owning project and every project importing it as an MSBuild file, and an
    /// affected project affects every project that references it, transitively (breadth-first over
    /// reverse references, one visited set, so cycles and diamonds are walked once).
    /// </summary>
    public IReadOnlyList<AffectedProject> Affected(IEnumerable<string> changedPaths)
    {
        ArgumentNullException.ThrowIfNull(changedPaths);
        var reached = new Dictionary<string, AffectedProject>(StringComparer.Ordinal);
        var queue = new Queue<AffectedProject>();

        void Reach(DotNetProject project, string changedFile, AffectedCause cause, IReadOnlyList<string> chain)
        {
            if (reached.ContainsKey(project.Path))
                return;
            var affected = new AffectedProject(project, changedFile, cause, chain);
            reached.Add(project.Path, affected);
            queue.Enqueue(affected);
        }

        // Seeds first (every directly affected project, in a fixed order), then the walk: so each
        // project's chain is a shortest one, whatever order git listed the files in.
        var changed = changedPaths.Select(Normalize).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var path in changed)
        {
            if (OwningProject(path) is { } owner)
                Reach(owner, path, AffectedCause.FileInProjectFolder, [owner.Path]);
        }
        foreach (var path in changed)
        {
            foreach (var importer in _importedBy.GetValueOrDefault(path) ?? [])
                Reach(importer, path, AffectedCause.ImportedBuildFile, [importer.Path]);
        }

        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            foreach (var referrer in _referencedBy.GetValueOrDefault(current.Project.Path) ?? [])
                Reach(referrer, current.ChangedFile, current.Cause, [.. current.Chain, referrer.Path]);
        }

        return [.. reached.Values.OrderBy(affected => affected.Project.Path, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The projects that make up a tool: those whose AssemblyName is <paramref name="assemblyName"/>
    /// (e.g. <c>konfig</c>) and everything they reference, transitively; ordered by path, empty when
    /// no project has that name. A change to any of them changes the tool itself.
    /// </summary>
    public IReadOnlyList<DotNetProject> ToolProjects(string assemblyName)
    {
        ArgumentNullException.ThrowIfNull(assemblyName);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<DotNetProject>();
        foreach (var root in Projects.Where(project => string.Equals(project.AssemblyName, assemblyName, StringComparison.Ordinal)))
        {
            if (visited.Add(root.Path))
                queue.Enqueue(root);
        }

        while (queue.Count > 0)
        {
            foreach (var reference in queue.Dequeue().ProjectReferences)
            {
                // A reference to a project outside the graph has nothing more to walk.
                if (_byPath.TryGetValue(reference, out var referenced) && visited.Add(referenced.Path))
                    queue.Enqueue(referenced);
            }
        }

        return [.. Projects.Where(project => visited.Contains(project.Path))];
    }

    private static string Normalize(string path)
    {
        var normalized = path.Replace('\\', '/');
        return normalized.StartsWith("./", StringComparison.Ordinal) ? normalized[2..] : normalized;
    }

    private static void AddTo(Dictionary<string, List<DotNetProject>> index, string key, DotNetProject project)
    {
        if (!index.TryGetValue(key, out var list))
            index[key] = list = [];
        list.Add(project);
    }
}
