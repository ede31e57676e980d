using System.Threading.Channels;
using Konfig.Bot.Events;

namespace Konfig.Bot.Server;

/// <summary>
/// One piece of work from an accepted delivery. <see cref="Key"/> says what it must not run alongside: jobs of one
/// pull request share a key, so they run one at a time and a newer one replaces one still waiting (only the latest
/// commit is worth previewing). <see cref="CommentBody"/> is the comment of a command (to quote back a parse error).
/// </summary>
public sealed record BotJob(string DeliveryId, BotAction Action, string? CommentBody = null)
{
    /// <summary>For a preview: the stacks named by <c>/konfig preview -s STACK</c>; empty for the affected stacks.</summary>
    public IReadOnlyList<string> OnlyStacks { get; init; } = [];

    public string Key => Action switch
    {
        PreviewAction { PullRequest: { } number } preview => $"{preview.Repository}#{number}",
        PreviewAction preview => $"{preview.Repository}@{preview.CheckoutRef}",
        CleanUpAction cleanUp => $"{cleanUp.Repository}#{cleanUp.PullRequest}",

        // A command only decides (permission, reply); a preview it asks for comes back through the pull request's key.
        _ => $"delivery:{DeliveryId}",
    };
}

/// <summary>
/// The jobs waiting for the workers: at most one waiting job per key, and a key is handed to one worker at a time.
/// A bounded channel carries the keys ready to run; the jobs themselves wait in <c>_waiting</c>, where a newer job
/// of the same key replaces the older one.
/// </summary>
public sealed class BotJobQueue
{
    private readonly int _capacity;
    private readonly Channel<string> _ready;
    private readonly Dictionary<string, BotJob> _waiting = new(StringComparer.Ordinal);
    private readonly HashSet<string> _running = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public BotJobQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;

        // A key is in the channel only while it has a waiting job and is not running, so the channel never holds
        // more than _capacity keys and writing to it never fails.
        _ready = Channel.CreateBounded<string>(new BoundedChannelOptions(capacity) { SingleWriter = false, SingleReader = false });
    }

    /// <summary>What <see cref="Enqueue"/> did.</summary>
    public enum Outcome
    {
        Queued,
        Replaced,
        Full,
    }

    /// <summary>Adds a job, replacing a job of the same key that is still waiting; <see cref="Outcome.Full"/> when the queue is full.</summary>
    public Outcome Enqueue(BotJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var key = job.Key;
        lock (_lock)
        {
            if (_waiting.ContainsKey(key))
            {
                _waiting[key] = job;
                return Outcome.Replaced;
            }

            if (_waiting.Count >= _capacity)
            {
                return Outcome.Full;
            }

            _waiting[key] = job;

            // A running key is made ready again when its job finishes.
            if (!_running.Contains(key))
            {
                _ready.Writer.TryWrite(key);
            }

            return Outcome.Queued;
        }
    }

    /// <summary>How many jobs wait (not counting running ones).</summary>
    public int Waiting
    {
        get
        {
            lock (_lock)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>Waits for the next job whose key is not running, and marks its key running until <see cref="Done"/>.</summary>
    public async Task<BotJob> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var key = await _ready.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            lock (_lock)
            {
                if (_waiting.Remove(key, out var job))
                {
                    _running.Add(key);
                    return job;
                }
            }
        }
    }

    /// <summary>The job's key is free again; a job of that key that came meanwhile becomes ready.</summary>
    public void Done(BotJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var key = job.Key;
        lock (_lock)
        {
            _running.Remove(key);
            if (_waiting.ContainsKey(key))
            {
                _ready.Writer.TryWrite(key);
            }
        }
    }
}
