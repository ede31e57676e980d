using Konfig.Affected.Graph;

namespace Konfig.Affected.Analysis;

/// <summary>
/// A path <c>konfig deps</c> asks about: a repository path (file or folder), and whether it exists in
/// the tree the current graph was built from. A path that does not may still be known to a former graph.
/// </summary>
public sealed record DependencyFocus(string Path, bool Exists);

/// <summary>What a focus needs: the KCL (and settings) files and the packages, by repository path, sorted.</summary>
public sealed record FocusDependencies(IReadOnlyList<string> Files, IReadOnlyList<string> Packages);

/// <summary>What needs a focus: the stacks, and the files and packages on the way to them, sorted by path.</summary>
public sealed record FocusDependents(IReadOnlyList<StackInfo> Stacks, IReadOnlyList<string> Files, IReadOnlyList<string> Packages)
{
    /// <summary>The project folders of the stacks ("" for a project at the repository root), distinct and sorted.</summary>
    public IReadOnlyList<string> Projects =>
        [.. Stacks.Select(s => s.ProjectPath).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}

/// <summary>
/// The questions of <c>konfig deps</c> over a dependency graph. Paths match by whole segments only, so
/// a focus on <c>apps/stack</c> never takes in <c>apps/stackA</c>. A folder focuses every file in it, plus
/// the folder as a package (and, for dependencies, the stacks in it).
/// </summary>
public static class DependencyQuery
{
    /// <summary>
    /// Everything the focus depends on, transitively. For a stack folder: its package, entrance files and
    /// settings files, the packages those import, their files, and so on. The focus itself is left out.
    /// </summary>
    public static FocusDependencies DependenciesOf(DependencyGraph graph, IEnumerable<string> focus)
    {
        var focusPaths = focus.ToList();
        var seeds = new HashSet<DependencyNode>();
        var extraFiles = new List<string>();
        foreach (var path in focusPaths)
        {
            if (graph.StackAt(path) is { } stack)
            {
                // The stack's own files are what it needs, so they are listed rather than taken as the focus.
                seeds.Add(DependencyNode.Stack(path));
                extraFiles.AddRange(StackMetadataFiles(graph, stack));
                continue;
            }

            foreach (var file in FilesWithin(graph, path))
            {
                seeds.Add(DependencyNode.File(file));
            }

            if (graph.IsPackage(path))
            {
                seeds.Add(DependencyNode.Package(path));
            }

            foreach (var inner in graph.Stacks.Where(s => RepositoryPath.IsWithin(s.Path, path)))
            {
                seeds.Add(DependencyNode.Stack(inner.Path));
                extraFiles.AddRange(StackMetadataFiles(graph, inner));
            }
        }

        var reached = new HashSet<DependencyNode>();
        var queue = new Queue<DependencyNode>(seeds);
        while (queue.Count > 0)
        {
            foreach (var dependency in graph.DependenciesOf(queue.Dequeue()))
            {
                if (!seeds.Contains(dependency) && reached.Add(dependency))
                {
                    queue.Enqueue(dependency);
                }
            }
        }

        var files = reached.Where(n => n.Kind == NodeKind.File).Select(n => n.Path)
            .Concat(extraFiles.Where(f => !seeds.Contains(DependencyNode.File(f))));
        var packages = reached.Where(n => n.Kind == NodeKind.Package).Select(n => n.Path);
        return new FocusDependencies(Sorted(files, focusPaths), Sorted(packages, focusPaths));
    }

    /// <summary>
    /// Everything that depends on the focus: the stacks it reaches and the files and packages on the way
    /// (those inside the focus left out). A focus gone from the current tree is read on
    /// <paramref name="formerGraph"/> (the last commit's) when that holds it, so a deleted file still finds
    /// the stacks that used it; when neither graph holds it, it is followed by path alone (the stack
    /// folder holding it, entrance files naming it, the package of a .k file).
    /// </summary>
    public static FocusDependents DependentsOf(DependencyGraph graph, DependencyGraph? formerGraph, IEnumerable<DependencyFocus> focus)
    {
        var focusPaths = new List<string>();
        var current = new List<string>();
        var former = new List<string>();
        foreach (var item in focus)
        {
            focusPaths.Add(item.Path);
            var files = FilesWithin(graph, item.Path).ToList();
            if (files.Count > 0 || item.Exists || formerGraph is null || !FilesWithin(formerGraph, item.Path).Any())
            {
                current.AddRange(files);
                current.Add(item.Path);
            }
            else
            {
                former.AddRange(FilesWithin(formerGraph, item.Path));
                former.Add(item.Path);
            }
        }

        var stacks = new Dictionary<string, StackInfo>(StringComparer.Ordinal);
        var reached = new HashSet<DependencyNode>();
        foreach (var (walked, paths) in new[] { (graph, current), (formerGraph, former) })
        {
            if (walked is null || paths.Count == 0)
            {
                continue;
            }

            var found = new Dictionary<string, IReadOnlyList<ReasonStep>>(StringComparer.Ordinal);
            new StackReachability(walked).Reach(paths.Distinct(StringComparer.Ordinal).Select(p => (p, "focus")), found, reached);
            foreach (var path in found.Keys)
            {
                stacks.TryAdd(path, graph.StackAt(path) ?? walked.StackAt(path)!);
            }
        }

        var outside = reached.Where(n => !focusPaths.Any(f => RepositoryPath.IsWithin(n.Path, f))).ToList();
        return new FocusDependents(
            [.. stacks.Values.OrderBy(s => s.Path, StringComparer.Ordinal)],
            Sorted(outside.Where(n => n.Kind == NodeKind.File).Select(n => n.Path), []),
            Sorted(outside.Where(n => n.Kind == NodeKind.Package).Select(n => n.Path), []));
    }

    /// <summary>The snapshot's files at or under a path, by whole segments.</summary>
    private static IEnumerable<string> FilesWithin(DependencyGraph graph, string path) =>
        graph.Snapshot.Files.Keys.Where(file => RepositoryPath.IsWithin(file, path));

    /// <summary>The settings files and project.yaml a stack reads, those the snapshot holds.</summary>
    private static IEnumerable<string> StackMetadataFiles(DependencyGraph graph, StackInfo stack) =>
        stack.SettingsFiles.Append(stack.ProjectFile).OfType<string>().Where(f => graph.Snapshot[f] is not null);

    private static List<string> Sorted(IEnumerable<string> paths, IReadOnlyList<string> except) =>
        [.. paths.Where(p => !except.Contains(p)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
