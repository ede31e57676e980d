using System.CommandLine;
using FluentAssertions;
using Konfig.Cli.Commands;
using Konfig.FakeGitHub;
using Konfig.Kcl.Compilation;

namespace Konfig.Cli.Tests.Commands;

/// <summary>
/// <c>konfig rewrite</c> with real override specs on a copy of our monorepo (its status-page project: a dev and a
/// prod stack), through the whole path: selection, override, compile, write, diff, commit and pull request.
/// </summary>
public sealed class RewriteCommandTests : IDisposable
{
    private const string DevMain = "konfig/apps/status-page/dev/main.k";

    private readonly KonfigGitRepository _repository = new("status-page");

    public RewriteCommandTests() => _repository.CommitAll("the monorepo");

    public void Dispose() => _repository.Dispose();

    [Fact]
    public void Dry_run_prints_the_diff_and_writes_nothing()
    {
        var (exitCode, stdout, stderr) = Run(null, "rewrite", "--all", "-O", "page.replicas=3", "--dry-run", "--update-goldens");

        exitCode.Should().Be(0, stderr);
        stdout.Should().StartWith($"--- a/{DevMain}\n+++ b/{DevMain}\n@@ ")
            .And.Contain("\n+    replicas = 3\n")
            .And.Contain("\n-    replicas = 2\n+    replicas = 3\n")
            .And.Contain("--- a/konfig/apps/status-page/dev/ci-test/stdout.golden.yaml")
            .And.Contain("--- a/konfig/apps/status-page/prod/ci-test/stdout.golden.yaml");
        stderr.Should().Contain("apps/status-page/dev: 0 to add, 1 to change, 0 to delete\n  ~ apps/v1/Deployment status-page/status-page\n      spec.replicas: ")
            .And.EndWith(
                "apps/status-page/prod: 0 to add, 1 to change, 0 to delete\n  ~ apps/v1/Deployment status-page/status-page\n      spec.replicas: 2 → 3\n" +
                "dry run: would rewrite 4 files in 2 stacks; nothing was written\n");
        stdout.Should().NotContain("to change", "the preview goes to standard error, so the diff stays fit for git apply");
        _repository.Git("status", "--porcelain").Should().BeEmpty();
    }

    [Fact]
    public void Writes_in_place_then_says_there_is_nothing_left_to_change()
    {
        var (exitCode, stdout, _) = Run(null, "rewrite", "konfig/apps/status-page", "-O", "page.replicas=3");
        exitCode.Should().Be(0);
        stdout.Should().Be("rewrote apps/status-page/dev: main.k\nrewrote apps/status-page/prod: main.k\nrewrote 2 files in 2 stacks; every touched stack compiles\n");
        _repository.Git("status", "--porcelain").Should().Be($"M {DevMain}\n M konfig/apps/status-page/prod/main.k");
        File.ReadAllText(Path.Combine(_repository.Root, DevMain)).Should().Contain("page: frontend.Application {\n    services: {\"status-page\": {\n        type = \"NodePort\"\n        ports = [{name = \"http\", port = 80, targetPort = \"http\", nodePort = 30080}]\n    }}\n    replicas = 3\n}\n", "only the new entry is added; the rest keeps its layout");

        var again = Run(null, "rewrite", "konfig/apps/status-page", "-O", "page.replicas=3");
        again.ExitCode.Should().Be(0);
        again.Out.Should().Be("nothing to change: the 2 selected stacks already hold this rewrite\n");
    }

    [Fact]
    public void A_stack_without_the_variable_is_noted_and_left_alone()
    {
        // Only dev declares `prober`; kcl -O would append a new `prober` to prod, which nothing there reads.
        var (exitCode, stdout, stderr) = Run(null, "rewrite", "konfig/apps/status-page", "-O", "prober.schedule=\"*/10 * * * *\"");

        exitCode.Should().Be(0, stderr);
        stderr.Should().Be("note: konfig/apps/status-page/prod/main.k: 'prober.schedule=\"*/10 * * * *\"' not applied: no variable 'prober' to set here\n");
        stdout.Should().StartWith("rewrote apps/status-page/dev: main.k\n");
        _repository.Git("status", "--porcelain").Should().Be($"M {DevMain}");
    }

    [Fact]
    public void A_byte_order_mark_stays_in_place_and_in_the_commit()
    {
        var path = Path.Combine(_repository.Root, DevMain);
        byte[] bom = [0xEF, 0xBB, 0xBF];
        File.WriteAllBytes(path, [.. bom, .. File.ReadAllBytes(path)]);
        _repository.CommitAll("a byte order mark");

        var commit = Run(null, "rewrite", "konfig/apps/status-page/dev", "-O", "page.replicas=3", "--commit");
        commit.ExitCode.Should().Be(0, commit.Error);
        var inPlace = Run(null, "rewrite", "konfig/apps/status-page/dev", "-O", "page.replicas=3");
        inPlace.ExitCode.Should().Be(0, inPlace.Error);
        var written = File.ReadAllBytes(path);
        written.Take(3).Should().Equal(bom);
        System.Text.Encoding.UTF8.GetString(written.AsSpan(3)).Should().StartWith("import ").And.Contain("replicas = 3");

        // The commit holds the same bytes as the file written in place.
        var branch = _repository.Git("branch", "--list", "konfig/rewrite/*", "--format=%(refname:short)");
        _repository.Git("rev-parse", $"{branch}:{DevMain}").Should().Be(_repository.Git("hash-object", DevMain));
    }

