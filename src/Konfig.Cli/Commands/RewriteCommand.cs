using System.CommandLine;
using Konfig.Bot.GitHub;
using Konfig.Bot.Rewrites;
using Konfig.Rewrite.Bulk;
using Konfig.Rewrite.Overrides;
using Konfig.Rewrite.Preview;
using Konfig.Rewrite.Git;
using Konfig.Rewrite.Selection;
using Konfig.Workspace;
using Konfig.Workspace.Compilation;
using Konfig.Workspace.Discovery;

namespace Konfig.Cli.Commands;

/// <summary>
/// <c>konfig rewrite [STACK…] -O SPEC… [--import PATH[ as ALIAS]…] [--all] [--project NAME] [--where FIELD=VALUE] [--glob PATTERN]
/// [--dry-run] [--update-goldens] [--commit] [--pull-request] [--remote NAME] [--repository OWNER/NAME] [--token-env NAME]</c>:
/// applies override specs to the entry files (main.k) of many stacks at once through <see cref="BulkRewrite"/>, which compiles
/// every touched stack before anything is written. By default the files are written in place; <c>--dry-run</c> prints the diff;
/// <c>--commit</c> puts the rewrite on its own branch and leaves the checkout untouched; <c>--pull-request</c> also pushes that
/// branch and opens (or updates) its pull request. Runs in the .NET build (LibGit2Sharp, Octokit).
/// </summary>
internal sealed class RewriteCommand
{
    private readonly WorkspaceCommandContext _workspace = new();

