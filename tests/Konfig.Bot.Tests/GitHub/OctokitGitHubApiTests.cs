using System.Security.Cryptography;
using FluentAssertions;
using Konfig.Bot.GitHub;
using Konfig.FakeGitHub;
using Octokit;

namespace Konfig.Bot.Tests.GitHub;

/// <summary>
/// Our GitHub client against the fake GitHub over real HTTP. After every test the fake must have recorded
/// no violation of GitHub's REST description.
/// </summary>
public sealed class OctokitGitHubApiTests : IAsyncLifetime
{
    private const string Marker = "<!-- konfig:preview -->";

    private readonly SteppingClock clock = new();
    private FakeGitHubServer server = null!;

    public async Task InitializeAsync()
    {
        server = await FakeGitHubServer.StartAsync(new FakeGitHubOptions { Clock = clock });
        server.State.AddRepository("acme", "infra", "trunk", new Dictionary<string, string>
        {
            ["alice"] = "admin",
            ["bob"] = "maintain",
            ["carol"] = "triage",
            ["dave"] = "write",
        });
        server.State.AddPullRequest("acme", "infra", new FakePullRequest(7, "Scale web", "dave", "scale-web", "head7", "trunk", "base7"));
    }

    public async Task DisposeAsync()
    {
        var violations = server.Violations;
        await server.DisposeAsync();
        violations.Should().BeEmpty("every request must conform to GitHub's REST description");
    }

    [RequiresGitHubArtifactsFact]
    public async Task Gets_a_pull_request_and_the_default_branch()
    {
        using var api = TokenClient();

        var pr = await api.GetPullRequestAsync("acme", "infra", 7);
        var branch = await api.GetDefaultBranchAsync("acme", "infra");

        pr.Should().Be(new GitHubPullRequest(7, "Scale web", "dave", "open", false, false, "scale-web", "head7", "trunk", "base7", null));
        branch.Should().Be("trunk");
    }

    [RequiresGitHubArtifactsFact]
    public async Task The_sticky_comment_is_created_once_then_edited_in_place_behind_other_pages_of_comments()
    {
        // 120 comments first: the sticky one is on the second page of 100, so paging must be followed.
        for (var i = 0; i < 120; i++)
        {
            server.State.AddComment("acme", "infra", 7, $"chatter {i}");
        }

        using var api = TokenClient();

        var created = await api.UpsertStickyCommentAsync("acme", "infra", 7, Marker, "preview one");
        var updated = await api.UpsertStickyCommentAsync("acme", "infra", 7, Marker, "preview two");

        var sticky = server.State.Comments("acme", "infra", 7).Where(c => c.Body.Contains(Marker, StringComparison.Ordinal)).ToList();
        sticky.Should().ContainSingle().Which.Body.Should().Be(Marker + "\npreview two");
        updated.Id.Should().Be(created.Id);
        server.State.Comments("acme", "infra", 7).Should().HaveCount(121);
        server.Requests.Count(r => r.Method == "GET" && r.Template == "/repos/{owner}/{repo}/issues/{issue_number}/comments")
            .Should().Be(4, "two upserts each read two pages");
        server.Requests.Count(r => r.Method == "PATCH").Should().Be(1);
    }

    [RequiresGitHubArtifactsFact]
    public async Task A_comment_is_found_by_its_marker_and_deleted()
    {
        server.State.AddComment("acme", "infra", 7, "unrelated");
        var old = server.State.AddComment("acme", "infra", 7, Marker + "\nold preview", "konfig[bot]");
        using var api = TokenClient();

        var found = await api.FindCommentAsync("acme", "infra", 7, Marker);
        await api.DeleteIssueCommentAsync("acme", "infra", found!.Id);

        found.Id.Should().Be(old.Id);
        found.Author.Should().Be("konfig[bot]");
        server.State.Comments("acme", "infra", 7).Select(c => c.Body).Should().Equal("unrelated");
        (await api.FindCommentAsync("acme", "infra", 7, Marker)).Should().BeNull();
    }

