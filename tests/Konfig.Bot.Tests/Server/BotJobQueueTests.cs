using FluentAssertions;
using Konfig.Bot.Commands;
using Konfig.Bot.Events;
using Konfig.Bot.Server;

namespace Konfig.Bot.Tests.Server;

public sealed class BotJobQueueTests
{
    private static readonly CancellationToken Soon = new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token;

    [Fact]
    public async Task A_newer_job_of_a_pull_request_replaces_the_one_still_waiting()
    {
        var queue = new BotJobQueue(10);

        queue.Enqueue(Preview(7, "aaa")).Should().Be(BotJobQueue.Outcome.Queued);
        queue.Enqueue(Preview(7, "bbb")).Should().Be(BotJobQueue.Outcome.Replaced);
        queue.Enqueue(Preview(8, "ccc")).Should().Be(BotJobQueue.Outcome.Queued);

        Sha(await queue.TakeAsync(Soon)).Should().Be("bbb");
        Sha(await queue.TakeAsync(Soon)).Should().Be("ccc");
        queue.Waiting.Should().Be(0);
    }

    [Fact]
    public async Task A_pull_request_runs_one_job_at_a_time_and_the_next_is_ready_when_it_is_done()
    {
        var queue = new BotJobQueue(10);
        queue.Enqueue(Preview(7, "aaa"));
        var running = await queue.TakeAsync(Soon);

        queue.Enqueue(Preview(7, "bbb")).Should().Be(BotJobQueue.Outcome.Queued);
        queue.Enqueue(Preview(9, "ddd"));
        Sha(await queue.TakeAsync(Soon)).Should().Be("ddd", "#7 is running, so its next job waits");

        var next = queue.TakeAsync(Soon);
        await Task.Delay(100);
        next.IsCompleted.Should().BeFalse();
        queue.Done(running);
        Sha(await next).Should().Be("bbb");
    }

    [Fact]
    public void Commands_do_not_replace_each_other_and_a_full_queue_says_so()
    {
        var queue = new BotJobQueue(2);
        var help = new CommandAction("acme/platform", 7, 1, "octocat", "OWNER", new CommandParseResult(new BotCommand(CommandVerb.Help, []), null));

        queue.Enqueue(new BotJob("d1", help)).Should().Be(BotJobQueue.Outcome.Queued);
        queue.Enqueue(new BotJob("d2", help)).Should().Be(BotJobQueue.Outcome.Queued);
        queue.Enqueue(Preview(7, "aaa")).Should().Be(BotJobQueue.Outcome.Full);
        queue.Waiting.Should().Be(2);
    }

    private static BotJob Preview(int number, string sha) =>
        new(Guid.NewGuid().ToString(), new PreviewAction("acme/platform", number, sha, "main", $"refs/pull/{number}/merge"));

    private static string Sha(BotJob job) => ((PreviewAction)job.Action).HeadSha;
}
