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
    /// Adds to <paramref name="found"/> every stack the paths reach that it does not hold yet; to
    /// <paramref name="reached"/>, when given, every file and package node the walk passes through.
    /// </summary>
    public void Reach(IEnumerable<(string Path, string Change)> changedPaths, Dictionary<string, List<ReasonStep>> found, HashSet<DependencyNode>? reached = null)
    {
        var predecessors = new Dictionary<DependencyNode, (DependencyNode From, DependencyKind Kind)>();
        var origins = new Dictionary<DependencyNode, ReasonStep>();
        var queue = new Queue<DependencyNode>();

        void Seed(DependencyNode node, ReasonStep origin)
        {
            if (origins.TryAdd(node, origin))
            {
                queue.Enqueue(node);
            }
        }

        void Direct(StackInfo stack, params ReasonStep[] steps) => found.TryAdd(stack.Path, [.. steps, new ReasonStep("stack", stack.Path, "affected stack")]);

        foreach (var (path, change) in changedPaths)
        {
            var changed = new ReasonStep("file", path, change);
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

            Seed(DependencyNode.File(path), changed);

            // A .k file the graph does not hold (deleted, or asked about by path) still changes its package.
            if (path.EndsWith(FileClassifier.KclExtension, StringComparison.Ordinal) && RepositoryPath.Parent(path) is { } package
                && _graph.IsPackage(package) && _graph.Snapshot[path] is null)
            {
                Seed(DependencyNode.Package(package), changed);
            }
        }

        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            reached?.Add(node);
            foreach (var edge in _graph.DependentsOf(node))
            {
                if (origins.ContainsKey(edge.Dependent) || predecessors.ContainsKey(edge.Dependent))
                {
                    continue;
                }

                predecessors[edge.Dependent] = (node, edge.Kind);
                if (edge.Dependent.Kind == NodeKind.Stack)
                {
                    found.TryAdd(edge.Dependent.Path, Chain(edge.Dependent, predecessors, origins));
                }
                else
                {
                    queue.Enqueue(edge.Dependent);
                }
            }
        }
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
            var stacks = new Dictionary<string, List<ReasonStep>>(StringComparer.Ordinal);
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

    private static List<ReasonStep> Chain(
        DependencyNode stack,
        Dictionary<DependencyNode, (DependencyNode From, DependencyKind Kind)> predecessors,
        Dictionary<DependencyNode, ReasonStep> origins)
    {
        var steps = new List<ReasonStep>();
        var node = stack;
        while (predecessors.TryGetValue(node, out var step))
        {
            steps.Add(new ReasonStep(node.Kind.ToString().ToLowerInvariant(), node.Path, Relation(step.Kind)));
            node = step.From;
        }

        steps.Add(origins[node]);
        steps.Reverse();
        steps[^1] = steps[^1] with { Relation = "affected stack: " + steps[^1].Relation };
        return steps;
    }

    private static string Relation(DependencyKind kind) => kind switch
    {
        DependencyKind.PackageFile => "package holding it",
        DependencyKind.Import => "imports it",
        DependencyKind.StackFolder => "compiles its folder",
        DependencyKind.EntranceFile => "lists it as an entrance file",
        _ => kind.ToString(),
    };
}
