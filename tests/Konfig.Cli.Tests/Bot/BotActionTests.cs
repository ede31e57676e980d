using System.Text.Json.Nodes;
using FluentAssertions;
using Konfig.FakeGitHub;
using Konfig.FakeKube;
using Konfig.Kcl.Compilation;

namespace Konfig.Cli.Tests.Bot;

/// <summary>
/// <c>konfig bot action</c> as a GitHub Actions job runs it: the GITHUB_* variables, the event payload file (the
/// pull_request "opened" example of @octokit/webhooks-examples, made this repository's), the checkout of the merge
/// preview, the fake GitHub and the fake API server over real HTTP.
/// </summary>
public sealed class BotActionTests : IAsyncLifetime
{
    private readonly KonfigGitRepository _git = new("status-page");
    private readonly TemporaryFolder _job = new();
    private FakeKubeServer _kube = null!;
    private FakeGitHubServer _github = null!;

    public async Task InitializeAsync()
    {
        _kube = await FakeKubeServer.StartAsync(new FakeKubeOptions());
        _kube.WriteKubeconfig(_job.Combine("kubeconfig"), context: "fake");
        _github = await FakeGitHubServer.StartAsync();
        _github.State.AddRepository("acme", "platform");
    }

    public async Task DisposeAsync()
    {
        await _github.DisposeAsync();
        await _kube.DisposeAsync();
        _git.Dispose();
        _job.Dispose();
    }

    [RequiresGitHubArtifactsFact]
    public void Without_the_GitHub_Actions_variables_it_says_which_is_missing()
    {
        var (exitCode, _, error) = Run(new Dictionary<string, string>());

        exitCode.Should().Be(2);
        error.Should().Contain("GITHUB_EVENT_NAME is not set");
    }

    [RequiresGitHubArtifactsFact]
    public void A_malformed_event_payload_is_an_error_naming_the_file()
    {
        var eventPath = _job.Write("event.json", "{ not json");

        var (exitCode, _, error) = Run(Variables("pull_request", eventPath));

        exitCode.Should().Be(1);
        error.Should().Contain(eventPath);
        _github.Requests.Should().BeEmpty("nothing is sent to GitHub for a payload that cannot be read");
    }

    [RequiresGitHubArtifactsFact]
    public void An_opened_pull_request_is_previewed_as_a_comment_and_statuses()
    {
        _git.CommitAll("base");
        _git.Git("checkout", "-q", "-b", "feature");
        var main = _git.PathOf("konfig/apps/status-page/dev/main.k");
        File.WriteAllText(main, File.ReadAllText(main).Replace("*/5 * * * *", "*/10 * * * *", StringComparison.Ordinal));
        var headSha = _git.CommitAll("change");
        _git.Git("checkout", "-q", "main");
        _git.Git("merge", "-q", "--no-ff", "-m", "Merge preview", "feature");
        var examples = JsonNode.Parse(File.ReadAllText(GitHubArtifacts.WebhookExamplesPath))!.AsArray()
            .Single(e => e!["name"]!.GetValue<string>() == "pull_request")!["examples"]!.AsArray();
        var payload = (JsonObject)examples.First(p => p!["action"]!.GetValue<string>() == "opened")!.DeepClone();
        payload["number"] = 3;
        payload["pull_request"]!["number"] = 3;
        payload["pull_request"]!["head"]!["sha"] = headSha;
        payload["repository"]!["full_name"] = "acme/platform";
        var eventPath = _job.Write("event.json", payload.ToJsonString());

        var (exitCode, output, error) = Run(Variables("pull_request", eventPath), "--konfig-dir", "konfig", "--kubeconfig", _job.Combine("kubeconfig"), "--state-dir", _job.Combine("state"));

        error.Should().BeEmpty();
        exitCode.Should().Be(0);
        output.Should().Contain("konfig/apps/status-page/dev").And.Contain("previewed 1 stack(s) of acme/platform");
        _github.State.Comments("acme", "platform", 3).Should().ContainSingle().Which.Body.Should().Contain("konfig/apps/status-page/dev");
        _github.State.Statuses("acme", "platform").Should().Contain(s => s.Sha == headSha && s.Context == "konfig");
        _github.TakeViolations().Should().BeEmpty();
    }

    [RequiresGitHubArtifactsFact]
    public void A_push_to_the_default_branch_applies_the_stacks_it_changes()
    {
        _git.CommitAll("base");
        var main = _git.PathOf("konfig/apps/status-page/dev/main.k");
        File.WriteAllText(main, File.ReadAllText(main).Replace("*/5 * * * *", "*/10 * * * *", StringComparison.Ordinal));
        var sha = _git.CommitAll("change");
        var examples = JsonNode.Parse(File.ReadAllText(GitHubArtifacts.WebhookExamplesPath))!.AsArray()
            .Single(e => e!["name"]!.GetValue<string>() == "push")!["examples"]!.AsArray();
        var payload = (JsonObject)examples.First(p => p!["deleted"]!.GetValue<bool>() == false)!.DeepClone();
        payload["ref"] = "refs/heads/main";
        payload["after"] = sha;
        payload["repository"]!["full_name"] = "acme/platform";
        payload["repository"]!["default_branch"] = "main";
        var eventPath = _job.Write("event.json", payload.ToJsonString());

        var (exitCode, output, error) = Run(Variables("push", eventPath), "--konfig-dir", "konfig", "--kubeconfig", _job.Combine("kubeconfig"), "--state-dir", _job.Combine("state"));

        error.Should().BeEmpty();
        exitCode.Should().Be(0);
        output.Should().Contain("konfig/apps/status-page/dev: applied: Applied").And.Contain($"applied 1 of 1 stack(s) of acme/platform at {sha}");
        _kube.Objects.Get("batch/v1", "CronJob", "status-page", "status-prober")!["spec"]!["schedule"]!.GetValue<string>().Should().Be("*/10 * * * *");
        _github.State.Statuses("acme", "platform").Should().Contain(s => s.Sha == sha && s.Context == "konfig apply" && s.State == "success");
        _github.TakeViolations().Should().BeEmpty();
    }

    private Dictionary<string, string> Variables(string eventName, string eventPath) => new()
    {
        ["GITHUB_EVENT_NAME"] = eventName,
        ["GITHUB_EVENT_PATH"] = eventPath,
        ["GITHUB_TOKEN"] = "personal-token",
        ["GITHUB_API_URL"] = _github.Url.ToString(),
        ["GITHUB_WORKSPACE"] = _git.Root,
    };

    private (int ExitCode, string Out, string Error) Run(Dictionary<string, string> variables, params string[] options)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = new CliEnvironment(stdout, stderr, _job.Path, KclRunner.Run)
        {
            GetVariable = name => variables.GetValueOrDefault(name),
        };
        var exitCode = CliApplication.Run(["bot", "action", .. options], environment);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }
}
