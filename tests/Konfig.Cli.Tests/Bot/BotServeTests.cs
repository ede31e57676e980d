using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using Konfig.Bot.Webhooks;
using Konfig.FakeGitHub;
using Konfig.Kcl.Compilation;

namespace Konfig.Cli.Tests.Bot;

/// <summary><c>konfig bot serve</c>: its options and secret files, and a server started, used over HTTP and stopped.</summary>
public sealed class BotServeTests : IDisposable
{
    private const string Secret = "webhook secret";
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Missing_or_bad_options_are_errors_naming_them()
    {
        var secret = _folder.Write("secret", Secret + "\n");
        var token = _folder.Write("token", "personal-token\n");
        var empty = _folder.Write("empty", "\n");
        string[] common = ["--work-dir", _folder.Combine("work"), "--allow", "acme/platform"];

        Run([.. common, "--token-file", token]).Should().Be((2, "error: --secret-file is required: the webhook secret, in a file"));
        Run([.. common, "--secret-file", empty, "--token-file", token]).Error.Should().Be($"error: --secret-file: {empty} is empty");
        Run([.. common, "--secret-file", _folder.Combine("nope"), "--token-file", token]).Error.Should().StartWith("error: --secret-file: cannot read").And.Contain("nope");
        Run([.. common, "--secret-file", secret]).Error.Should().StartWith("error: GitHub credentials are required");
        Run([.. common, "--secret-file", secret, "--token-file", token, "--app-id", "1"]).Error.Should().Contain("not both");
        Run([.. common, "--secret-file", secret, "--app-id", "1", "--installation-id", "2"]).Error.Should().Contain("needs all of --app-id, --app-key-file and --installation-id");
        Run(["--work-dir", _folder.Combine("work"), "--allow", "acme", "--secret-file", secret, "--token-file", token]).Error
            .Should().Be("error: --allow: repository pattern 'acme' is not 'owner/name' or 'owner/*'");
        Run([.. common, "--secret-file", secret, "--token-file", token, "--store", "mysql:x"]).Error.Should().StartWith("error: --store: store 'mysql:x' is not");
        Run([.. common, "--secret-file", secret, "--token-file", token, "--listen", "localhost"]).Error.Should().Contain("--listen 'localhost' is not an http:// URL");
        Directory.Exists(_folder.Combine("work")).Should().BeFalse("nothing is made before the options are known good");
    }

    [Fact]
    public void Bad_apply_worker_counts_and_leases_are_errors_naming_the_option()
    {
        string[] common = ["--work-dir", _folder.Combine("work"), "--allow", "acme/platform",
            "--secret-file", _folder.Write("secret", Secret + "\n"), "--token-file", _folder.Write("token", "personal-token\n")];

        Run([.. common, "--apply-workers", "-1"]).Should().Be((2, "error: --apply-workers -1 is below 0"));
        Run([.. common, "--apply-lease", "five minutes"]).Should().Be((2, "error: --apply-lease 'five minutes' is not a positive duration such as 90s, 5m or 1h"));
        Run([.. common, "--apply-lease", "0s"]).Error.Should().StartWith("error: --apply-lease '0s' is not a positive duration");
        Run([.. common, "--apply-workers", "two"]).Error.Should().Contain("two");
        Directory.Exists(_folder.Combine("work")).Should().BeFalse("nothing is made before the options are known good");
    }

    [RequiresGitHubArtifactsFact]
    public async Task The_server_answers_webhooks_until_it_is_stopped()
    {
        await using var github = await FakeGitHubServer.StartAsync();
        github.State.AddRepository("acme", "platform");
        var secret = _folder.Write("secret", Secret + "\n");
        var token = _folder.Write("token", "personal-token\n");
        using var stop = new CancellationTokenSource();
        var stdout = new StringWriter();
        var output = TextWriter.Synchronized(stdout);
        var environment = new CliEnvironment(output, TextWriter.Synchronized(new StringWriter()), _folder.Path, KclRunner.Run) { Cancellation = stop.Token };
        var run = Task.Run(() => CliApplication.Run(
            ["bot", "serve", "--listen", "http://127.0.0.1:0", "--secret-file", secret, "--token-file", token, "--allow", "acme/*",
             "--github-api", github.Url.ToString(), "--work-dir", _folder.Combine("work"), "--state-dir", _folder.Combine("state")],
            environment));

        var url = await ListeningUrlAsync(output, stdout, run);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        (await http.GetAsync(new Uri(url, "healthz"))).StatusCode.Should().Be(HttpStatusCode.OK);

        // A /konfig help comment: the reply shows the whole path, signature to GitHub, ran.
        var body = Encoding.UTF8.GetBytes(HelpComment().ToJsonString());
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, "webhook")) { Content = new ByteArrayContent(body) };
        request.Headers.Add("X-GitHub-Event", "issue_comment");
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", WebhookVerifier.Sign(Secret, body));
        (await http.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var watch = Stopwatch.StartNew();
        while (github.State.Comments("acme", "platform", 7).Count == 0)
        {
            watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30));
            await Task.Delay(100);
        }

        github.State.Comments("acme", "platform", 7).Single().Body.Should().Contain("Konfig commands");
        await stop.CancelAsync();
        (await run.WaitAsync(TimeSpan.FromSeconds(30))).Should().Be(0);
        Text(output, stdout).Should().EndWith("stopped" + Environment.NewLine);
        File.Exists(_folder.Combine("work/bot.db")).Should().BeTrue("the store is SQLite in the work folder by default");
        github.Violations.Should().BeEmpty();
    }

    private static JsonObject HelpComment() => new()
    {
        ["action"] = "created",
        ["issue"] = new JsonObject { ["number"] = 7, ["pull_request"] = new JsonObject { ["url"] = "https://api.github.com/repos/acme/platform/pulls/7" } },
        ["comment"] = new JsonObject
        {
            ["id"] = 1,
            ["body"] = "/konfig help",
            ["author_association"] = "MEMBER",
            ["user"] = new JsonObject { ["login"] = "octocat", ["type"] = "User" },
        },
        ["repository"] = new JsonObject { ["full_name"] = "acme/platform" },
    };

    private static async Task<Uri> ListeningUrlAsync(TextWriter output, StringWriter stdout, Task<int> run)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var text = Text(output, stdout);
            if (text.IndexOf("listening on ", StringComparison.Ordinal) is var at and >= 0)
            {
                var line = text[(at + "listening on ".Length)..].Split(' ')[0];
                return new Uri(line[..^"webhook".Length]);
            }

            run.IsCompleted.Should().BeFalse($"the server should be running: {text}");
            watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30));
            await Task.Delay(50);
        }
    }

    // TextWriter.Synchronized locks the wrapper: reading under the same lock sees whole writes.
    private static string Text(TextWriter output, StringWriter stdout)
    {
        lock (output)
        {
            return stdout.ToString();
        }
    }

    private (int ExitCode, string Error) Run(string[] options)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = new CliEnvironment(stdout, stderr, _folder.Path, KclRunner.Run);
        var exitCode = CliApplication.Run(["bot", "serve", .. options], environment);
        return (exitCode, stderr.ToString().Trim());
    }
}
