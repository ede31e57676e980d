namespace Konfig.FakeGitHub;

/// <summary>
/// What the fake GitHub holds, in memory. Tests seed it (repositories, pull requests, collaborators) and
/// inspect it (comments, check runs, statuses). Every member takes the one lock, so it is safe across threads;
/// reads hand out copies.
/// </summary>
public sealed class FakeGitHubState
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, FakeRepository> repositories = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<FakeIssueComment> comments = [];
    private readonly List<FakeCheckRun> checkRuns = [];
    private readonly List<FakeCommitStatus> statuses = [];
    private long nextId = 1000;

    /// <summary>Adds a repository (owner/name), with its default branch and collaborators (login → admin, maintain, write, triage, read).</summary>
    public FakeRepository AddRepository(string owner, string name, string defaultBranch = "main", IReadOnlyDictionary<string, string>? collaborators = null)
    {
        lock (gate)
        {
            var repository = new FakeRepository(NextId(), owner, name, defaultBranch,
                new Dictionary<string, string>(collaborators ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase), []);
            repositories[Key(owner, name)] = repository;
            return repository;
        }
    }

    /// <summary>Adds a pull request to a repository added before.</summary>
    public FakePullRequest AddPullRequest(string owner, string repo, FakePullRequest pullRequest)
    {
        lock (gate)
        {
            Repository(owner, repo)!.PullRequests[pullRequest.Number] = pullRequest;
            return pullRequest;
        }
    }

    /// <summary>The repository's pull requests, by number.</summary>
    public IReadOnlyList<FakePullRequest> PullRequests(string owner, string repo)
    {
        lock (gate)
        {
            return Repository(owner, repo) is { } repository ? [.. repository.PullRequests.Values.OrderBy(pr => pr.Number)] : [];
        }
    }

    internal FakePullRequest? PullRequest(FakeRepository repository, int number)
    {
        lock (gate)
        {
            return repository.PullRequests.GetValueOrDefault(number);
        }
    }

    /// <summary>A pull request opened through the API (by konfig[bot]): the next number; the head sha is unknown to the fake.</summary>
    internal FakePullRequest OpenPullRequest(string owner, string repo, string title, string? body, string head, string baseRef)
    {
        lock (gate)
        {
            var repository = Repository(owner, repo)!;
            var number = repository.PullRequests.Count == 0 ? 1 : repository.PullRequests.Keys.Max() + 1;
            var pr = new FakePullRequest(number, title, "konfig[bot]", head, new string('0', 40), baseRef, new string('0', 40), Body: body);
            repository.PullRequests[number] = pr;
            return pr;
        }
    }

    internal FakePullRequest? EditPullRequest(string owner, string repo, int number, Func<FakePullRequest, FakePullRequest> edit)
    {
        lock (gate)
        {
            var repository = Repository(owner, repo);
            if (repository is null || !repository.PullRequests.TryGetValue(number, out var pr))
            {
                return null;
            }

            return repository.PullRequests[number] = edit(pr);
        }
    }

    /// <summary>Adds a comment as if someone had written it (e.g. the bot's sticky comment from an earlier run).</summary>
    public FakeIssueComment AddComment(string owner, string repo, int issueNumber, string body, string user = "someone")
    {
        lock (gate)
        {
            var comment = new FakeIssueComment(NextId(), owner, repo, issueNumber, body, user);
            comments.Add(comment);
            return comment;
        }
    }

    public IReadOnlyList<FakeIssueComment> Comments(string owner, string repo, int issueNumber)
    {
        lock (gate)
        {
            return comments.Where(c => Same(c.Owner, c.Repo, owner, repo) && c.IssueNumber == issueNumber).ToList();
        }
    }

    public IReadOnlyList<FakeCheckRun> CheckRuns(string owner, string repo)
    {
        lock (gate)
        {
            return checkRuns.Where(c => Same(c.Owner, c.Repo, owner, repo)).Select(c => c.Copy()).ToList();
        }
    }

    public IReadOnlyList<FakeCommitStatus> Statuses(string owner, string repo)
    {
        lock (gate)
        {
            return statuses.Where(s => Same(s.Owner, s.Repo, owner, repo)).ToList();
        }
    }

    internal FakeRepository? Repository(string owner, string name)
    {
        lock (gate)
        {
            return repositories.GetValueOrDefault(Key(owner, name));
        }
    }

    internal FakeIssueComment CreateComment(string owner, string repo, int issueNumber, string body, string user) =>
        AddComment(owner, repo, issueNumber, body, user);

    internal FakeIssueComment? UpdateComment(string owner, string repo, long id, string body)
    {
        lock (gate)
        {
            var index = comments.FindIndex(c => c.Id == id && Same(c.Owner, c.Repo, owner, repo));
            if (index < 0)
            {
                return null;
            }

            comments[index] = comments[index] with { Body = body, UpdatedAt = DateTimeOffset.UtcNow };
            return comments[index];
        }
    }

    internal bool DeleteComment(string owner, string repo, long id)
    {
        lock (gate)
        {
            return comments.RemoveAll(c => c.Id == id && Same(c.Owner, c.Repo, owner, repo)) > 0;
        }
    }

    internal FakeCheckRun CreateCheckRun(string owner, string repo, string name, string headSha)
    {
        lock (gate)
        {
            var run = new FakeCheckRun(NextId(), owner, repo, name, headSha);
            checkRuns.Add(run);
            return run;
        }
    }

    /// <summary>Runs <paramref name="change"/> on the stored check run under the lock; returns a copy, or null if unknown.</summary>
    internal FakeCheckRun? UpdateCheckRun(string owner, string repo, long id, Action<FakeCheckRun> change)
    {
        lock (gate)
        {
            var run = checkRuns.Find(c => c.Id == id && Same(c.Owner, c.Repo, owner, repo));
            if (run is null)
            {
                return null;
            }

            change(run);
            return run.Copy();
        }
    }

    internal FakeCommitStatus CreateStatus(string owner, string repo, string sha, string state, string context, string? description, string? targetUrl)
    {
        lock (gate)
        {
            var status = new FakeCommitStatus(NextId(), owner, repo, sha, state, context, description, targetUrl);
            statuses.Add(status);
            return status;
        }
    }

    private long NextId() => ++nextId;

    private static string Key(string owner, string name) => owner + "/" + name;

    private static bool Same(string owner1, string repo1, string owner2, string repo2) =>
        string.Equals(owner1, owner2, StringComparison.OrdinalIgnoreCase) && string.Equals(repo1, repo2, StringComparison.OrdinalIgnoreCase);
}

