using Konfig.Affected.Graph;
using Konfig.Affected.Snapshot;

namespace Konfig.Affected.Analysis;

/// <summary>
/// Walks one graph from changed paths to the stacks they reach, breadth first, so each stack is found
/// through its shortest chain. Besides the graph's edges, a changed path reaches: the stacks whose
/// folder holds it, the stacks of a changed project.yaml, and the stacks whose KCL reads it through
/// <c>file.read</c> (relative paths resolve against the stack folder, the run's working directory).
/// </summary>
internal sealed class StackReachability
{
    private readonly DependencyGraph _graph;
    private readonly Dictionary<string, List<StackInfo>> _stacksByProjectFile = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, ReasonChain>> _walksByFirstSteps = new(StringComparer.Ordinal);
    private Dictionary<string, List<(StackInfo Stack, string Reader)>>? _dataReads;
    private List<(StackInfo Stack, string Reader)>? _dynamicReaders;

    public StackReachability(DependencyGraph graph)
    {
        _graph = graph;
        foreach (var stack in graph.Stacks)
        {
            if (stack.ProjectFile is { } projectFile)
            {
                if (!_stacksByProjectFile.TryGetValue(projectFile, out var list))
                {
                    list = [];
                    _stacksByProjectFile[projectFile] = list;
                }

                list.Add(stack);
            }
        }
    }

    /// <summary>
    /// Adds to <paramref name="found"/> every stack the paths reach that it does not hold yet, with the shortest
    /// chain from any of them; to <paramref name="reached"/>, when given, every file and package node the walk passes through.
    /// </summary>
    public void Reach(IEnumerable<(string Path, string Change)> changedPaths, Dictionary<string, IReadOnlyList<ReasonStep>> found, HashSet<DependencyNode>? reached = null)
    {
        var seeds = new List<(DependencyNode, ReasonStep)>();
        foreach (var (path, change) in changedPaths)
        {
            var changed = new ReasonStep("file", path, change);
            AddDirect(path, changed, found);
            seeds.Add((DependencyNode.File(path), changed));
            if (UnknownKclFilePackage(path) is { } package)
            {
                seeds.Add((DependencyNode.Package(package), changed));
            }
        }

        foreach (var (stack, chain) in Walk(seeds, reached))
        {
            found.TryAdd(stack, chain);
        }
    }

    /// <summary>
    /// The stacks one changed path reaches, each with its shortest chain (a stack holding the path, its project or
    /// a reader of it comes first). The walk past the path is shared by the paths whose first steps are the same
    /// (the files of one package), so many changed files cost one walk plus a chain per file and stack.
    /// </summary>
    public Dictionary<string, IReadOnlyList<ReasonStep>> ReachFrom(string path, string change)
    {
        var found = new Dictionary<string, IReadOnlyList<ReasonStep>>(StringComparer.Ordinal);
        var changed = new ReasonStep("file", path, change);
        AddDirect(path, changed, found);

        // What the walk from the path visits first: the path's dependents (and its package's, for a .k file the graph does not hold).
        var firstSteps = _graph.DependentsOf(DependencyNode.File(path)).ToList();
        if (UnknownKclFilePackage(path) is { } package)
        {
            firstSteps.AddRange(_graph.DependentsOf(DependencyNode.Package(package)));
        }

        var key = string.Join("\n", firstSteps.Select(e => $"{e.Kind} {e.Dependent}"));
        if (!_walksByFirstSteps.TryGetValue(key, out var walk))
        {
            walk = Walk([.. firstSteps.Select(e => (e.Dependent, Step(e.Dependent, e.Kind)))], reached: null);
            _walksByFirstSteps[key] = walk;
        }

        foreach (var (stack, rest) in walk)
        {
            found.TryAdd(stack, new ReasonChain(changed, rest));
        }

        return found;
    }

    /// <summary>The stacks a changed path reaches without the graph's edges: the stack holding it, its project's stacks, its readers' stacks.</summary>
    private void AddDirect(string path, ReasonStep changed, Dictionary<string, IReadOnlyList<ReasonStep>> found)
    {
        void Direct(StackInfo stack, params ReasonStep[] steps) => found.TryAdd(stack.Path, [.. steps, new ReasonStep("stack", stack.Path, "affected stack")]);

        foreach (var folder in RepositoryPath.Ancestors(path))
        {
            if (_graph.StackAt(folder) is { } owner)
            {
                Direct(owner, changed);
            }
        }

        if (_stacksByProjectFile.TryGetValue(path, out var projectStacks))
        {
            foreach (var stack in projectStacks)
            {
                Direct(stack, changed, new ReasonStep("project", stack.ProjectPath!, "project of the stack"));
            }
        }

        foreach (var (stack, reader) in DataReaders(path))
        {
            Direct(stack, changed, new ReasonStep("file", reader, "reads it with file.read"));
        }
    }

    /// <summary>A .k file the graph does not hold (deleted, or asked about by path) still changes its package: that package.</summary>
    private string? UnknownKclFilePackage(string path) =>
        path.EndsWith(FileClassifier.KclExtension, StringComparison.Ordinal) && RepositoryPath.Parent(path) is { } package
        && _graph.IsPackage(package) && _graph.Snapshot[path] is null
            ? package
            : null;

