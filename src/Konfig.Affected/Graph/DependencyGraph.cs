using Konfig.Affected.Snapshot;

namespace Konfig.Affected.Graph;

/// <summary>
/// What depends on what in one snapshot, stored backwards (from a dependency to its dependents), which
/// is the direction change detection walks: from a changed file to the stacks it reaches.
/// Edges: a .k file → its package (folder); a package or module file → each file importing it; a
/// stack's folder package and entrance files → the stack. Imports resolve as kcl does: absolute ones
/// from the nearest kcl.mod folder (or a <c>[dependencies]</c> path), relative ones from the file's folder.
/// </summary>
public sealed class DependencyGraph
{
    private const string KclModVariable = "${KCL_MOD}";

    private readonly Dictionary<DependencyNode, List<DependentEdge>> _dependents = [];
    private readonly Dictionary<(string Root, string Module), string?> _absoluteImports = [];
    private Dictionary<DependencyNode, List<DependencyNode>>? _dependencies;
    private readonly Dictionary<string, StackInfo> _stacksByPath = new(StringComparer.Ordinal);
    private readonly HashSet<string> _packages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _rootOfFolder = new(StringComparer.Ordinal);
    private readonly RepositorySnapshot _snapshot;

    private DependencyGraph(RepositorySnapshot snapshot)
    {
        _snapshot = snapshot;
    }

    public RepositorySnapshot Snapshot => _snapshot;

    /// <summary>Every stack, by folder, in path order.</summary>
    public IReadOnlyList<StackInfo> Stacks { get; private set; } = [];

    public StackInfo? StackAt(string folder) => _stacksByPath.GetValueOrDefault(folder);

    /// <summary>Folders holding kcl.mod.</summary>
    public IReadOnlyList<string> ModuleRoots { get; private set; } = [];

    public IReadOnlyList<DependentEdge> DependentsOf(DependencyNode node) =>
        _dependents.TryGetValue(node, out var edges) ? edges : [];

    /// <summary>What a node depends on directly (the edges read forwards), for <c>konfig deps --direct up</c>.</summary>
    public IReadOnlyList<DependencyNode> DependenciesOf(DependencyNode node)
    {
        if (_dependencies is null)
        {
            // Built on first use only: change detection walks edges backwards and never needs these.
            _dependencies = [];
            foreach (var (dependency, edges) in _dependents)
            {
                foreach (var edge in edges)
                {
                    if (!_dependencies.TryGetValue(edge.Dependent, out var list))
                    {
                        list = [];
                        _dependencies[edge.Dependent] = list;
                    }

                    list.Add(dependency);
                }
            }
        }

        return _dependencies.TryGetValue(node, out var nodes) ? nodes : [];
    }

    /// <summary>True when the folder holds .k files (so it can be imported as a package).</summary>
    public bool IsPackage(string folder) => _packages.Contains(folder);

    public static DependencyGraph Build(RepositorySnapshot snapshot)
    {
        var graph = new DependencyGraph(snapshot);
        graph.BuildModules();
        graph.BuildImports();
        graph.BuildStacks();
        return graph;
    }

    /// <summary>The nodes a .k file's import resolves to: the package folder and/or the module file that exist.</summary>
    public IEnumerable<DependencyNode> ResolveImport(string importingFile, string module)
    {
        var target = ImportTarget(importingFile, module);
        if (target is null)
        {
            yield break;
        }

        if (_packages.Contains(target))
        {
            yield return DependencyNode.Package(target);
        }

        if (_snapshot[target + FileClassifier.KclExtension] is KclFileFacts)
        {
            yield return DependencyNode.File(target + FileClassifier.KclExtension);
        }
    }

    /// <summary>The nearest folder at or above <paramref name="folder"/> holding kcl.mod; null when there is none.</summary>
    public string? ModuleRootOf(string folder)
    {
        if (_rootOfFolder.TryGetValue(folder, out var cached))
        {
            return cached;
        }

        var root = _snapshot[Join(folder, FileClassifier.KclModName)] is KclModFacts
            ? folder
            : RepositoryPath.Parent(folder) is { } parent ? ModuleRootOf(parent) : null;
        _rootOfFolder[folder] = root;
        return root;
    }

    private void BuildModules()
    {
        var roots = new List<string>();
        foreach (var (path, facts) in _snapshot.Files)
        {
            if (facts is KclFileFacts)
            {
                _packages.Add(RepositoryPath.Parent(path)!);
            }
            else if (facts is KclModFacts)
            {
                roots.Add(RepositoryPath.Parent(path)!);
            }
        }

        roots.Sort(StringComparer.Ordinal);
        ModuleRoots = roots;
    }

