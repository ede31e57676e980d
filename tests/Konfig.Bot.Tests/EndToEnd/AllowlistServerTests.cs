using System.Net;
using FluentAssertions;
using Konfig.Bot.GitHub;
using Konfig.Bot.Server;
using Konfig.Bot.Tests.Events;
using Konfig.Engine.Runs;
using Konfig.FakeGitHub;

using Konfig.Bot.Tests.Server;

namespace Konfig.Bot.Tests.EndToEnd;

/// <summary>A delivery for a repository the server does not act for: answered, then nothing done and nothing kept.</summary>
public sealed class AllowlistServerTests : IAsyncLifetime
{
    private readonly TemporaryFolder _folder = new();
    private readonly BotWebhooks _outsider = new("intruder/platform");
    private FakeGitHubServer _github = null!;
    private BotServer _server = null!;

    public async Task InitializeAsync()
    {
        _github = await FakeGitHubServer.StartAsync();
        _github.State.AddRepository("intruder", "platform");
        _github.State.AddPullRequest("intruder", "platform", new FakePullRequest(7, "Hello", "octocat", "feature", new string('a', 40), "main", new string('b', 40)));
        _server = await BotServer.StartAsync(new BotServerOptions
        {
            Listen = new Uri("http://127.0.0.1:0"),
            WebhookSecret = WebhookExamples.Secret,
            Repositories = ["acme/*"],
            Credentials = new PersonalTokenCredentials("personal-token"),
            GitHubApi = _github.Url,
            GitHubMutationSpacing = TimeSpan.Zero,
            RemoteTemplate = _folder.Combine("no-such-remote"),
            WorkFolder = _folder.Combine("work"),
            KonfigFolder = "konfig",
            Engine = new StackRunSessionOptions { KubeconfigPath = _folder.Combine("kubeconfig"), StateFolder = _folder.Combine("state") },
            Logging = logging => { },
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _outsider.Dispose();
        await _github.DisposeAsync();
        _folder.Dispose();
    }

    [RequiresGitHubArtifactsFact]
    public async Task A_pull_request_and_a_push_of_a_repository_outside_the_allowlist_are_answered_and_ignored()
    {
        var opened = BotWebhooks.Delivery("pull_request", _outsider.OpenedPullRequest(7, new string('a', 40)));
        var push = BotWebhooks.Delivery("push", _outsider.Push(new string('c', 40)));

        var answers = new[] { await _outsider.PostAsync(_server.Url, opened), await _outsider.PostAsync(_server.Url, push) };

        answers.Should().AllSatisfy(answer =>
        {
            answer.Status.Should().Be(HttpStatusCode.Accepted, "GitHub should not redeliver it");
            answer.Text.Should().Contain("'intruder/platform' is not in the allowlist");
        });
        await Task.Delay(1000);
        _github.Requests.Should().BeEmpty("nothing is sent to GitHub for a repository not acted for");
        (await _server.Store.ActiveJobsAsync()).Should().BeEmpty("the push queued no apply");
        (await _server.Store.GetJobAsync(1)).Should().BeNull();
        (await _server.Store.RecentRunsAsync()).Should().BeEmpty();
        (await _server.Store.PreviewsAsync("intruder/platform", 7)).Should().BeEmpty();
        (await _server.Store.RecordDeliveryAsync(opened.DeliveryId!)).Should().BeTrue("the ignored delivery's id was not recorded");
        (await _server.Store.RecordDeliveryAsync(push.DeliveryId!)).Should().BeTrue("the ignored delivery's id was not recorded");
        (await _server.Store.RecordDeliveryAsync($"apply:intruder/platform@{new string('c', 40)}")).Should().BeTrue("the merge was not queued");
        var clones = _folder.Combine("work/repositories");
        (Directory.Exists(clones) ? Directory.EnumerateFileSystemEntries(clones) : []).Should().BeEmpty("nothing was cloned");
        _github.Violations.Should().BeEmpty();
    }
}
