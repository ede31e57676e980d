using Octokit;
using Octokit.Internal;

namespace Konfig.Bot.GitHub;

/// <summary>
/// <see cref="IGitHubApi"/> on Octokit: a GitHubClient pointed at <see cref="GitHubApiOptions.BaseAddress"/>,
/// whose HTTP goes through <see cref="RateLimitHandler"/>. GitHub's errors surface as Octokit's exceptions
/// (NotFoundException, ApiValidationException, RateLimitExceededException, …).
/// </summary>
public sealed class OctokitGitHubApi : IGitHubApi, IDisposable
{
    /// <summary>GitHub takes at most 50 annotations per check-run request.</summary>
    public const int AnnotationsPerRequest = 50;

    private readonly GitHubClient client;
    private readonly RequestPacer pacer;
    private readonly InstallationTokenSource? tokens;
    private readonly string? personalToken;
    private readonly List<IDisposable> owned = [];

    public OctokitGitHubApi(GitHubApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        pacer = new RequestPacer(options.MutationSpacing, options.Clock);
        ICredentialStore credentials;
        switch (options.Credentials)
        {
            case PersonalTokenCredentials token:
                credentials = new InMemoryCredentialStore(new Credentials(token.Token));
                personalToken = token.Token;
                break;
            case GitHubAppCredentials app:
                tokens = new InstallationTokenSource(app, options.Clock, options.TokenRenewalMargin,
                    jwt => NewClient(options, new InMemoryCredentialStore(new Credentials(jwt, AuthenticationType.Bearer))));
                credentials = tokens;
                break;
            default:
                throw new ArgumentException($"Credentials: unsupported kind {options.Credentials?.GetType().Name ?? "null"}", nameof(options));
        }

        client = NewClient(options, credentials);
    }

    /// <summary>The token git fetches with over HTTPS: the personal token, or the installation's current token.</summary>
    internal Task<string> GitTokenAsync() => personalToken is not null ? Task.FromResult(personalToken) : tokens!.GetTokenAsync();

    public async Task<GitHubPullRequest> GetPullRequestAsync(string owner, string repo, int number, CancellationToken ct = default)
    {
        RateLimitHandler.Cancellation.Value = ct;
        var pr = await client.PullRequest.Get(owner, repo, number);
        return new GitHubPullRequest(pr.Number, pr.Title, pr.User?.Login ?? "", pr.State.StringValue, pr.Draft, pr.Merged,
            pr.Head.Ref, pr.Head.Sha, pr.Base.Ref, pr.Base.Sha, pr.MergeCommitSha);
    }

    public async Task<string> GetDefaultBranchAsync(string owner, string repo, CancellationToken ct = default)
    {
        RateLimitHandler.Cancellation.Value = ct;
        return (await client.Repository.Get(owner, repo)).DefaultBranch;
    }

    public async Task<IReadOnlyList<GitHubComment>> ListIssueCommentsAsync(string owner, string repo, int issueNumber, CancellationToken ct = default)
    {
        RateLimitHandler.Cancellation.Value = ct;
        // 100 a page, GitHub's most, so a long-lived PR takes few requests.
        var comments = await client.Issue.Comment.GetAllForIssue(owner, repo, issueNumber, new ApiOptions { PageSize = 100 });
        return comments.Select(ToComment).ToList();
    }

    public async Task<GitHubComment> CreateIssueCommentAsync(string owner, string repo, int issueNumber, string body, CancellationToken ct = default)
    {
        RateLimitHandler.Cancellation.Value = ct;
        return ToComment(await client.Issue.Comment.Create(owner, repo, issueNumber, body));
    }

    public async Task<GitHubComment> UpdateIssueCommentAsync(string owner, string repo, long commentId, string body, CancellationToken ct = default)
    {
        RateLimitHandler.Cancellation.Value = ct;
        return ToComment(await client.Issue.Comment.Update(owner, repo, commentId, body));
    }

    public async Task DeleteIssueCommentAsync(string owner, string repo, long commentId, CancellationToken ct = default)
    {
        RateLimitHandler.Cancellation.Value = ct;
        await client.Issue.Comment.Delete(owner, repo, commentId);
    }

    public async Task<GitHubComment?> FindCommentAsync(string owner, string repo, int issueNumber, string marker, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(marker);
        var comments = await ListIssueCommentsAsync(owner, repo, issueNumber, ct);
        return comments.FirstOrDefault(c => c.Body.Contains(marker, StringComparison.Ordinal));
    }

    public async Task<GitHubComment> UpsertStickyCommentAsync(string owner, string repo, int issueNumber, string marker, string body, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(marker);
        var text = body.Contains(marker, StringComparison.Ordinal) ? body : marker + "\n" + body;
        var existing = await FindCommentAsync(owner, repo, issueNumber, marker, ct);
        if (existing is null)
        {
            return await CreateIssueCommentAsync(owner, repo, issueNumber, text, ct);
        }

        return existing.Body == text ? existing : await UpdateIssueCommentAsync(owner, repo, existing.Id, text, ct);
    }