    [Fact]
    public void A_rewrite_that_breaks_a_stack_is_refused_with_its_file_and_line()
    {
        var (exitCode, _, stderr) = Run(null, "rewrite", "--where", "name=dev", "-w", "konfig", "-O", "prober.schedule=undefined_schedule");
        exitCode.Should().Be(1);
        stderr.Should().MatchRegex($"^error: {DevMain.Replace(".", "\\.", StringComparison.Ordinal)}:\\d+:\\d+: .*\\(stack apps/status-page/dev\\)\n");
        stderr.Should().EndWith("rewrite stopped: no file was changed\n");
        _repository.Git("status", "--porcelain").Should().BeEmpty();
    }

    [Fact]
    public void Commit_leaves_the_checkout_and_puts_the_rewrite_on_a_branch()
    {
        var (exitCode, stdout, stderr) = Run(null, "rewrite", "-w", "konfig", "--glob", "apps/*/dev", "-O", "page.replicas=3", "--commit");
        exitCode.Should().Be(0, stderr);
        stdout.Should().MatchRegex("^committed 1 file in 1 stack to branch konfig/rewrite/[a-z0-9-]+ \\([0-9a-f]{7}, on main at [0-9a-f]{7}\\); the checkout is unchanged");
        _repository.Git("status", "--porcelain").Should().BeEmpty();
        _repository.Git("branch", "--list", "konfig/rewrite/*").Should().NotBeEmpty();

        Run(null, "rewrite", "-w", "konfig", "--glob", "apps/*/dev", "-O", "page.replicas=3", "--commit")
            .Out.Should().StartWith("branch konfig/rewrite/").And.Contain("already holds this rewrite");
    }

    [Theory]
    [InlineData(new[] { "rewrite", "--all" }, "error: give at least one override spec with -O/--override (e.g. -O app.replicas=3)\n")]
    [InlineData(new[] { "rewrite", "--all", "-O", "a=1", "--dry-run", "--commit" }, "error: --dry-run changes nothing, so it cannot go with --commit or --pull-request\n")]
    [InlineData(new[] { "rewrite", "--all", "-O", "page.replicas" }, "error: Invalid spec format 'page.replicas', expected <field_path>=<filed_value>, <field_path>:<filed_value>, <field_path>+=<filed_value> or <field_path>-\n")]
    [InlineData(new[] { "rewrite", "--all", "-O", "page.replicas=[" }, "error: Invalid value in spec 'page.replicas=[': expected one of [\"]\"] got eof\n")]
    [InlineData(new[] { "rewrite", "--all", "-O", "a=1", "--import", "a b c" }, "error: Invalid import path 'a b c', expected <package_path> or <package_path> as <alias>\n")]
    [InlineData(new[] { "rewrite", "-w", "konfig", "--project", "nope", "-O", "a=1" }, "error: no project is named 'nope' (projects: status-page)\n")]
    [InlineData(new[] { "rewrite", "-w", "konfig", "--where", "colour=red", "-O", "a=1" }, "error: --where: filter 'colour=red': unknown field 'colour'; stacks have name, path, project, tenant\n")]
    [InlineData(new[] { "rewrite", "-w", "konfig", "-O", "a=1" }, "error: no stacks selected: name stack folders, all stacks, projects, a glob over stack paths or metadata filters\nhint: name stack folders, or use --all, --project, --glob or --where\n")]
    public void Bad_requests_are_refused_before_anything_runs(string[] args, string message)
    {
        var (exitCode, _, stderr) = Run(null, args);
        exitCode.Should().Be(2);
        stderr.Should().Be(message);
    }

    [RequiresGitHubArtifactsFact]
    public async Task Pull_request_pushes_and_opens_it_on_github()
    {
        await using var server = await FakeGitHubServer.StartAsync(new FakeGitHubOptions { Clock = TimeProvider.System });
        server.State.AddRepository("acme", "infra");
        using var remote = TempGitRepository.Init("--bare");
        _repository.Git("remote", "add", "origin", "file://" + remote.Root);
        var variables = new Dictionary<string, string> { ["KONFIG_TOKEN"] = "test-token" };

        var (exitCode, stdout, stderr) = Run(variables, "rewrite", "-w", "konfig", "--all", "-O", "page.replicas=3",
            "--pull-request", "--repository", "acme/infra", "--token-env", "KONFIG_TOKEN", "--github-api", server.Url.ToString());

        exitCode.Should().Be(0, stderr);
        stdout.Should().EndWith("opened pull request #1: https://github.com/acme/infra/pull/1\n");
        var pr = server.State.PullRequests("acme", "infra").Should().ContainSingle().Subject;
        remote.Git("rev-parse", pr.HeadRef).Should().HaveLength(40);
        pr.Body.Should().Contain("<details><summary><code>apps/status-page/prod</code>: 0 to add, 1 to change, 0 to delete</summary>\n\n" +
            "- change `apps/v1/Deployment status-page/status-page`\n  - `spec.replicas`: `2` → `3`\n\n</details>\n");
        server.Violations.Should().BeEmpty();

        var missingToken = Run(null, "rewrite", "-w", "konfig", "--all", "-O", "page.replicas=4", "--pull-request", "--repository", "acme/infra");
        missingToken.ExitCode.Should().Be(2);
        missingToken.Error.Should().EndWith("error: the pull request needs a GitHub token in $GITHUB_TOKEN (or name another variable with --token-env)\n");
    }

    /// <summary>Runs the rewrite command from the repository root.</summary>
    private (int ExitCode, string Out, string Error) Run(Dictionary<string, string>? variables, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = new CliEnvironment(stdout, stderr, _repository.Root, KclRunner.Run)
        {
            GetVariable = name => variables?.GetValueOrDefault(name),
        };
        var command = RewriteCommand.Create(environment);
        var root = new RootCommand { command };
        var exitCode = root.Parse(args).Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
        return (exitCode, stdout.ToString(), stderr.ToString());
    }
}
