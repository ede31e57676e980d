namespace Konfig.Workspace.Compilation;

/// <summary>
/// Runs a function over items on a few worker threads and hands the results to a sink in the items'
/// order, as soon as each one and all before it are done. Workers take the next item one at a time, so
/// at most a few results wait for a slower one: memory stays bounded however many items there are.
/// The sink runs under a lock, one result at a time.
/// </summary>
internal static class OrderedParallel
{
    public static void Run<TItem, TResult>(IReadOnlyList<TItem> items, int workers, Func<TItem, TResult> work, Action<TResult> sink)
    {
        var next = -1;
        var nextToDeliver = 0;
        var pending = new Dictionary<int, TResult>();
        var gate = new object();

        void Worker()
        {
            while (true)
            {
                var index = Interlocked.Increment(ref next);
                if (index >= items.Count)
                {
                    return;
                }

                var result = work(items[index]);
                lock (gate)
                {
                    pending[index] = result;
                    while (pending.Remove(nextToDeliver, out var ready))
                    {
                        sink(ready);
                        nextToDeliver++;
                    }
                }
            }
        }

        var count = Math.Clamp(workers, 1, Math.Max(1, items.Count));
        if (count == 1)
        {
            Worker();
            return;
        }

        var threads = Enumerable.Range(0, count - 1).Select(i => new Thread(Worker) { IsBackground = true, Name = $"konfig-compile-{i + 1}" }).ToList();
        threads.ForEach(thread => thread.Start());
        Worker();
        threads.ForEach(thread => thread.Join());
    }
}