    /// <summary>
    /// Breadth first from the seeds (each shown in chains as its own step), along the graph's edges to stacks:
    /// per stack reached, the shortest chain from a seed's step to the stack's.
    /// </summary>
    private Dictionary<string, ReasonChain> Walk(IReadOnlyList<(DependencyNode Node, ReasonStep Step)> seeds, HashSet<DependencyNode>? reached)
    {
        var found = new Dictionary<string, ReasonChain>(StringComparer.Ordinal);
        var predecessors = new Dictionary<DependencyNode, (DependencyNode From, DependencyKind Kind)>();
        var seedSteps = new Dictionary<DependencyNode, ReasonStep>();
        var queue = new Queue<DependencyNode>();
        foreach (var (node, step) in seeds)
        {
            if (!seedSteps.TryAdd(node, step))
            {
                continue;
            }

            if (node.Kind == NodeKind.Stack)
            {
                found.TryAdd(node.Path, new ReasonChain(step, null));
            }
            else
            {
                queue.Enqueue(node);
            }
        }

        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            reached?.Add(node);
            foreach (var edge in _graph.DependentsOf(node))
            {
                if (seedSteps.ContainsKey(edge.Dependent) || predecessors.ContainsKey(edge.Dependent))
                {
                    continue;
                }

                predecessors[edge.Dependent] = (node, edge.Kind);
                if (edge.Dependent.Kind == NodeKind.Stack)
                {
                    found.TryAdd(edge.Dependent.Path, Chain(edge.Dependent, predecessors, seedSteps));
                }
                else
                {
                    queue.Enqueue(edge.Dependent);
                }
            }
        }

        return found;
    }

    /// <summary>Stacks whose KCL reads the path: by a literal file.read, or by file access no literal shows.</summary>
    private IEnumerable<(StackInfo Stack, string Reader)> DataReaders(string path)
    {
        if (_dataReads is null)
        {
            IndexDataReads();
        }

        if (_dataReads!.TryGetValue(path, out var readers))
        {
            foreach (var reader in readers)
            {
                yield return reader;
            }
        }

        if (!path.EndsWith(FileClassifier.KclExtension, StringComparison.Ordinal))
        {
            foreach (var reader in _dynamicReaders!)
            {
                yield return reader;
            }
        }
    }

    private void IndexDataReads()
    {
        _dataReads = new Dictionary<string, List<(StackInfo, string)>>(StringComparer.Ordinal);
        _dynamicReaders = [];
        foreach (var (path, facts) in _graph.Snapshot.Files)
        {
            if (facts is not KclFileFacts { FileReads.Count: > 0 } and not KclFileFacts { HasDynamicFileAccess: true })
            {
                continue;
            }

            var kcl = (KclFileFacts)facts;
            var stacks = new Dictionary<string, IReadOnlyList<ReasonStep>>(StringComparer.Ordinal);
            new StackReachability(_graph) { _dataReads = [], _dynamicReaders = [] }.Reach([(path, "reader")], stacks);
            foreach (var stackPath in stacks.Keys)
            {
                var stack = _graph.StackAt(stackPath)!;
                if (kcl.HasDynamicFileAccess)
                {
                    _dynamicReaders.Add((stack, path));
                }

                foreach (var read in kcl.FileReads)
                {
                    if (RepositoryPath.Combine(stack.Path, read) is { } dataPath)
                    {
                        if (!_dataReads.TryGetValue(dataPath, out var list))
                        {
                            list = [];
                            _dataReads[dataPath] = list;
                        }

                        list.Add((stack, path));
                    }
                }
            }
        }
    }

    /// <summary>The chain to a stack, built back from it along the walk's predecessors to the seed it started from.</summary>
    private static ReasonChain Chain(
        DependencyNode stack,
        Dictionary<DependencyNode, (DependencyNode From, DependencyKind Kind)> predecessors,
        Dictionary<DependencyNode, ReasonStep> seedSteps)
    {
        ReasonChain? chain = null;
        var node = stack;
        while (predecessors.TryGetValue(node, out var step))
        {
            chain = new ReasonChain(Step(node, step.Kind), chain);
            node = step.From;
        }

        return new ReasonChain(seedSteps[node], chain);
    }

    /// <summary>A node's step in a chain, reached by an edge of <paramref name="kind"/>; a stack ends the chain.</summary>
    private static ReasonStep Step(DependencyNode node, DependencyKind kind) => node.Kind == NodeKind.Stack
        ? new ReasonStep("stack", node.Path, "affected stack: " + Relation(kind))
        : new ReasonStep(node.Kind.ToString().ToLowerInvariant(), node.Path, Relation(kind));

    private static string Relation(DependencyKind kind) => kind switch
    {
        DependencyKind.PackageFile => "package holding it",
        DependencyKind.Import => "imports it",
        DependencyKind.StackFolder => "compiles its folder",
        DependencyKind.EntranceFile => "lists it as an entrance file",
        _ => kind.ToString(),
    };
}