    public async Task<long> CreateCheckRunAsync(string owner, string repo, NewCheckRunRequest checkRun, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(checkRun);
        RateLimitHandler.Cancellation.Value = ct;
        var batches = Batches(checkRun.Output);
        // While annotations remain to send, the run stays in progress: a conclusion would complete it.
        var more = batches.Count > 1;
        var request = new NewCheckRun(checkRun.Name, checkRun.HeadSha)
        {
            Status = ToOctokit(more && checkRun.Status == CheckRunStatus.Completed ? CheckRunStatus.InProgress : checkRun.Status),
            DetailsUrl = checkRun.DetailsUrl,
            Output = checkRun.Output is null ? null : ToOctokit(checkRun.Output, batches[0]),
        };
        if (checkRun.Conclusion is { } conclusion && !more)
        {
            request.Conclusion = ToOctokit(conclusion);
        }

        var created = await client.Check.Run.Create(owner, repo, request);
        if (more)
        {
            await SendOutputAsync(owner, repo, created.Id, checkRun.Output!, batches, 1, checkRun.Status, checkRun.Conclusion, ct);
        }

        return created.Id;
    }

    public async Task UpdateCheckRunAsync(string owner, string repo, long checkRunId, CheckRunChange change, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        RateLimitHandler.Cancellation.Value = ct;
        var batches = Batches(change.Output);
        if (change.Output is null)
        {
            await client.Check.Run.Update(owner, repo, checkRunId, new CheckRunUpdate
            {
                Status = change.Status is { } s ? ToOctokit(s) : null,
                Conclusion = change.Conclusion is { } c ? ToOctokit(c) : null,
            });
            return;
        }

        await SendOutputAsync(owner, repo, checkRunId, change.Output, batches, 0, change.Status, change.Conclusion, ct);
    }

    public async Task CreateCommitStatusAsync(string owner, string repo, string sha, CommitStatusRequest status, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(status);
        RateLimitHandler.Cancellation.Value = ct;
        var description = status.Description is { Length: > 140 } d ? d[..139] + "…" : status.Description;
        await client.Repository.Status.Create(owner, repo, sha, new NewCommitStatus
        {
            State = status.State switch
            {
                CommitStatusState.Pending => CommitState.Pending,
                CommitStatusState.Success => CommitState.Success,
                CommitStatusState.Failure => CommitState.Failure,
                _ => CommitState.Error,
            },
            Context = status.Context,
            Description = description,
            TargetUrl = status.TargetUrl,
        });
    }

    public async Task<GitHubPullRequestLink?> FindOpenPullRequestAsync(string owner, string repo, string headBranch, CancellationToken ct = default)
    {
        RateLimitHandler.Cancellation.Value = ct;
        var open = await client.PullRequest.GetAllForRepository(owner, repo,
            new PullRequestRequest { State = ItemStateFilter.Open, Head = $"{owner}:{headBranch}" }, new ApiOptions { PageSize = 100 });
        return open.Where(pr => pr.Head?.Ref == headBranch).OrderBy(pr => pr.Number).Select(ToLink).FirstOrDefault();
    }

    public async Task<GitHubPullRequestLink> CreatePullRequestAsync(string owner, string repo, string headBranch, string baseBranch, string title, string body, CancellationToken ct = default)
    {
        RateLimitHandler.Cancellation.Value = ct;
        return ToLink(await client.PullRequest.Create(owner, repo, new NewPullRequest(title, headBranch, baseBranch) { Body = body }));
    }

    public async Task<GitHubPullRequestLink> UpdatePullRequestAsync(string owner, string repo, int number, string title, string body, CancellationToken ct = default)
    {
        RateLimitHandler.Cancellation.Value = ct;
        return ToLink(await client.PullRequest.Update(owner, repo, number, new PullRequestUpdate { Title = title, Body = body }));
    }

    public async Task<RepositoryPermission> GetPermissionAsync(string owner, string repo, string user, CancellationToken ct = default)
    {
        RateLimitHandler.Cancellation.Value = ct;
        var response = await client.Repository.Collaborator.ReviewPermission(owner, repo, user);
        return response.Permission switch
        {
            "admin" => RepositoryPermission.Admin,
            "write" or "maintain" => RepositoryPermission.Write,
            "read" or "triage" => RepositoryPermission.Read,
            _ => RepositoryPermission.None,
        };
    }

    private static GitHubPullRequestLink ToLink(PullRequest pr) => new(pr.Number, pr.HtmlUrl, pr.Title, pr.Body ?? string.Empty);

