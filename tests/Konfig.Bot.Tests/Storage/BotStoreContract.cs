using FluentAssertions;
using Konfig.Bot.Storage;

namespace Konfig.Bot.Tests.Storage;

/// <summary>
/// What every <see cref="IBotStore"/> must do, run against each implementation by a subclass that says how to
/// open (and reopen) its store on a fresh database.
/// </summary>
public abstract class BotStoreContract : IAsyncLifetime
{
    private const string Repo = "acme/infra";
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    protected ManualTime Time { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private IBotStore? _store;

    private IBotStore Store => _store ?? throw new InvalidOperationException("store not open");

    /// <summary>Opens the store of this test's database (the same database every time it is called).</summary>
    protected abstract Task<IBotStore> OpenStoreAsync();

    public async Task InitializeAsync() => _store = await OpenStoreAsync();

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    private async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        _store = null;
        _store = await OpenStoreAsync();
    }

    private Task<ApplyJob> EnqueueAsync(string stack, string sha = "abc123", int? pr = 7, string repo = Repo) =>
        Store.EnqueueAsync(new ApplyRequest(repo, stack, sha, pr));

    [StoreFact]
    public async Task A_delivery_is_new_once_and_forgotten_after_the_retention_window()
    {
        (await Store.RecordDeliveryAsync("d-1")).Should().BeTrue();
        (await Store.RecordDeliveryAsync("d-1")).Should().BeFalse("a replayed delivery is seen");
        (await Store.RecordDeliveryAsync("d-2")).Should().BeTrue();

        Time.Advance(TimeSpan.FromHours(2));
        (await Store.RecordDeliveryAsync("d-3")).Should().BeTrue();
        (await Store.PruneDeliveriesAsync(TimeSpan.FromHours(1))).Should().Be(2);

        (await Store.RecordDeliveryAsync("d-3")).Should().BeFalse("d-3 is inside the window");
        (await Store.RecordDeliveryAsync("d-1")).Should().BeTrue("d-1 was pruned");
    }

    [StoreFact]
    public async Task Jobs_of_one_stack_run_in_enqueue_order_one_at_a_time()
    {
        var first = await EnqueueAsync("apps/web/prod", sha: "111");
        var second = await EnqueueAsync("apps/web/prod", sha: "222");
        first.State.Should().Be(JobState.Pending);
        first.EnqueuedAt.Should().Be(Time.GetUtcNow());

        var claimed = await Store.ClaimNextAsync("worker-1", Lease);
        claimed.Should().NotBeNull();
        claimed!.Id.Should().Be(first.Id);
        claimed.CommitSha.Should().Be("111");
        claimed.PullRequest.Should().Be(7);
        claimed.State.Should().Be(JobState.Running);
        claimed.WorkerId.Should().Be("worker-1");
        claimed.Attempt.Should().Be(1);
        claimed.LeaseUntil.Should().Be(Time.GetUtcNow() + Lease);

        (await Store.ClaimNextAsync("worker-2", Lease)).Should().BeNull("the stack's first job is still running");

        (await Store.CompleteAsync(claimed, RunOutcome.Failed, "error: boom")).Should().BeTrue();
        var done = await Store.GetJobAsync(first.Id);
        done!.State.Should().Be(JobState.Done);
        done.Outcome.Should().Be(RunOutcome.Failed);
        done.LogTail.Should().Be("error: boom");
        done.FinishedAt.Should().Be(Time.GetUtcNow());
        (await Store.CompleteAsync(claimed, RunOutcome.Succeeded, null)).Should().BeFalse("a job completes once");

        var next = await Store.ClaimNextAsync("worker-2", Lease);
        next!.Id.Should().Be(second.Id);
        next.CommitSha.Should().Be("222");
        (await Store.CompleteAsync(next, RunOutcome.Succeeded, null)).Should().BeTrue();
        (await Store.ClaimNextAsync("worker-2", Lease)).Should().BeNull();
        (await Store.ActiveJobsAsync()).Should().BeEmpty();
    }

    [StoreFact]
    public async Task Different_stacks_are_claimed_at_once_and_a_busy_stack_is_passed_over()
    {
        var web1 = await EnqueueAsync("apps/web/prod");
        var web2 = await EnqueueAsync("apps/web/prod");
        var db = await EnqueueAsync("apps/db/prod", pr: null);
        var otherRepo = await EnqueueAsync("apps/web/prod", repo: "acme/other");

        var claims = new List<ApplyJob?>();
        for (var i = 0; i < 4; i++)
        {
            claims.Add(await Store.ClaimNextAsync($"worker-{i}", Lease));
        }

        claims.Select(job => job?.Id).Should().Equal(web1.Id, db.Id, otherRepo.Id, null);
        claims[1]!.PullRequest.Should().BeNull();

        var active = await Store.ActiveJobsAsync();
        active.Select(job => (job.Id, job.State)).Should().Equal(
            (web1.Id, JobState.Running), (web2.Id, JobState.Pending), (db.Id, JobState.Running), (otherRepo.Id, JobState.Running));
    }