    [RequiresGitHubArtifactsFact]
    public async Task A_check_run_with_120_annotations_sends_them_50_at_a_time_and_completes_last()
    {
        using var api = TokenClient();
        var annotations = Enumerable.Range(1, 120)
            .Select(i => new CheckAnnotation("konfig/apps/web/main.k", i, i, AnnotationLevel.Failure, $"error {i}", "KCL error"))
            .ToList();

        var id = await api.CreateCheckRunAsync("acme", "infra", new NewCheckRunRequest("konfig: apps/web/dev", "head7")
        {
            Status = CheckRunStatus.Completed,
            Conclusion = CheckRunConclusion.Failure,
            Output = new CheckRunOutput("Compile failed", "120 errors", null, annotations),
        });

        var run = server.State.CheckRuns("acme", "infra").Should().ContainSingle().Subject;
        run.Id.Should().Be(id);
        run.AnnotationsPerRequest.Should().Equal(50, 50, 20);
        run.Annotations.Select(a => a.StartLine).Should().Equal(Enumerable.Range(1, 120));
        run.Status.Should().Be("completed");
        run.Conclusion.Should().Be("failure");
        run.Summary.Should().Be("120 errors");
        // The create did not conclude the run while annotations were still to come.
        server.Requests.First(r => r.Method == "POST").Body.Should().Contain("\"in_progress\"").And.NotContain("conclusion");
    }

    [RequiresGitHubArtifactsFact]
    public async Task A_check_run_is_created_in_progress_then_updated_to_success()
    {
        using var api = TokenClient();

        var id = await api.CreateCheckRunAsync("acme", "infra", new NewCheckRunRequest("konfig", "head7"));
        await api.UpdateCheckRunAsync("acme", "infra", id, new CheckRunChange
        {
            Conclusion = CheckRunConclusion.Success,
            Output = new CheckRunOutput("3 stacks previewed", "no changes"),
        });

        var run = server.State.CheckRuns("acme", "infra").Should().ContainSingle().Subject;
        run.Status.Should().Be("completed");
        run.Conclusion.Should().Be("success");
        run.Title.Should().Be("3 stacks previewed");
        run.AnnotationsPerRequest.Should().Equal(0, 0);
    }

    [RequiresGitHubArtifactsFact]
    public async Task A_commit_status_is_created_with_its_description_cut_to_140_characters()
    {
        using var api = TokenClient();

        await api.CreateCommitStatusAsync("acme", "infra", "head7",
            new CommitStatusRequest(CommitStatusState.Failure, "konfig/preview", new string('x', 200), "https://konfig.example/runs/1"));

        var status = server.State.Statuses("acme", "infra").Should().ContainSingle().Subject;
        status.Sha.Should().Be("head7");
        status.State.Should().Be("failure");
        status.Context.Should().Be("konfig/preview");
        status.Description!.Length.Should().Be(140);
        status.TargetUrl.Should().Be("https://konfig.example/runs/1");
    }

    [RequiresGitHubArtifactsFact]
    public async Task Permissions_are_read_as_github_reports_them()
    {
        using var api = TokenClient();

        (await api.GetPermissionAsync("acme", "infra", "alice")).Should().Be(RepositoryPermission.Admin);
        (await api.GetPermissionAsync("acme", "infra", "bob")).Should().Be(RepositoryPermission.Write);
        (await api.GetPermissionAsync("acme", "infra", "carol")).Should().Be(RepositoryPermission.Read);
        (await api.GetPermissionAsync("acme", "infra", "dave")).Should().Be(RepositoryPermission.Write);
        (await api.GetPermissionAsync("acme", "infra", "mallory")).Should().Be(RepositoryPermission.None);
    }

    [RequiresGitHubArtifactsFact]
    public async Task A_429_with_retry_after_is_waited_out_and_the_call_succeeds()
    {
        using var api = TokenClient();
        server.FailNextRequest(new FakeFailure(429, RetryAfter: TimeSpan.FromSeconds(7)));

        var comment = await api.CreateIssueCommentAsync("acme", "infra", 7, "hello");

        comment.Body.Should().Be("hello");
        clock.Delays.Should().Equal(TimeSpan.FromSeconds(7));
        server.Requests.Count(r => r.Method == "POST").Should().Be(2);
        server.State.Comments("acme", "infra", 7).Should().ContainSingle();
    }

    [RequiresGitHubArtifactsFact]
    public async Task A_403_with_no_remaining_requests_waits_until_the_reset()
    {
        using var api = TokenClient();
        server.FailNextRequest(new FakeFailure(403, RateLimitReset: clock.GetUtcNow().AddSeconds(30)));

        var branch = await api.GetDefaultBranchAsync("acme", "infra");

        branch.Should().Be("trunk");
        // The reset header has whole seconds, so the wait is between 29 and 30 s.
        clock.Delays.Should().ContainSingle().Which.Should().BeCloseTo(TimeSpan.FromSeconds(29.5), TimeSpan.FromSeconds(0.5));
    }

