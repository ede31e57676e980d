using System.Collections.Concurrent;
using System.Diagnostics;
using FluentAssertions;
using Konfig.Bot.Storage;

namespace Konfig.Bot.Tests.Storage;

/// <summary>
/// Several replicas (store instances), each with several workers, drain a queue with several jobs per stack.
/// Each run is recorded as an interval from after its claim returned to before its completion was sent, so an
/// overlap of two intervals of one stack means two of its jobs were running at once.
/// </summary>
internal static class ConcurrentClaims
{
    private const string Repo = "acme/infra";

    public static async Task DrainAndCheckAsync(IReadOnlyList<IBotStore> replicas, int stacks = 4, int jobsPerStack = 12, int workersPerReplica = 4)
    {
        var enqueued = new List<ApplyJob>();
        for (var round = 0; round < jobsPerStack; round++)
        {
            for (var stack = 0; stack < stacks; stack++)
            {
                var replica = replicas[(round + stack) % replicas.Count];
                enqueued.Add(await replica.EnqueueAsync(new ApplyRequest(Repo, $"apps/stack-{stack}", $"sha-{round}", null)));
            }
        }

        var runs = new ConcurrentBag<(ApplyJob Job, long Start, long End)>();
        var completed = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));

        async Task WorkAsync(IBotStore store, string workerId)
        {
            while (Volatile.Read(ref completed) < enqueued.Count)
            {
                var job = await store.ClaimNextAsync(workerId, TimeSpan.FromMinutes(10), timeout.Token);
                if (job is null)
                {
                    await Task.Delay(Random.Shared.Next(1, 6), timeout.Token);
                    continue;
                }

                var start = Stopwatch.GetTimestamp();
                await Task.Delay(Random.Shared.Next(1, 4), timeout.Token);
                runs.Add((job, start, Stopwatch.GetTimestamp()));
                if (!await store.CompleteAsync(job, RunOutcome.Succeeded, null, timeout.Token))
                {
                    throw new InvalidOperationException($"{workerId} lost its claim of job {job.Id}");
                }

                Interlocked.Increment(ref completed);
                // As a real worker reports its run before asking again; without the pause the worker that frees
                // a stack re-claims it at once and the other replica never gets a turn.
                await Task.Delay(Random.Shared.Next(1, 6), timeout.Token);
            }
        }

        var workers = replicas
            .SelectMany((store, r) => Enumerable.Range(0, workersPerReplica).Select(w => (store, id: $"replica-{r}/worker-{w}")))
            .Select(worker => Task.Run(() => WorkAsync(worker.store, worker.id)))
            .ToList();
        await Task.WhenAll(workers);

        // Every job ran exactly once, on its first claim.
        runs.Select(run => run.Job.Id).Should().BeEquivalentTo(enqueued.Select(job => job.Id));
        runs.Should().OnlyContain(run => run.Job.Attempt == 1);

        foreach (var stack in runs.GroupBy(run => run.Job.StackPath))
        {
            var ordered = stack.OrderBy(run => run.Start).ToList();
            ordered.Select(run => run.Job.Id).Should().BeInAscendingOrder($"{stack.Key} runs its jobs in enqueue order");
            for (var i = 1; i < ordered.Count; i++)
            {
                ordered[i].Start.Should().BeGreaterThanOrEqualTo(ordered[i - 1].End,
                    $"job {ordered[i].Job.Id} of {stack.Key} started while job {ordered[i - 1].Job.Id} was running");
            }
        }

        // The test means something only if the replicas did share the work and stacks did run side by side.
        runs.Select(run => run.Job.WorkerId!.Split('/')[0]).Distinct().Should().HaveCount(replicas.Count);
        var all = runs.OrderBy(run => run.Start).ToList();
        all.Zip(all.Skip(1)).Should().Contain(pair => pair.Second.Start < pair.First.End && pair.First.Job.StackPath != pair.Second.Job.StackPath,
            "different stacks run at the same time");
        (await replicas[0].ActiveJobsAsync()).Should().BeEmpty();
    }
}