    [StoreFact]
    public async Task A_job_whose_lease_expired_is_claimed_again_and_the_old_claim_is_refused()
    {
        var first = await EnqueueAsync("apps/web/prod");
        var second = await EnqueueAsync("apps/web/prod");
        var crashed = await Store.ClaimNextAsync("replica-a", TimeSpan.FromMinutes(1));

        Time.Advance(TimeSpan.FromSeconds(59));
        (await Store.ClaimNextAsync("replica-b", Lease)).Should().BeNull("the lease still holds");

        Time.Advance(TimeSpan.FromSeconds(2));
        var again = await Store.ClaimNextAsync("replica-b", Lease);
        again.Should().NotBeNull();
        again!.Id.Should().Be(first.Id, "the expired job keeps its place before the stack's pending job");
        again.Attempt.Should().Be(2);
        again.WorkerId.Should().Be("replica-b");
        (await Store.ClaimNextAsync("replica-c", Lease)).Should().BeNull();

        (await Store.RenewLeaseAsync(crashed!, Lease)).Should().BeFalse("replica-a lost its claim");
        (await Store.CompleteAsync(crashed!, RunOutcome.Succeeded, null)).Should().BeFalse();
        (await Store.GetJobAsync(first.Id))!.State.Should().Be(JobState.Running);

        (await Store.CompleteAsync(again, RunOutcome.Succeeded, "ok")).Should().BeTrue();
        (await Store.ClaimNextAsync("replica-c", Lease))!.Id.Should().Be(second.Id);
    }

    [StoreFact]
    public async Task Renewing_a_lease_keeps_the_job_from_being_claimed_again()
    {
        await EnqueueAsync("apps/web/prod");
        var job = await Store.ClaimNextAsync("worker-1", TimeSpan.FromMinutes(1));

        Time.Advance(TimeSpan.FromSeconds(50));
        (await Store.RenewLeaseAsync(job!, TimeSpan.FromMinutes(1))).Should().BeTrue();
        Time.Advance(TimeSpan.FromSeconds(50));
        (await Store.ClaimNextAsync("worker-2", Lease)).Should().BeNull("the renewed lease runs 60 s from the renewal");
        (await Store.GetJobAsync(job!.Id))!.LeaseUntil.Should().Be(Time.GetUtcNow() + TimeSpan.FromSeconds(10));

        Time.Advance(TimeSpan.FromSeconds(11));
        (await Store.ClaimNextAsync("worker-2", Lease))!.Id.Should().Be(job.Id);
    }

    [StoreFact]
    public async Task The_queue_survives_a_restart()
    {
        var first = await EnqueueAsync("apps/web/prod", sha: "111");
        var second = await EnqueueAsync("apps/web/prod", sha: "222");
        var db = await EnqueueAsync("apps/db/prod", sha: "333");
        var running = await Store.ClaimNextAsync("worker-1", Lease);

        await ReopenAsync();

        var active = await Store.ActiveJobsAsync();
        active.Select(job => (job.Id, job.State, job.CommitSha)).Should().Equal(
            (first.Id, JobState.Running, "111"), (second.Id, JobState.Pending, "222"), (db.Id, JobState.Pending, "333"));
        (await Store.ClaimNextAsync("worker-2", Lease))!.Id.Should().Be(db.Id, "the web stack is still running");
        (await Store.CompleteAsync(running!, RunOutcome.Succeeded, null)).Should().BeTrue("a claim made before the restart still completes");
        (await Store.ClaimNextAsync("worker-2", Lease))!.Id.Should().Be(second.Id);
    }

    [StoreFact]
    public async Task Recent_runs_come_newest_first_per_stack_or_for_all()
    {
        var start = Time.GetUtcNow();
        var preview = new RunRecord(Repo, "apps/web/prod", RunKind.Preview, "111", 7, RunOutcome.Succeeded,
            "2 to change", "| kind | name |\n| --- | --- |", start, start.AddSeconds(3));
        var apply = new RunRecord(Repo, "apps/web/prod", RunKind.Apply, "222", null, RunOutcome.Failed,
            "1 failed", null, start.AddMinutes(1), start.AddMinutes(2));
        var db = new RunRecord(Repo, "apps/db/prod", RunKind.Apply, "222", null, RunOutcome.Skipped,
            "skipped: apps/web/prod failed", null, start.AddMinutes(1), start.AddMinutes(1));

        var previewId = await Store.RecordRunAsync(preview);
        var applyId = await Store.RecordRunAsync(apply);
        var dbId = await Store.RecordRunAsync(db);
        new[] { previewId, applyId, dbId }.Should().OnlyHaveUniqueItems();

        var web = await Store.RecentRunsAsync(Repo, "apps/web/prod");
        web.Should().Equal(apply with { Id = applyId }, preview with { Id = previewId });
        (await Store.RecentRunsAsync(Repo, "apps/web/prod", limit: 1)).Should().Equal(apply with { Id = applyId });
        (await Store.RecentRunsAsync()).Select(run => run.Id).Should().Equal(applyId, dbId, previewId);
        (await Store.RecentRunsAsync("acme/other")).Should().BeEmpty();
    }

