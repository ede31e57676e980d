using System.Collections.Concurrent;
using Konfig.Affected;
using Konfig.Affected.Selection;
using Konfig.Bot.Events;
using Konfig.Bot.Storage;
using Konfig.Engine.Apply;
using Konfig.Engine.Runs;
using Konfig.Workspace.Discovery;

namespace Konfig.Bot.Pipeline;

public enum StackApplyOutcome
{
    Applied,
    Failed,

    /// <summary>Not applied: a stack it depends on failed or was skipped.</summary>
    Skipped,
}

/// <summary>
/// One stack of a merge's apply: its repository-relative path, what happened, a one-line summary (the engine's
/// <see cref="ApplyResult.Summary"/>, or why it failed or was skipped), the engine's result when the apply ran,
/// and the error tail: the last lines of what failed (empty when it applied).
/// </summary>
public sealed record StackApplyReport(string Stack, StackApplyOutcome Outcome, string Summary, ApplyResult? Result, IReadOnlyList<string> ErrorTail);

/// <summary>
/// What applying a merge did: per stack in apply order (level by level), or why nothing could run
/// (<see cref="Error"/>: the change unreadable, a dependency cycle, the cluster unreachable); the comment posted on
/// the merged pull request, if any.
/// </summary>
public sealed record MergeApplyReport(string Sha, IReadOnlyList<StackApplyReport> Stacks, string? Error, string? CommentBody)
{
    public bool Succeeded => Error is null && Stacks.All(stack => stack.Outcome == StackApplyOutcome.Applied);
}

/// <summary>How a merge is applied.</summary>
public sealed record MergeApplyOptions
{
    /// <summary>How many stacks of one dependency level apply at once.</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>The engine's apply settings; watching readiness is on, so a workload that never becomes ready fails its stack.</summary>
    public StackApplyOptions Apply { get; init; } = new() { Watch = true };

    /// <summary>Where each stack's run is recorded (for the status page); null: recorded nowhere (Actions mode).</summary>
    public IBotStore? Store { get; init; }

    /// <summary>How many lines of what failed a report keeps.</summary>
    public int ErrorTailLines { get; init; } = 20;
}

/// <summary>
/// Applies a merge into the default branch: the stacks its change affects (<c>HEAD^1..HEAD</c> of the checkout at
/// <c>workspaceRoot</c>, which must be the merge commit: its first parent is the branch before the merge), previewed
/// again at that commit, then applied in dependency levels (<c>dependsOn</c> of stack.yaml), the stacks of a level in
/// parallel. A stack whose dependency failed, or that did not compile or preview, is not applied; nothing is ever
/// reverted. Then a commit status (or check run) per stack and one for all on the merge commit, and on any failure a
/// comment on the merged pull request with the error tails and how to retry.
/// </summary>
public static class MergeApply
{
    public static async Task<MergeApplyReport> RunAsync(
        BotContext context, ApplyAction action, string workspaceRoot, MergeApplyOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        options ??= new MergeApplyOptions();
        var (owner, repository) = RepositoryName.Split(action.Repository);

        var (stacks, error) = await ApplyStacksAsync(context, action, workspaceRoot, options, cancellationToken).ConfigureAwait(false);
        await ReportStatusesAsync(context, owner, repository, action.Sha, stacks, error, cancellationToken).ConfigureAwait(false);

        string? comment = null;
        if (action.PullRequest is { } number && (error is not null || stacks.Any(stack => stack.Outcome != StackApplyOutcome.Applied)))
        {
            comment = MergeApplyComment.Render(action.Sha, stacks, error);
            await context.GitHub.CreateIssueCommentAsync(owner, repository, number, comment, cancellationToken).ConfigureAwait(false);
        }

        return new MergeApplyReport(action.Sha, stacks, error, comment);
    }

