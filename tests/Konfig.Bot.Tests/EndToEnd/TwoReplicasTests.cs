using System.Net;
using FluentAssertions;
using Konfig.Bot.GitHub;
using Konfig.Bot.Server;
using Konfig.Bot.Storage;
using Konfig.Bot.Tests.Events;
using Konfig.Bot.Tests.Server;
using Konfig.Bot.Tests.Storage;
using Konfig.Bot.Webhooks;
using Xunit.Abstractions;
using Konfig.Engine.Runs;
using Konfig.FakeGitHub;
using Konfig.FakeKube;

namespace Konfig.Bot.Tests.EndToEnd;

/// <summary>
/// Two `konfig bot serve` replicas behind one load balancer: their own work folders, one PostgreSQL store (the
/// deliveries and the apply queue), one cluster. Pushes arrive at either, some at both; every merge must be applied
/// once, in merge order, never two at once.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TwoReplicasTests(PostgresServer postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Owner = "acme";
    private const string Repository = "platform";
    private const int Number = 7;
    private const string StackPath = "konfig/apps/status-page/dev";

    private readonly MergePreviewRemote _remote = new();
    private readonly TemporaryFolder _folder = new();
    private readonly BotWebhooks _webhooks = new($"{Owner}/{Repository}");
    private FakeKubeServer? _kube;
    private FakeGitHubServer? _github;
    private BotServer? _a;
    private BotServer? _b;

    public async Task InitializeAsync()
    {
        if (RequiresPostgresAndGitHubArtifactsFactAttribute.WhyUnavailable is not null)
        {
            return; // the test skips, saying why
        }

        _kube = await FakeKubeServer.StartAsync(new FakeKubeOptions());
        _kube.WriteKubeconfig(_folder.Combine("kubeconfig"), context: "fake");
        _github = await FakeGitHubServer.StartAsync();
        _github.State.AddRepository(Owner, Repository);
        _remote.PullRequest(Number, "schedule = \"*/5 * * * *\"", "schedule = \"*/10 * * * *\"");
        _github.State.AddPullRequest(Owner, Repository, new FakePullRequest(Number, "Every ten minutes", "octocat", "feature", _remote.HeadSha, "main", _remote.BaseSha));
        var store = new PostgresStoreLocation(await postgres.NewSchemaAsync());
        _a = await StartReplicaAsync("a", store);
        _b = await StartReplicaAsync("b", store);
    }

    private Task<BotServer> StartReplicaAsync(string name, BotStoreLocation store) =>
        BotServer.StartAsync(new BotServerOptions
        {
            Listen = new Uri("http://127.0.0.1:0"),
            WebhookSecret = WebhookExamples.Secret,
            Repositories = [$"{Owner}/{Repository}"],
            Credentials = new PersonalTokenCredentials("personal-token"),
            GitHubApi = _github!.Url,
            GitHubMutationSpacing = TimeSpan.Zero,
            RemoteTemplate = _remote.Path,
            WorkFolder = _folder.Combine($"work-{name}"),
            KonfigFolder = "konfig",
            Store = store,
            // The cluster's state is shared by the replicas, as the Kubernetes state backend would be.
            Engine = new StackRunSessionOptions { KubeconfigPath = _folder.Combine("kubeconfig"), StateFolder = _folder.Combine("state") },
            ApplyWorkers = 2,
            // A replica is woken by its own deliveries only, and finds the other's jobs when it polls (or right after
            // applying a job): polling seldom lets the test choose which replica applies its first two merges.
            ApplyPollInterval = TimeSpan.FromSeconds(20),
            Logging = logging => { },
        });

    public async Task DisposeAsync()
    {
        foreach (var server in new[] { _a, _b })
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }

        _webhooks.Dispose();
        if (_github is not null)
        {
            await _github.DisposeAsync();
        }

        if (_kube is not null)
        {
            await _kube.DisposeAsync();
        }

        _remote.Dispose();
        _folder.Dispose();
    }

    [RequiresPostgresAndGitHubArtifactsFact]
    public async Task Merges_delivered_to_either_replica_or_both_are_applied_once_each_in_order_one_at_a_time()
    {
        var (a, b) = (_a!.Url, _b!.Url);
        var store = _a.Store;
        var merges = new List<string> { _remote.MergeIntoMain() };

        // The first merge's push to B, its merged pull request's event to A: one merge, queued once, applied by B
        // (A is not woken and does not poll yet).
        (await PostAsync(b, Push(merges[0]))).Should().StartWith("accepted: apply job");
        (await PostAsync(a, BotWebhooks.Delivery("pull_request", _webhooks.MergedPullRequest(Number, _remote.HeadSha, merges[0])))).Should().Contain("already queued");
        await BotWebhooks.Until(async () => (await store.GetJobAsync(1))?.State == JobState.Done);

        // The second merge's push to A: applied by A.
        merges.Add(_remote.ChangeOnMain("schedule = \"*/10 * * * *\"", "schedule = \"*/15 * * * *\""));
        (await PostAsync(a, Push(merges[1]))).Should().StartWith("accepted: apply job");
        await BotWebhooks.Until(async () => (await store.GetJobAsync(2))?.State == JobState.Done);
        (await store.GetJobAsync(2))!.WorkerId.Should().NotBe((await store.GetJobAsync(1))!.WorkerId, "each replica applied the merge it was told of");

        // Then a burst, while the replicas apply. The third merge's push delivered to both at once (the same
        // delivery): one takes it, the other has seen it.
        merges.Add(_remote.ChangeOnMain("schedule = \"*/15 * * * *\"", "schedule = \"*/20 * * * *\""));
        var same = Push(merges[2]);
        (await Task.WhenAll(PostAsync(a, same), PostAsync(b, same))).Should()
            .ContainSingle(text => text.StartsWith("accepted: apply job", StringComparison.Ordinal))
            .And.ContainSingle(text => text.Contains("already received", StringComparison.Ordinal));

        // The fourth merge's push, and another delivery of it, to both at once: queued once.
        merges.Add(_remote.ChangeOnMain("schedule = \"*/20 * * * *\"", "schedule = \"*/25 * * * *\""));
        (await Task.WhenAll(PostAsync(a, Push(merges[3])), PostAsync(b, Push(merges[3])))).Should()
            .ContainSingle(text => text.StartsWith("accepted: apply job", StringComparison.Ordinal))
            .And.ContainSingle(text => text.Contains("already queued", StringComparison.Ordinal));

        merges.Add(_remote.ChangeOnMain("schedule = \"*/25 * * * *\"", "schedule = \"*/30 * * * *\""));
        (await PostAsync(b, Push(merges[4]))).Should().StartWith("accepted: apply job");

        await BotWebhooks.Until(async () => (await store.ActiveJobsAsync()).Count == 0);
        var jobs = new List<ApplyJob>();
        for (var id = 1; await store.GetJobAsync(id) is { } job; id++)
        {
            jobs.Add(job);
        }

        foreach (var job in jobs)
        {
            output.WriteLine($"job {job.Id}: {job.CommitSha[..7]} applied by {job.WorkerId}");
        }

        jobs.Select(job => job.CommitSha).Should().Equal(merges, "one job per merge, in merge order");
        jobs.Should().AllSatisfy(job =>
        {
            job.State.Should().Be(JobState.Done);
            job.Attempt.Should().Be(1, "no job was claimed twice");
            job.Outcome.Should().Be(RunOutcome.Succeeded, job.LogTail);
        });
        jobs.Select(job => job.FinishedAt).Should().BeInAscendingOrder();

        var applies = (await store.RecentRunsAsync($"{Owner}/{Repository}", StackPath)).Where(run => run.Kind == RunKind.Apply).OrderBy(run => run.StartedAt).ToList();
        applies.Select(run => run.CommitSha).Should().Equal(merges, "each merge applied once, in merge order");
        for (var i = 1; i < applies.Count; i++)
        {
            applies[i - 1].FinishedAt.Should().BeOnOrBefore(applies[i].StartedAt, "one repository's merges never apply at once");
        }

        Schedule().Should().Be("*/30 * * * *", "the last merge applied last");
        _github!.State.Statuses(Owner, Repository).Where(s => s.Context == $"konfig apply: {StackPath}" && s.State == "success")
            .Select(s => s.Sha).Distinct().Should().BeEquivalentTo(merges);
        _github.Violations.Should().BeEmpty();
    }

    private WebhookRequest Push(string sha) => BotWebhooks.Delivery("push", _webhooks.Push(sha));

    private async Task<string> PostAsync(Uri server, WebhookRequest delivery)
    {
        var (status, text) = await _webhooks.PostAsync(server, delivery);
        status.Should().Be(HttpStatusCode.Accepted, text);
        return text;
    }

    private string? Schedule()
    {
        var cronJob = _kube!.Objects.All().FirstOrDefault(o => o["kind"]?.GetValue<string>() == "CronJob");
        return cronJob?["spec"]?["schedule"]?.GetValue<string>();
    }
}

/// <summary>A fact that needs both PostgreSQL and GitHub's artifacts: skipped, saying which is missing.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresPostgresAndGitHubArtifactsFactAttribute : FactAttribute
{
    public RequiresPostgresAndGitHubArtifactsFactAttribute()
    {
        Skip = WhyUnavailable;
    }

    public static string? WhyUnavailable => PostgresServer.WhyUnavailable ?? GitHubArtifacts.MissingReason;
}