    [StoreFact]
    public async Task A_pull_request_keeps_the_latest_preview_per_stack()
    {
        var at = Time.GetUtcNow();
        await Store.SavePreviewAsync(new PreviewRecord(Repo, 7, "apps/web/prod", "111", "1 to change", "old diff", at));
        await Store.SavePreviewAsync(new PreviewRecord(Repo, 7, "apps/db/prod", "111", "no changes", "", at));
        await Store.SavePreviewAsync(new PreviewRecord(Repo, 7, "apps/web/prod", "222", "2 to change", "new diff", at.AddMinutes(1)));

        (await Store.PreviewsAsync(Repo, 7)).Should().Equal(
            new PreviewRecord(Repo, 7, "apps/db/prod", "111", "no changes", "", at),
            new PreviewRecord(Repo, 7, "apps/web/prod", "222", "2 to change", "new diff", at.AddMinutes(1)));
        (await Store.PreviewsAsync(Repo, 8)).Should().BeEmpty();

        (await Store.DeletePreviewsAsync(Repo, 7)).Should().Be(2);
        (await Store.PreviewsAsync(Repo, 7)).Should().BeEmpty();
    }

    [StoreFact]
    public async Task Previews_of_other_pull_requests_touching_applied_stacks_are_marked_outdated()
    {
        var at = Time.GetUtcNow();
        await Store.SavePreviewAsync(new PreviewRecord(Repo, 1, "apps/web/prod", "aaa", "s", "m", at));
        await Store.SavePreviewAsync(new PreviewRecord(Repo, 2, "apps/web/prod", "bbb", "s", "m", at));
        await Store.SavePreviewAsync(new PreviewRecord(Repo, 2, "apps/db/prod", "bbb", "s", "m", at));
        await Store.SavePreviewAsync(new PreviewRecord(Repo, 3, "apps/db/prod", "ccc", "s", "m", at));
        await Store.SavePreviewAsync(new PreviewRecord(Repo, 4, "apps/cache/prod", "ddd", "s", "m", at));
        await Store.SavePreviewAsync(new PreviewRecord("acme/other", 5, "apps/web/prod", "eee", "s", "m", at));

        var marked = await Store.MarkPreviewsOutdatedAsync(Repo, ["apps/web/prod", "apps/db/prod"], exceptPullRequest: 1, outdatedBy: "merge-sha");

        marked.Should().Equal(2, 3);
        (await Store.PreviewsAsync(Repo, 1)).Single().IsOutdated.Should().BeFalse("it is the merged pull request");
        (await Store.PreviewsAsync(Repo, 2)).Select(p => p.OutdatedBy).Should().Equal("merge-sha", "merge-sha");
        (await Store.PreviewsAsync(Repo, 4)).Single().IsOutdated.Should().BeFalse("it touches another stack");
        (await Store.PreviewsAsync("acme/other", 5)).Single().IsOutdated.Should().BeFalse("it is another repository");

        (await Store.MarkPreviewsOutdatedAsync(Repo, ["apps/db/prod"], null, "later-sha")).Should().BeEmpty("already marked");
        (await Store.PreviewsAsync(Repo, 3)).Single().OutdatedBy.Should().Be("merge-sha");

        // A new preview of the pull request is current again.
        await Store.SavePreviewAsync(new PreviewRecord(Repo, 3, "apps/db/prod", "ccc2", "s", "m", at));
        (await Store.PreviewsAsync(Repo, 3)).Single().IsOutdated.Should().BeFalse();
        (await Store.MarkPreviewsOutdatedAsync(Repo, ["apps/db/prod"], null, "later-sha")).Should().Equal(3);
    }

    [StoreFact]
    public async Task Bad_input_is_refused_with_a_clear_error()
    {
        await FluentActions.Awaiting(() => Store.RecordDeliveryAsync(" ")).Should().ThrowAsync<ArgumentException>().WithMessage("delivery id must not be empty*");
        await FluentActions.Awaiting(() => Store.ClaimNextAsync("w", TimeSpan.Zero)).Should().ThrowAsync<ArgumentOutOfRangeException>().WithMessage("lease must be positive*");
        await FluentActions.Awaiting(() => EnqueueAsync("")).Should().ThrowAsync<ArgumentException>().WithMessage("stack path must not be empty*");
        var at = Time.GetUtcNow();
        await FluentActions.Awaiting(() => Store.RecordRunAsync(new RunRecord(Repo, "s", RunKind.Apply, "1", null, RunOutcome.Succeeded, "", null, at, at.AddSeconds(-1))))
            .Should().ThrowAsync<ArgumentException>().WithMessage("run of s finishes*before it starts*");
    }
}
