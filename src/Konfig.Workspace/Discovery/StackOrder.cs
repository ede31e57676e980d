namespace Konfig.Workspace.Discovery;

/// <summary>
/// Orders a set of stacks by their <see cref="Stack.DependsOn"/> into levels: every stack comes in a later level
/// than the stacks of the set it depends on, so a level can go in parallel once the levels before it are done.
/// Dependencies outside the set do not order it (they are not being changed). Within a level, stacks keep the
/// order they were given in.
/// </summary>
public static class StackOrder
{
    /// <summary>The levels, dependencies first; or, when the set's dependencies form a cycle, an error naming the stacks in it.</summary>
    public static (IReadOnlyList<IReadOnlyList<Stack>>? Levels, string? Error) Levels(IReadOnlyList<Stack> stacks)
    {
        ArgumentNullException.ThrowIfNull(stacks);
        var byPath = new Dictionary<string, Stack>(StringComparer.Ordinal);
        foreach (var stack in stacks)
        {
            byPath.TryAdd(stack.Path, stack);
        }

        var inSet = byPath.Values.ToList();
        var done = new HashSet<string>(StringComparer.Ordinal);
        var levels = new List<IReadOnlyList<Stack>>();
        while (done.Count < inSet.Count)
        {
            var level = inSet.Where(stack => !done.Contains(stack.Path) && DependenciesIn(stack, byPath).All(done.Contains)).ToList();
            if (level.Count == 0)
            {
                var cycle = FindCycle(inSet.Where(stack => !done.Contains(stack.Path)).ToList(), byPath);
                return (null, $"the stacks' dependsOn form a cycle: {string.Join(" → ", cycle)}");
            }

            done.UnionWith(level.Select(stack => stack.Path));
            levels.Add(level);
        }

        return (levels, null);
    }

    /// <summary>The stack's dependencies that are in the set (without duplicates).</summary>
    public static IReadOnlyList<string> DependenciesIn(Stack stack, IReadOnlyDictionary<string, Stack> set) =>
        stack.DependsOn.Where(set.ContainsKey).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// A cycle among stacks that could not be ordered, as paths with the first repeated at the end. Every such
    /// stack depends on another one of them, so following dependencies from any of them must come back round.
    /// </summary>
    private static List<string> FindCycle(IReadOnlyList<Stack> stuck, IReadOnlyDictionary<string, Stack> byPath)
    {
        var stuckPaths = stuck.Select(stack => stack.Path).ToHashSet(StringComparer.Ordinal);
        var path = new List<string>();
        var current = stuck[0];
        while (!path.Contains(current.Path))
        {
            path.Add(current.Path);
            current = byPath[DependenciesIn(current, byPath).First(stuckPaths.Contains)];
        }

        var cycle = path.Skip(path.IndexOf(current.Path)).ToList();
        cycle.Add(current.Path);
        return cycle;
    }
}
