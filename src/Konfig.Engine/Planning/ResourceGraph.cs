using Konfig.Engine.Resources;

namespace Konfig.Engine.Planning;

/// <summary>
/// The order resources are applied in: each resource after what it depends on. Edges come from
/// <c>dependsOn</c> (ids not in the spec are ignored: they are not ours to wait for), plus the implicit
/// ones: a Namespace before everything in it, a CustomResourceDefinition before the custom resources of
/// its group and kind. <see cref="Levels"/> groups resources that can go in parallel; deletion walks the
/// levels backwards, dependents first.
/// </summary>
public sealed class ResourceGraph
{
    private readonly Dictionary<string, List<string>> _dependencies;
    private readonly Dictionary<string, List<string>> _dependents;

    private ResourceGraph(IReadOnlyList<string> ids, Dictionary<string, List<string>> dependencies, Dictionary<string, List<string>> dependents, IReadOnlyList<IReadOnlyList<string>> levels)
    {
        Ids = ids;
        _dependencies = dependencies;
        _dependents = dependents;
        Levels = levels;
    }

    /// <summary>Resource ids in spec order.</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>Level 0 depends on nothing; level n only on earlier levels. Ids keep spec order inside a level.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Levels { get; }

    public IReadOnlyList<string> DependenciesOf(string id) => _dependencies.TryGetValue(id, out var list) ? list : [];

    public IReadOnlyList<string> DependentsOf(string id) => _dependents.TryGetValue(id, out var list) ? list : [];

    /// <summary>Every resource that depends on <paramref name="id"/>, directly or not.</summary>
    public IReadOnlySet<string> TransitiveDependentsOf(string id)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([id]);
        while (queue.Count > 0)
        {
            foreach (var dependent in DependentsOf(queue.Dequeue()))
            {
                if (seen.Add(dependent))
                {
                    queue.Enqueue(dependent);
                }
            }
        }

        return seen;
    }

    /// <summary>The graph, or an error naming a cycle ("a → b → a") or a duplicate id.</summary>
    public static (ResourceGraph? Graph, string? Error) Build(IReadOnlyList<DesiredResource> resources)
    {
        var ids = new List<string>();
        var byId = new Dictionary<string, DesiredResource>(StringComparer.Ordinal);
        foreach (var resource in resources)
        {
            if (!byId.TryAdd(resource.Id, resource))
            {
                return (null, $"resource id '{resource.Id}' appears twice in the spec");
            }

            ids.Add(resource.Id);
        }

        var dependencies = ids.ToDictionary(id => id, _ => new List<string>(), StringComparer.Ordinal);
        void Add(string from, string to)
        {
            if (from != to && byId.ContainsKey(to) && !dependencies[from].Contains(to))
            {
                dependencies[from].Add(to);
            }
        }

        var namespaces = new Dictionary<string, string>(StringComparer.Ordinal);
        var crds = new Dictionary<(string Group, string Kind), string>();
        foreach (var resource in resources)
        {
            var reference = resource.Reference;
            if (reference is { ApiVersion: "v1", Kind: "Namespace" })
            {
                namespaces[reference.Name] = resource.Id;
            }
            else if (reference is { Kind: "CustomResourceDefinition" }
                && resource.Manifest["spec"]?["group"]?.GetValue<string>() is { } group
                && resource.Manifest["spec"]?["names"]?["kind"]?.GetValue<string>() is { } kind)
            {
                crds[(group, kind)] = resource.Id;
            }
        }

        foreach (var resource in resources)
        {
            foreach (var dependency in resource.DependsOn)
            {
                Add(resource.Id, dependency);
            }

            if (resource.Reference is { } reference)
            {
                if (reference.Namespace is { } ns && namespaces.TryGetValue(ns, out var namespaceId))
                {
                    Add(resource.Id, namespaceId);
                }

                var group = reference.ApiVersion.Contains('/') ? reference.ApiVersion[..reference.ApiVersion.IndexOf('/')] : "";
                if (crds.TryGetValue((group, reference.Kind), out var crdId))
                {
                    Add(resource.Id, crdId);
                }
            }
        }

        var dependents = ids.ToDictionary(id => id, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var (id, list) in dependencies)
        {
            foreach (var dependency in list)
            {
                dependents[dependency].Add(id);
            }
        }

        if (FindCycle(ids, dependencies) is { } cycle)
        {
            return (null, $"dependency cycle: {string.Join(" → ", cycle)}");
        }

        var level = new Dictionary<string, int>(StringComparer.Ordinal);
        int LevelOf(string id)
        {
            if (!level.TryGetValue(id, out var value))
            {
                value = dependencies[id].Count == 0 ? 0 : dependencies[id].Max(LevelOf) + 1;
                level[id] = value;
            }

            return value;
        }

        var levels = ids.GroupBy(LevelOf).OrderBy(g => g.Key).Select(g => (IReadOnlyList<string>)[.. g]).ToList();
        return (new ResourceGraph(ids, dependencies, dependents, levels), null);
    }

    private static List<string>? FindCycle(List<string> ids, Dictionary<string, List<string>> dependencies)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 on the path, 2 done
        var path = new List<string>();
        List<string>? Visit(string id)
        {
            state[id] = 1;
            path.Add(id);
            foreach (var next in dependencies[id])
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    return [.. path.Skip(path.IndexOf(next)), next];
                }

                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[id] = 2;
            return null;
        }

        foreach (var id in ids)
        {
            if (state.GetValueOrDefault(id) == 0 && Visit(id) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }
}
