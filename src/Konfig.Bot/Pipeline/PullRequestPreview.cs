using Konfig.Affected;
using Konfig.Affected.Selection;
using Konfig.Bot.Checks;
using Konfig.Bot.Comments;
using Konfig.Bot.Events;
using Konfig.Bot.GitHub;
using Konfig.Engine.Planning;
using Konfig.Engine.Runs;
using Konfig.Workspace.Discovery;
using GitHubAnnotation = Konfig.Bot.GitHub.CheckAnnotation;

namespace Konfig.Bot.Pipeline;

/// <summary>How the bot reports a stack's result on a commit: check runs need a GitHub App; a token can only set commit statuses.</summary>
public enum ReportStyle
{
    CheckRuns,
    CommitStatuses,
}

/// <summary>What one bot run works with: GitHub, the engine's settings (cluster, state), and how to report.</summary>
public sealed record BotContext(IGitHubApi GitHub, StackRunSessionOptions Engine, ReportStyle Style);

/// <summary>What a pull-request preview did: the result per stack, the comments it left, or why it could not run.</summary>
public sealed record PreviewReport(IReadOnlyList<StackResult> Stacks, IReadOnlyList<string> CommentBodies, string? Error)
{
    public bool Succeeded => Error is null && Stacks.All(stack => stack.Outcome != StackOutcome.Failed);
}

/// <summary>
/// Previews a pull request: the stacks its change affects, each compiled and previewed against state and the live
/// cluster; then the sticky comment (edited in place, split when long) and a check run or commit status per stack
/// plus one for all. The checkout at <c>workspaceRoot</c> must be the pull request's merge preview
/// (<c>refs/pull/N/merge</c>, as actions/checkout gives): its first parent is the base, so the change is
/// <c>HEAD^1..HEAD</c>, exactly what merging would bring.
/// </summary>
public static class PullRequestPreview
{
    /// <param name="onlyStacks">
    /// Stacks to preview instead of the affected ones (<c>/konfig preview -s STACK</c>), by path from the repository
    /// root or from the workspace root; a name that is no stack is reported as a failed stack.
    /// </param>
    public static async Task<PreviewReport> RunAsync(
        BotContext context, PreviewAction action, string workspaceRoot, CancellationToken cancellationToken = default, IReadOnlyCollection<string>? onlyStacks = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        var (owner, repository) = RepositoryName.Split(action.Repository);

        var (results, error) = await PreviewStacksAsync(context.Engine, workspaceRoot, onlyStacks, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            results = [StackResult.Failed("(all stacks)", error)];
        }

        var bodies = PreviewComment.Render(action.HeadSha, results);
        if (action.PullRequest is { } number)
        {
            await SyncCommentsAsync(context.GitHub, owner, repository, number, bodies, cancellationToken).ConfigureAwait(false);
        }

        await ReportAsync(context, owner, repository, action.HeadSha, results, cancellationToken).ConfigureAwait(false);
        return new PreviewReport(results, bodies, error);
    }

    /// <summary>Compiles and previews the affected (or the named) stacks; an error when the change or the cluster cannot be read.</summary>
    internal static async Task<(IReadOnlyList<StackResult> Results, string? Error)> PreviewStacksAsync(
        StackRunSessionOptions engine, string workspaceRoot, IReadOnlyCollection<string>? onlyStacks, CancellationToken cancellationToken)
    {
        var workspace = WorkspaceDiscovery.Discover(workspaceRoot);
        var request = new ChangeDetectionRequest { RepositoryPath = workspaceRoot, Base = "HEAD^1", Head = "HEAD" };
        var (selection, changeError) = AffectedStackSelector.Select(workspace, request);
        if (selection is null)
        {
            return ([], $"the change could not be read: {changeError!.Message}");
        }

        var repositoryRoot = selection.Report.RepositoryRoot;
        var stacks = selection.Stacks;
        var unknown = new List<StackResult>();
        if (onlyStacks is { Count: > 0 })
        {
            var byName = new Dictionary<string, Stack>(StringComparer.Ordinal);
            foreach (var stack in workspace.Stacks)
            {
                byName[RepositoryPath(stack, repositoryRoot)] = stack;
                byName[RepositoryPath(stack, workspace.Root)] = stack;
            }

            var names = onlyStacks.Select(name => name.Trim('/')).Distinct(StringComparer.Ordinal).ToList();
            stacks = [.. names.Where(byName.ContainsKey).Select(name => byName[name]).Distinct()];
            unknown.AddRange(names.Where(name => !byName.ContainsKey(name))
                .Select(name => StackResult.Failed(name, $"no stack at '{name}' in the workspace {RepositoryPath(workspace.Root, repositoryRoot)}")));
        }

        if (stacks.Count == 0)
        {
            return (unknown, null);
        }

        var (session, sessionError) = StackRunSession.Open(workspace, stacks, engine);
        if (session is null)
        {
            return ([], sessionError);
        }

        using (session)
        {
            var run = await PreviewRun.PreviewAsync(session, new PreviewOptions(), cancellationToken).ConfigureAwait(false);
            var results = run.Previews
                .Select(previewed => StackResult.Previewed(RepositoryPath(previewed.Stack, repositoryRoot), previewed.Preview))
                .Concat(run.Errors.Select(failure => failure.Compilation is { } compilation
                    ? StackResult.FromCompilation(RepositoryPath(failure.Stack, repositoryRoot), compilation, repositoryRoot)
                    : StackResult.Failed(RepositoryPath(failure.Stack, repositoryRoot), failure.Message)))
                .Concat(unknown)
                .OrderBy(result => result.Stack, StringComparer.Ordinal)
                .ToList();
            return (results, null);
        }
    }