    private void BuildImports()
    {
        foreach (var (path, facts) in _snapshot.Files)
        {
            if (facts is not KclFileFacts kcl)
            {
                continue;
            }

            var file = DependencyNode.File(path);
            AddEdge(file, DependencyNode.Package(RepositoryPath.Parent(path)!), DependencyKind.PackageFile);
            foreach (var module in kcl.Imports)
            {
                foreach (var target in ResolveImport(path, module))
                {
                    AddEdge(target, file, DependencyKind.Import);
                }
            }
        }
    }

    private void BuildStacks()
    {
        var stacks = new List<StackInfo>();
        foreach (var (path, facts) in _snapshot.Files)
        {
            if (facts is not MarkerFileFacts { Kind: MarkerKind.Stack })
            {
                continue;
            }

            var folder = RepositoryPath.Parent(path)!;
            var root = ModuleRootOf(folder) ?? "";
            var project = RepositoryPath.Ancestors(path)
                .TakeWhile(f => RepositoryPath.IsWithin(f, root))
                .FirstOrDefault(f => _snapshot[Join(f, FileClassifier.ProjectFileName)] is MarkerFileFacts);

            var settingsFiles = new List<string>();
            var entrances = new List<string>();
            foreach (var settings in new[] { Join(folder, FileClassifier.KclYamlName), Join(folder, FileClassifier.CiSettingsPath) })
            {
                if (_snapshot[settings] is not SettingsFileFacts settingsFacts)
                {
                    continue;
                }

                settingsFiles.Add(settings);
                var settingsFolder = RepositoryPath.Parent(settings)!;
                foreach (var entry in settingsFacts.EntranceFiles)
                {
                    // kcl expands ${KCL_MOD} to the kcl.mod folder; other entries are relative to the settings file.
                    var resolved = entry.StartsWith(KclModVariable, StringComparison.Ordinal)
                        ? RepositoryPath.Combine(root, entry[KclModVariable.Length..].TrimStart('/'))
                        : RepositoryPath.Combine(settingsFolder, entry);
                    if (resolved is not null)
                    {
                        entrances.Add(resolved);
                    }
                }
            }

            var stack = new StackInfo(folder, project, root, entrances, settingsFiles);
            stacks.Add(stack);
            _stacksByPath[folder] = stack;

            var node = DependencyNode.Stack(folder);
            AddEdge(DependencyNode.Package(folder), node, DependencyKind.StackFolder);
            foreach (var entrance in entrances)
            {
                AddEdge(_packages.Contains(entrance) ? DependencyNode.Package(entrance) : DependencyNode.File(entrance), node, DependencyKind.EntranceFile);
            }
        }

        stacks.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        Stacks = stacks;
    }

    /// <summary>The repository path an import names, without extension; null when it cannot be placed.</summary>
    private string? ImportTarget(string importingFile, string module)
    {
        var folder = RepositoryPath.Parent(importingFile)!;
        if (module.StartsWith('.'))
        {
            var dots = module.Length - module.TrimStart('.').Length;
            var up = string.Concat(Enumerable.Repeat("../", dots - 1));
            return RepositoryPath.Combine(folder, up + module[dots..].Replace('.', '/'));
        }

        var root = ModuleRootOf(folder);
        if (root is null)
        {
            return null;
        }

        // Thousands of files import the same few modules from the same root: resolve each pair once.
        if (!_absoluteImports.TryGetValue((root, module), out var target))
        {
            target = AbsoluteImportTarget(root, module);
            _absoluteImports[(root, module)] = target;
        }

        return target;
    }

    private string? AbsoluteImportTarget(string root, string module)
    {
        var segments = module.Split('.');
        if (_snapshot[Join(root, FileClassifier.KclModName)] is KclModFacts mod)
        {
            foreach (var (name, dependencyPath) in mod.LocalDependencies)
            {
                if (name == segments[0] && RepositoryPath.Combine(root, dependencyPath) is { } dependencyRoot)
                {
                    return RepositoryPath.Combine(dependencyRoot, string.Join('/', segments.Skip(1)));
                }
            }
        }

        return RepositoryPath.Combine(root, string.Join('/', segments));
    }

    private void AddEdge(DependencyNode dependency, DependencyNode dependent, DependencyKind kind)
    {
        if (!_dependents.TryGetValue(dependency, out var edges))
        {
            edges = [];
            _dependents[dependency] = edges;
        }

        edges.Add(new DependentEdge(dependent, kind));
    }

    private static string Join(string folder, string name) => folder.Length == 0 ? name : folder + "/" + name;
}