    public void Dispose()
    {
        tokens?.Dispose();
        foreach (var disposable in owned)
        {
            disposable.Dispose();
        }

        pacer.Dispose();
    }

    /// <summary>Sends output in PATCHes of at most 50 annotations each; status and conclusion go with the last.</summary>
    private async Task SendOutputAsync(string owner, string repo, long id, CheckRunOutput output, List<IReadOnlyList<CheckAnnotation>> batches,
        int first, CheckRunStatus? status, CheckRunConclusion? conclusion, CancellationToken ct)
    {
        for (var i = first; i < batches.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var last = i == batches.Count - 1;
            await client.Check.Run.Update(owner, repo, id, new CheckRunUpdate
            {
                Output = ToOctokit(output, batches[i]),
                Status = last && status is { } s ? ToOctokit(s) : null,
                Conclusion = last && conclusion is { } c ? ToOctokit(c) : null,
            });
        }
    }

    private static List<IReadOnlyList<CheckAnnotation>> Batches(CheckRunOutput? output)
    {
        var annotations = output?.Annotations ?? [];
        return annotations.Count == 0 ? [[]] : annotations.Chunk(AnnotationsPerRequest).Select(c => (IReadOnlyList<CheckAnnotation>)c).ToList();
    }

    private static NewCheckRunOutput ToOctokit(CheckRunOutput output, IReadOnlyList<CheckAnnotation> annotations) =>
        new(output.Title, output.Summary)
        {
            Text = output.Text,
            Annotations = annotations.Count == 0 ? null : annotations.Select(a => new NewCheckRunAnnotation(a.Path, a.StartLine, a.EndLine,
                a.Level switch
                {
                    AnnotationLevel.Notice => CheckAnnotationLevel.Notice,
                    AnnotationLevel.Warning => CheckAnnotationLevel.Warning,
                    _ => CheckAnnotationLevel.Failure,
                }, a.Message) { Title = a.Title }).ToList(),
        };

    private static CheckStatus ToOctokit(CheckRunStatus status) => status switch
    {
        CheckRunStatus.Queued => CheckStatus.Queued,
        CheckRunStatus.InProgress => CheckStatus.InProgress,
        _ => CheckStatus.Completed,
    };

    private static CheckConclusion ToOctokit(CheckRunConclusion conclusion) => conclusion switch
    {
        CheckRunConclusion.Success => CheckConclusion.Success,
        CheckRunConclusion.Failure => CheckConclusion.Failure,
        CheckRunConclusion.Neutral => CheckConclusion.Neutral,
        CheckRunConclusion.Cancelled => CheckConclusion.Cancelled,
        CheckRunConclusion.Skipped => CheckConclusion.Skipped,
        CheckRunConclusion.TimedOut => CheckConclusion.TimedOut,
        _ => CheckConclusion.ActionRequired,
    };

    private static GitHubComment ToComment(IssueComment comment) => new(comment.Id, comment.Body ?? "", comment.User?.Login ?? "");

    private GitHubClient NewClient(GitHubApiOptions options, ICredentialStore credentials)
    {
        var http = new HttpClientAdapter(() => new RateLimitHandler(options, pacer));
        // RateLimitHandler times each attempt itself; HttpClient's timeout would also cover rate-limit waits.
        http.SetRequestTimeout(Timeout.InfiniteTimeSpan);
        owned.Add(http);
        var connection = new Connection(new ProductHeaderValue(options.UserAgent), options.BaseAddress, credentials, http, new SimpleJsonSerializer());
        return new GitHubClient(connection);
    }

    private static void Validate(GitHubApiOptions options)
    {
        if (!options.BaseAddress.IsAbsoluteUri)
        {
            throw new ArgumentException($"BaseAddress must be an absolute URL, not '{options.BaseAddress}'", nameof(options));
        }

        if (options.MutationSpacing < TimeSpan.Zero)
        {
            throw new ArgumentException("MutationSpacing must not be negative", nameof(options));
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("RequestTimeout must be positive", nameof(options));
        }

        if (options.MaxRateLimitRetries < 0)
        {
            throw new ArgumentException("MaxRateLimitRetries must not be negative", nameof(options));
        }

        switch (options.Credentials)
        {
            case PersonalTokenCredentials { Token: null or "" }:
                throw new ArgumentException("Credentials.Token must not be empty", nameof(options));
            case GitHubAppCredentials { AppId: <= 0 } app:
                throw new ArgumentException($"Credentials.AppId must be positive, not {app.AppId}", nameof(options));
            case GitHubAppCredentials { InstallationId: <= 0 } app:
                throw new ArgumentException($"Credentials.InstallationId must be positive, not {app.InstallationId}", nameof(options));
            case GitHubAppCredentials { PrivateKeyPem: null or "" }:
                throw new ArgumentException("Credentials.PrivateKeyPem must not be empty", nameof(options));
        }
    }
}