    private static async Task<(IReadOnlyList<StackApplyReport> Stacks, string? Error)> ApplyStacksAsync(
        BotContext context, ApplyAction action, string workspaceRoot, MergeApplyOptions options, CancellationToken cancellationToken)
    {
        var workspace = WorkspaceDiscovery.Discover(workspaceRoot);
        var request = new ChangeDetectionRequest { RepositoryPath = workspaceRoot, Base = "HEAD^1", Head = "HEAD" };
        var (selection, changeError) = AffectedStackSelector.Select(workspace, request);
        if (selection is null)
        {
            return ([], $"the change could not be read: {changeError!.Message}");
        }

        if (selection.Stacks.Count == 0)
        {
            return ([], null);
        }

        var (levels, cycle) = StackOrder.Levels(selection.Stacks);
        if (levels is null)
        {
            return ([], cycle);
        }

        var (session, sessionError) = StackRunSession.Open(workspace, selection.Stacks, context.Engine);
        if (session is null)
        {
            return ([], sessionError);
        }

        using (session)
        {
            var repositoryRoot = selection.Report.RepositoryRoot;
            string Name(Stack stack) => Path.GetRelativePath(repositoryRoot, stack.Directory).Replace('\\', '/');

            // Previewed again at the merge commit: the pull request's preview was of its own merge preview, and
            // whatever merged since may have changed the stacks.
            var previewed = await PreviewRun.PreviewAsync(session, new Konfig.Engine.Planning.PreviewOptions(), cancellationToken).ConfigureAwait(false);
            var previews = previewed.Previews.ToDictionary(p => p.Stack.Path, StringComparer.Ordinal);
            var previewErrors = previewed.Errors.ToDictionary(e => e.Stack.Path, e => e.Message, StringComparer.Ordinal);

            var inSet = selection.Stacks.ToDictionary(stack => stack.Path, StringComparer.Ordinal);
            var outcomes = new ConcurrentDictionary<string, StackApplyReport>(StringComparer.Ordinal);
            var observer = new LoggingObserver();
            foreach (var level in levels)
            {
                await Parallel.ForEachAsync(
                    level,
                    new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = cancellationToken },
                    async (stack, token) =>
                    {
                        var started = DateTimeOffset.UtcNow;
                        var report = await ApplyOneAsync(stack, Name(stack)).ConfigureAwait(false);
                        outcomes[stack.Path] = report;
                        await RecordAsync(options.Store, action, report, started, token).ConfigureAwait(false);

                        async Task<StackApplyReport> ApplyOneAsync(Stack stack, string name)
                        {
                            var blocked = StackOrder.DependenciesIn(stack, inSet)
                                .Select(dependency => outcomes[dependency])
                                .FirstOrDefault(dependency => dependency.Outcome != StackApplyOutcome.Applied);
                            if (blocked is not null)
                            {
                                var why = blocked.Outcome == StackApplyOutcome.Failed ? "failed" : "was skipped";
                                return new StackApplyReport(name, StackApplyOutcome.Skipped, $"not applied: {blocked.Stack}, which it depends on, {why}", null, []);
                            }

                            if (previewErrors.TryGetValue(stack.Path, out var message))
                            {
                                return Failed(name, "not applied: it could not be previewed", message.Split('\n'));
                            }

                            var preview = previews[stack.Path];
                            if (preview.Preview.HasErrors)
                            {
                                return Failed(name, "not applied: its preview has errors", preview.Preview.Errors.Select(e => e.ToString()));
                            }

                            var run = await ApplyRun.RunAsync(session, preview, options.Apply, observer, token).ConfigureAwait(false);
                            if (run.Error is { } runError)
                            {
                                return Failed(name, $"not applied: {runError.Message}", [runError.Message]);
                            }

                            var result = run.Result!;
                            if (result.Succeeded)
                            {
                                return new StackApplyReport(name, StackApplyOutcome.Applied, result.Summary, result, []);
                            }

                            return Failed(name, result.Summary, [.. observer.Log(stack), result.Summary], result);
                        }
                    }).ConfigureAwait(false);
            }

            return (levels.SelectMany(level => level).Select(stack => outcomes[stack.Path]).ToList(), null);
        }