    /// <summary>Edits the bot's comments in place: parts that stay are updated, new parts created, parts no longer needed deleted.</summary>
    internal static async Task SyncCommentsAsync(
        IGitHubApi github, string owner, string repository, int number, IReadOnlyList<string> bodies, CancellationToken cancellationToken)
    {
        var existing = (await github.ListIssueCommentsAsync(owner, repository, number, cancellationToken).ConfigureAwait(false))
            .Where(comment => PreviewComment.TryParseMarker(comment.Body, out _, out _))
            .Select(comment => new ExistingComment(comment.Id, comment.Body))
            .ToList();
        foreach (var operation in CommentSync.Plan(existing, bodies))
        {
            switch (operation)
            {
                case UpdateComment update:
                    await github.UpdateIssueCommentAsync(owner, repository, update.Id, update.Body, cancellationToken).ConfigureAwait(false);
                    break;
                case CreateComment create:
                    await github.CreateIssueCommentAsync(owner, repository, number, create.Body, cancellationToken).ConfigureAwait(false);
                    break;
                case DeleteComment delete:
                    await github.DeleteIssueCommentAsync(owner, repository, delete.Id, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    private static async Task ReportAsync(
        BotContext context, string owner, string repository, string sha, IReadOnlyList<StackResult> results, CancellationToken cancellationToken)
    {
        if (context.Style == ReportStyle.CommitStatuses)
        {
            foreach (var status in CommitStatuses.All(results))
            {
                var request = new CommitStatusRequest(ParseState(status.State), status.Context, status.Description);
                await context.GitHub.CreateCommitStatusAsync(owner, repository, sha, request, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        foreach (var check in CheckRuns.All(results))
        {
            // The client sends the annotations 50 to a request, as GitHub requires.
            var annotations = check.AnnotationBatches.SelectMany(batch => batch)
                .Select(a => new GitHubAnnotation(a.Path, a.StartLine, a.EndLine, AnnotationLevel.Failure, a.Message, a.Title))
                .ToList();
            var output = new CheckRunOutput(check.Title, check.Summary, check.Text, annotations);
            var run = new NewCheckRunRequest(check.Name, sha)
            {
                Status = CheckRunStatus.Completed,
                Conclusion = check.Conclusion switch
                {
                    CheckConclusion.Success => CheckRunConclusion.Success,
                    CheckConclusion.Failure => CheckRunConclusion.Failure,
                    _ => CheckRunConclusion.Neutral,
                },
                Output = output,
            };
            await context.GitHub.CreateCheckRunAsync(owner, repository, run, cancellationToken).ConfigureAwait(false);
        }
    }

    private static CommitStatusState ParseState(string state) => state switch
    {
        "success" => CommitStatusState.Success,
        "failure" => CommitStatusState.Failure,
        "error" => CommitStatusState.Error,
        _ => CommitStatusState.Pending,
    };

    private static string RepositoryPath(Stack stack, string root) => RepositoryPath(stack.Directory, root);

    private static string RepositoryPath(string folder, string root) => Path.GetRelativePath(root, folder).Replace('\\', '/');
}

/// <summary>GitHub's <c>owner/name</c>.</summary>
internal static class RepositoryName
{
    public static (string Owner, string Name) Split(string fullName)
    {
        var slash = fullName.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == fullName.Length - 1 || fullName.IndexOf('/', slash + 1) >= 0)
        {
            throw new ArgumentException($"'{fullName}' is not a repository name of the form owner/name", nameof(fullName));
        }

        return (fullName[..slash], fullName[(slash + 1)..]);
    }
}