    [RequiresGitHubArtifactsFact]
    public async Task A_secondary_rate_limit_without_headers_waits_a_minute()
    {
        using var api = TokenClient();
        server.FailNextRequest(new FakeFailure(403));

        await api.UpsertStickyCommentAsync("acme", "infra", 7, Marker, "preview");

        clock.Delays.Should().Equal(TimeSpan.FromMinutes(1));
        server.State.Comments("acme", "infra", 7).Should().ContainSingle();
    }

    [RequiresGitHubArtifactsFact]
    public async Task A_plain_403_is_not_retried()
    {
        // A personal token may not write check runs: GitHub's 403 says so, and waiting would not help.
        using var personal = new OctokitGitHubApi(new GitHubApiOptions
        {
            BaseAddress = server.Url,
            Credentials = new PersonalTokenCredentials("personal-token"),
            MutationSpacing = TimeSpan.Zero,
            Clock = clock,
        });
        var act = () => personal.CreateCheckRunAsync("acme", "infra", new NewCheckRunRequest("konfig", "head7"));

        await act.Should().ThrowAsync<ForbiddenException>();
        clock.Delays.Should().BeEmpty();
        server.Requests.Should().ContainSingle();
        server.TakeViolations().Should().ContainSingle().Which.Should().Contain("personal token cannot write check runs");
    }

    [RequiresGitHubArtifactsFact]
    public async Task When_retries_run_out_the_rate_limit_error_surfaces()
    {
        using var api = TokenClient(maxRetries: 0);
        server.FailNextRequest(new FakeFailure(429, RetryAfter: TimeSpan.FromSeconds(1)));

        var act = () => api.GetDefaultBranchAsync("acme", "infra");

        await act.Should().ThrowAsync<ApiException>();
        clock.Delays.Should().BeEmpty();
    }

    [RequiresGitHubArtifactsFact]
    public async Task Mutating_calls_are_spaced_and_reads_are_not()
    {
        using var api = TokenClient(spacing: TimeSpan.FromSeconds(1));

        await api.CreateIssueCommentAsync("acme", "infra", 7, "one");
        await api.GetDefaultBranchAsync("acme", "infra");
        await api.CreateIssueCommentAsync("acme", "infra", 7, "two");
        clock.Advance(TimeSpan.FromSeconds(0.25));
        await api.CreateCommitStatusAsync("acme", "infra", "head7", new CommitStatusRequest(CommitStatusState.Success, "konfig"));

        // The first mutation waits for nothing, the second a full second after the first ended, the third what is left of one.
        clock.Delays.Should().Equal(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(0.75));
    }