public sealed record FakeRepository(
    long Id,
    string Owner,
    string Name,
    string DefaultBranch,
    Dictionary<string, string> Collaborators,
    Dictionary<int, FakePullRequest> PullRequests);

public sealed record FakePullRequest(
    int Number,
    string Title,
    string Author,
    string HeadRef,
    string HeadSha,
    string BaseRef,
    string BaseSha,
    string State = "open",
    bool Merged = false,
    string? MergeCommitSha = null,
    bool Draft = false,
    string? Body = null);

public sealed record FakeIssueComment(long Id, string Owner, string Repo, int IssueNumber, string Body, string User)
{
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;

    public DateTimeOffset UpdatedAt { get; init; } = DateTimeOffset.UtcNow;
}

/// <summary>A check run; <see cref="AnnotationsPerRequest"/> says how many annotations each create/update carried.</summary>
public sealed class FakeCheckRun(long id, string owner, string repo, string name, string headSha)
{
    public long Id { get; } = id;

    public string Owner { get; } = owner;

    public string Repo { get; } = repo;

    public string Name { get; set; } = name;

    public string HeadSha { get; } = headSha;

    public string Status { get; set; } = "queued";

    public string? Conclusion { get; set; }

    public string? Title { get; set; }

    public string? Summary { get; set; }

    public string? Text { get; set; }

    public List<FakeAnnotation> Annotations { get; private init; } = [];

    public List<int> AnnotationsPerRequest { get; private init; } = [];

    internal FakeCheckRun Copy() => new(Id, Owner, Repo, Name, HeadSha)
    {
        Status = Status,
        Conclusion = Conclusion,
        Title = Title,
        Summary = Summary,
        Text = Text,
        Annotations = [.. Annotations],
        AnnotationsPerRequest = [.. AnnotationsPerRequest],
    };
}

public sealed record FakeAnnotation(string Path, int StartLine, int EndLine, string Level, string Message, string? Title);

public sealed record FakeCommitStatus(long Id, string Owner, string Repo, string Sha, string State, string Context, string? Description, string? TargetUrl);