    private readonly Argument<string[]> StackDirs = new("stack-dir")
    {
        Description = "Stack folders to rewrite (a folder above stacks selects all of them).",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<string[]> Overrides = new("--override", "-O")
    {
        Description = "An override spec, as kcl -O takes it (e.g. app.replicas=3, app.labels-). Repeatable; applied in order.",
        HelpName = "spec",
    };

    private readonly Option<string[]> Imports = new("--import")
    {
        Description = "A package the overrides need imported into each file, 'PATH' or 'PATH as ALIAS'. Repeatable.",
        HelpName = "path",
    };

    private readonly Option<bool> All = new("--all", "-a") { Description = "Every stack of the workspace." };

    private readonly Option<string[]> Projects = new("--project") { Description = "The stacks of the project with this name. Repeatable.", HelpName = "name" };

    private readonly Option<string[]> Where = new("--where")
    {
        Description = "Keep stacks whose metadata matches FIELD=VALUE or FIELD!=VALUE (fields: name, path, project, tenant). Repeatable; all must match.",
        HelpName = "filter",
    };

    private readonly Option<string[]> Globs = new("--glob") { Description = "Stacks whose path matches the glob (apps/*/prod; ** spans folders). Repeatable.", HelpName = "pattern" };

    private readonly Option<bool> DryRun = new("--dry-run") { Description = "Change nothing: print the unified diff of every file the rewrite would change." };

    private readonly Option<bool> UpdateGoldens = new("--update-goldens") { Description = "Also rewrite each touched stack's ci-test/stdout.golden.yaml from its new spec." };

    private readonly Option<bool> Commit = new("--commit")
    {
        Description = "Commit the rewrite on its own branch (konfig/rewrite/…) based on HEAD, without writing the working tree or switching branches.",
    };

    private readonly Option<bool> PullRequest = new("--pull-request") { Description = "Commit, push the branch and open (or update) its pull request." };

    private readonly Option<string> Remote = new("--remote") { Description = "The remote to push to.", DefaultValueFactory = _ => "origin", HelpName = "name" };

    private readonly Option<string?> Repository = new("--repository")
    {
        Description = "The GitHub repository OWNER/NAME of the pull request. Default: $GITHUB_REPOSITORY, else the remote's URL.",
        HelpName = "owner/name",
    };

    private readonly Option<string> TokenEnv = new("--token-env")
    {
        Description = "The environment variable holding the GitHub token (push over HTTPS and the pull request).",
        DefaultValueFactory = _ => "GITHUB_TOKEN",
        HelpName = "name",
    };

    private readonly Option<string?> GitHubApi = new("--github-api")
    {
        Description = "The GitHub REST API's address (GitHub Enterprise: https://HOST/api/v3/). Default: $GITHUB_API_URL, else https://api.github.com/.",
        HelpName = "url",
    };

    private readonly Option<int> Jobs = WorkspaceCommandContext.CreateJobsOption();

    public static Command Create(CliEnvironment environment)
    {
        var definition = new RewriteCommand();
        var command = new Command("rewrite", "Apply override specs to the main.k of many stacks at once; every touched stack must still compile.")
        {
            definition.StackDirs, definition.Overrides, definition.Imports, definition.All, definition.Projects, definition.Where,
            definition.Globs, definition.DryRun, definition.UpdateGoldens, definition.Commit, definition.PullRequest, definition.Remote,
            definition.Repository, definition.TokenEnv, definition.GitHubApi, definition.Jobs, definition._workspace.WorkspaceOption,
        };
        command.SetAction(parseResult => definition.Execute(parseResult, environment));
        return command;
    }

    private int Execute(ParseResult parseResult, CliEnvironment environment)
    {
        var specs = parseResult.GetValue(Overrides) ?? [];
        if (specs.Length == 0)
        {
            return Fail(environment, "give at least one override spec with -O/--override (e.g. -O app.replicas=3)");
        }

        var dryRun = parseResult.GetValue(DryRun);
        var pullRequest = parseResult.GetValue(PullRequest);
        var commit = parseResult.GetValue(Commit) || pullRequest;
        if (dryRun && commit)
        {
            return Fail(environment, "--dry-run changes nothing, so it cannot go with --commit or --pull-request");
        }

        // The specs, their values and the import paths are checked here, once, before any stack is read.
        var (rewrite, rewriteError) = OverrideFileRewrite.Create(specs, parseResult.GetValue(Imports) ?? []);
        if (rewrite is null)
        {
            return Fail(environment, rewriteError!);
        }

        var paths = parseResult.GetValue(StackDirs) ?? [];
        var workspace = _workspace.Load(parseResult, environment, paths);
        if (workspace is null)
        {
            return ExitCodes.WorkspaceError;
        }

        var stacks = SelectStacks(parseResult, environment, workspace, paths);
        if (stacks is null)
        {
            return ExitCodes.WorkspaceError;
        }

        var delivery = dryRun ? RewriteDelivery.DryRun : pullRequest ? RewriteDelivery.PullRequest : commit ? RewriteDelivery.Commit : RewriteDelivery.WriteFiles;
        RewritePullRequestTarget? target = null;
        OctokitGitHubApi? gitHub = null;
        if (delivery == RewriteDelivery.PullRequest)
        {
            // Everything the pull request needs is checked before any stack is rewritten.
            (target, var api, var error) = PullRequestTarget(parseResult, environment, workspace);
            if (target is null)
            {
                return Fail(environment, error!);
            }

            gitHub = new OctokitGitHubApi(new GitHubApiOptions { BaseAddress = api!, Credentials = new PersonalTokenCredentials(target.PushToken!) });
        }

        using (gitHub)
        {
            var request = new RewriteRunRequest
            {
                Workspace = workspace,
                Stacks = stacks,
                Rewrite = rewrite,
                Delivery = delivery,
                UpdateGoldens = parseResult.GetValue(UpdateGoldens),
                Compile = new StackCompileOptions { MaxParallelism = parseResult.GetValue(Jobs) },
                PullRequest = target,
            };
            var run = Task.Run(() => new RewriteRun(TimeProvider.System).RunAsync(request, gitHub, environment.Cancellation)).GetAwaiter().GetResult();
            return Print(environment, run, stacks.Count, delivery);
        }
    }

    /// <summary>The token, repository and API address of the pull request, or what is missing.</summary>
    private (RewritePullRequestTarget? Target, Uri? Api, string? Error) PullRequestTarget(ParseResult parseResult, CliEnvironment environment, KonfigWorkspace workspace)
    {
        var remote = parseResult.GetValue(Remote)!;
        var tokenVariable = parseResult.GetValue(TokenEnv)!;
        if (environment.GetVariable(tokenVariable) is not { Length: > 0 } token)
        {
            return (null, null, $"the pull request needs a GitHub token in ${tokenVariable} (or name another variable with --token-env)");
        }

        var repositoryText = parseResult.GetValue(Repository) ?? environment.GetVariable("GITHUB_REPOSITORY");
        var repository = repositoryText is not null
            ? GitHubRepositoryName.Parse(repositoryText)
            : GitCheckout.RemoteUrl(workspace.Root, remote) is { } url ? GitHubRepositoryName.FromRemoteUrl(url) : null;
        if (repository is not { } name)
        {
            return (null, null, repositoryText is not null
                ? $"--repository '{repositoryText}' must be OWNER/NAME"
                : $"cannot tell the GitHub repository from remote '{remote}'; give --repository OWNER/NAME");
        }

        var apiText = parseResult.GetValue(GitHubApi) ?? environment.GetVariable("GITHUB_API_URL");
        var api = apiText is null ? GitHubApiOptions.GitHubDotCom : new Uri(apiText.EndsWith('/') ? apiText : apiText + "/");
        return (new RewritePullRequestTarget(remote, name.Owner, name.Name, token), api, null);
    }

    private static int Print(CliEnvironment environment, RewriteRunResult run, int selected, RewriteDelivery delivery)
    {
        var result = run.Rewrite;
        if (!result.Success)
        {
            foreach (var error in result.Errors)
            {
                environment.Error.WriteLine($"error: {error.Format(environment.WorkingDirectory)}");
            }

            environment.Error.WriteLine("rewrite stopped: no file was changed");
            return ExitCodes.Failure;
        }

        WriteNotes(environment, result.Notes);
        if (result.NothingToChange)
        {
            environment.Out.WriteLine(result.Notes.Count == 0
                ? $"nothing to change: the {Plural(selected, "selected stack")} already hold this rewrite"
                : $"nothing to change in the {Plural(selected, "selected stack")}");
            return ExitCodes.Success;
        }

        var summary = $"{Plural(result.Changes.Count, "file")} in {Plural(result.TouchedStacks.Count, "stack")}";
        switch (delivery)
        {
            case RewriteDelivery.DryRun:
                foreach (var change in result.Changes)
                {
                    environment.Out.Write(change.Diff(run.RepositoryRoot));
                }

                // On standard error, so the diff on standard output still goes to git apply as it is.
                PreviewText.Write(environment.Error, result.Previews);
                environment.Error.WriteLine($"dry run: would rewrite {summary}; nothing was written");
                return ExitCodes.Success;
            case RewriteDelivery.WriteFiles:
                foreach (var stack in result.TouchedStacks)
                {
                    environment.Out.WriteLine($"rewrote {stack.Path}: {string.Join(", ", result.ChangesOf(stack).Select(c => WorkspacePaths.Relative(stack.Directory, c.FullPath)))}");
                }

                environment.Out.WriteLine($"rewrote {summary}; every touched stack compiles");
                return ExitCodes.Success;
        }

        var committed = run.Commit!;
        switch (committed.Outcome)
        {
            case RewriteCommitOutcome.Failed:
                return Fail(environment, committed.Error!, ExitCodes.Failure);
            case RewriteCommitOutcome.UpToDate:
                environment.Out.WriteLine($"branch {committed.Branch} already holds this rewrite on {Short(committed.BaseSha)}");
                break;
            case RewriteCommitOutcome.NothingToCommit:
                environment.Out.WriteLine("nothing to commit");
                return ExitCodes.Success;
            default:
                environment.Out.WriteLine(
                    $"{(committed.Outcome == RewriteCommitOutcome.Created ? "committed" : "recommitted")} {summary} to branch {committed.Branch} " +
                    $"({Short(committed.CommitSha)}, on {committed.BaseBranch ?? "HEAD"} at {Short(committed.BaseSha)}); the checkout is unchanged: git switch {committed.Branch} to see it");
                break;
        }

        if (run.Published is not { } published)
        {
            return ExitCodes.Success;
        }

        var pr = published.PullRequest;
        switch (published.Outcome)
        {
            case RewritePublishOutcome.Failed:
                return Fail(environment, published.Error!, ExitCodes.Failure);
            case RewritePublishOutcome.Opened:
                environment.Out.WriteLine($"opened pull request #{pr!.Number}: {pr.HtmlUrl}");
                break;
            case RewritePublishOutcome.Updated:
                environment.Out.WriteLine($"updated pull request #{pr!.Number}: {pr.HtmlUrl}");
                break;
            case RewritePublishOutcome.Unchanged:
                environment.Out.WriteLine($"pull request #{pr!.Number} is up to date: {pr.HtmlUrl}");
                break;
            default:
                environment.Out.WriteLine("nothing to publish");
                break;
        }

        return ExitCodes.Success;
    }

    private IReadOnlyList<Stack>? SelectStacks(ParseResult parseResult, CliEnvironment environment, KonfigWorkspace workspace, string[] paths)
    {
        var filters = new List<MetadataFilter>();
        foreach (var text in parseResult.GetValue(Where) ?? [])
        {
            var (filter, error) = MetadataFilter.Parse(text);
            if (filter is null)
            {
                environment.Error.WriteLine($"error: --where: {error}");
                return null;
            }

            filters.Add(filter);
        }

        var query = new StackQuery
        {
            Folders = paths,
            All = parseResult.GetValue(All),
            Projects = parseResult.GetValue(Projects) ?? [],
            Globs = [.. (parseResult.GetValue(Globs) ?? []).Select(pattern => new StackPathGlob(pattern))],
            Where = filters,
        };
        var (stacks, errors) = StackSelection.Select(workspace, query, environment.WorkingDirectory);
        if (errors.Count > 0)
        {
            WorkspaceCommandContext.PrintDiagnostics(environment, errors);
            if (query.IsEmpty)
            {
                environment.Error.WriteLine("hint: name stack folders, or use --all, --project, --glob or --where");
            }

            return null;
        }

        if (stacks.Count == 0)
        {
            environment.Error.WriteLine("error: no stack passes every --where filter");
            return null;
        }

        return stacks;
    }

    private static int Fail(CliEnvironment environment, string message, int exitCode = ExitCodes.WorkspaceError)
    {
        environment.Error.WriteLine($"error: {message}");
        return exitCode;
    }

    /// <summary>The stacks a spec did not apply to, on standard error; past 20, a count of the rest.</summary>
    private static void WriteNotes(CliEnvironment environment, IReadOnlyList<RewriteNote> notes)
    {
        const int Shown = 20;
        foreach (var note in notes.Take(Shown))
        {
            environment.Error.WriteLine($"note: {note.Format(environment.WorkingDirectory)}");
        }

        if (notes.Count > Shown)
        {
            environment.Error.WriteLine($"note: and {notes.Count - Shown} more");
        }
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static string Short(string? sha) => sha is { Length: >= 7 } ? sha[..7] : sha ?? "";
}