        StackApplyReport Failed(string name, string summary, IEnumerable<string> lines, ApplyResult? result = null)
        {
            var all = lines.SelectMany(line => line.Split('\n')).Where(line => line.Length > 0).ToList();
            return new StackApplyReport(name, StackApplyOutcome.Failed, summary, result, all.Skip(Math.Max(0, all.Count - options.ErrorTailLines)).ToList());
        }
    }

    private static async Task RecordAsync(IBotStore? store, ApplyAction action, StackApplyReport report, DateTimeOffset started, CancellationToken cancellationToken)
    {
        if (store is null)
        {
            return;
        }

        var outcome = report.Outcome switch
        {
            StackApplyOutcome.Applied => RunOutcome.Succeeded,
            StackApplyOutcome.Failed => RunOutcome.Failed,
            _ => RunOutcome.Skipped,
        };
        var summary = report.ErrorTail.Count == 0 ? report.Summary : $"{report.Summary}\n{string.Join('\n', report.ErrorTail)}";
        await store.RecordRunAsync(
            new RunRecord(action.Repository, report.Stack, RunKind.Apply, action.Sha, action.PullRequest, outcome, summary, null, started, DateTimeOffset.UtcNow),
            cancellationToken).ConfigureAwait(false);
    }

    private static async Task ReportStatusesAsync(
        BotContext context, string owner, string repository, string sha, IReadOnlyList<StackApplyReport> stacks, string? error, CancellationToken cancellationToken)
    {
        foreach (var check in MergeApplyChecks.All(stacks, error))
        {
            if (context.Style == ReportStyle.CommitStatuses)
            {
                var state = check.Conclusion switch
                {
                    GitHub.CheckRunConclusion.Success => GitHub.CommitStatusState.Success,
                    GitHub.CheckRunConclusion.Failure => GitHub.CommitStatusState.Failure,
                    _ => GitHub.CommitStatusState.Error,
                };
                await context.GitHub.CreateCommitStatusAsync(owner, repository, sha, new GitHub.CommitStatusRequest(state, check.Name, check.Description), cancellationToken)
                    .ConfigureAwait(false);
            }
            else
            {
                var run = new GitHub.NewCheckRunRequest(check.Name, sha)
                {
                    Status = GitHub.CheckRunStatus.Completed,
                    Conclusion = check.Conclusion,
                    Output = new GitHub.CheckRunOutput(check.Title, check.Summary, check.Text),
                };
                await context.GitHub.CreateCheckRunAsync(owner, repository, run, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Collects each stack's apply events as log lines, for the error tail (events come from parallel tasks).</summary>
    private sealed class LoggingObserver : IStackRunObserver
    {
        private readonly ConcurrentDictionary<string, List<string>> _logs = new(StringComparer.Ordinal);

        public Task<ApplyResult> RunChangeAsync(StackRunStart start, Func<IProgress<ApplyEvent>?, Task<ApplyResult>> change)
        {
            var log = _logs.GetOrAdd(start.Previewed.Stack.Path, _ => []);
            return change(new LineSink(log));
        }

        public IReadOnlyList<string> Log(Stack stack)
        {
            if (!_logs.TryGetValue(stack.Path, out var log))
            {
                return [];
            }

            lock (log)
            {
                return [.. log];
            }
        }

        private sealed class LineSink(List<string> log) : IProgress<ApplyEvent>
        {
            public void Report(ApplyEvent value)
            {
                // Starts and "1/3 replicas ready" as it changes are progress, not what failed: the failure event carries the last one.
                if (value.Kind is ApplyEventKind.ResourceStarted or ApplyEventKind.ReadinessUpdate)
                {
                    return;
                }

                lock (log)
                {
                    log.Add(value.ToString());
                }
            }
        }
    }
}