    [RequiresGitHubArtifactsFact]
    public async Task Mutating_calls_are_spaced_in_real_time_too()
    {
        await using var realServer = await FakeGitHubServer.StartAsync();
        realServer.State.AddRepository("acme", "infra");
        using var api = new OctokitGitHubApi(new GitHubApiOptions
        {
            BaseAddress = realServer.Url,
            Credentials = new PersonalTokenCredentials("test-token"),
            MutationSpacing = TimeSpan.FromMilliseconds(150),
        });

        for (var i = 0; i < 3; i++)
        {
            await api.CreateIssueCommentAsync("acme", "infra", 1, $"comment {i}");
        }

        // Each starts 150 ms after the one before ended, so the fake receives them at least 150 ms apart (less the clocks' granularity).
        var times = realServer.Requests.Select(r => r.ReceivedAt).ToList();
        times.Zip(times.Skip(1), (a, b) => b - a).Should().AllSatisfy(gap => gap.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(145)));
        realServer.Violations.Should().BeEmpty();
    }

    [RequiresGitHubArtifactsFact]
    public async Task App_mode_exchanges_a_signed_jwt_for_an_installation_token_and_reuses_it_until_near_expiry()
    {
        using var key = RSA.Create(2048);
        await using var appServer = await StartAppServerAsync(key);
        using var api = AppClient(appServer, key.ExportRSAPrivateKeyPem());

        await api.GetDefaultBranchAsync("acme", "infra");
        await api.GetPermissionAsync("acme", "infra", "alice");
        await api.CreateIssueCommentAsync("acme", "infra", 7, "written as the app");
        appServer.InstallationTokensIssued.Should().Be(1);

        // Tokens live an hour and are renewed 5 minutes early.
        clock.Advance(TimeSpan.FromMinutes(54));
        await api.GetDefaultBranchAsync("acme", "infra");
        appServer.InstallationTokensIssued.Should().Be(1);
        clock.Advance(TimeSpan.FromMinutes(2));
        await api.GetDefaultBranchAsync("acme", "infra");
        appServer.InstallationTokensIssued.Should().Be(2);

        var requests = appServer.Requests;
        requests.Where(r => r.Template == "/app/installations/{installation_id}/access_tokens")
            .Should().HaveCount(2).And.AllSatisfy(r => r.Authorization.Should().StartWith("Bearer ey"));
        requests.Where(r => r.Template == "/repos/{owner}/{repo}")
            .Should().AllSatisfy(r => r.Authorization.Should().StartWithEquivalentOf("token ghs_"));
        appServer.Violations.Should().BeEmpty();
    }

    [RequiresGitHubArtifactsFact]
    public async Task A_jwt_signed_with_another_key_is_refused_by_the_fake()
    {
        using var key = RSA.Create(2048);
        using var otherKey = RSA.Create(2048);
        await using var appServer = await StartAppServerAsync(key);
        using var api = AppClient(appServer, otherKey.ExportPkcs8PrivateKeyPem());

        var act = () => api.GetDefaultBranchAsync("acme", "infra");

        await act.Should().ThrowAsync<AuthorizationException>();
        appServer.Violations.Should().ContainSingle().Which.Should().Contain("signature does not match");
        appServer.InstallationTokensIssued.Should().Be(0);
    }

    [RequiresGitHubArtifactsFact]
    public async Task Cancellation_ends_a_rate_limit_wait()
    {
        using var api = new OctokitGitHubApi(new GitHubApiOptions
        {
            BaseAddress = server.Url,
            Credentials = new PersonalTokenCredentials("test-token"),
            MutationSpacing = TimeSpan.Zero,
        });
        server.FailNextRequest(new FakeFailure(429, RetryAfter: TimeSpan.FromMinutes(1)));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var started = System.Diagnostics.Stopwatch.StartNew();

        var act = () => api.GetDefaultBranchAsync("acme", "infra", cancel.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        started.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [RequiresGitHubArtifactsFact]
    public async Task A_request_that_gets_no_answer_in_time_is_a_timeout()
    {
        await using var slowServer = await FakeGitHubServer.StartAsync(new FakeGitHubOptions { Latency = TimeSpan.FromSeconds(5) });
        using var api = new OctokitGitHubApi(new GitHubApiOptions
        {
            BaseAddress = slowServer.Url,
            Credentials = new PersonalTokenCredentials("test-token"),
            RequestTimeout = TimeSpan.FromMilliseconds(200),
        });

        var act = () => api.GetDefaultBranchAsync("acme", "infra");

        (await act.Should().ThrowAsync<TimeoutException>()).WithMessage("GitHub did not answer GET *repos/acme/infra within 0.2 s");
    }

    private OctokitGitHubApi TokenClient(TimeSpan? spacing = null, int maxRetries = 3) => new(new GitHubApiOptions
    {
        BaseAddress = server.Url,
        Credentials = new PersonalTokenCredentials("test-token"),
        MutationSpacing = spacing ?? TimeSpan.Zero,
        MaxRateLimitRetries = maxRetries,
        Clock = clock,
    });

    private OctokitGitHubApi AppClient(FakeGitHubServer appServer, string privateKeyPem) => new(new GitHubApiOptions
    {
        BaseAddress = appServer.Url,
        Credentials = new GitHubAppCredentials(4242, privateKeyPem, 77),
        // Spaced: the token exchange is a POST too, and must not wait on the request it authenticates.
        MutationSpacing = TimeSpan.FromSeconds(1),
        Clock = clock,
    });

    private async Task<FakeGitHubServer> StartAppServerAsync(RSA key)
    {
        var appServer = await FakeGitHubServer.StartAsync(new FakeGitHubOptions
        {
            Clock = clock,
            Tokens = [],
            App = new FakeGitHubApp(4242, key.ExportSubjectPublicKeyInfoPem(), [77]),
        });
        appServer.State.AddRepository("acme", "infra", "trunk", new Dictionary<string, string> { ["alice"] = "admin" });
        return appServer;
    }
}
