using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Konfig.FakeGitHub;

/// <summary>Pull requests: read one, list (filtered by state and head as GitHub does), open, and edit.</summary>
internal sealed partial class GitHubApi
{
    private (int, JsonNode) ListPullRequests(HttpContext context, IReadOnlyDictionary<string, string> values)
    {
        if (State.Repository(values["owner"], values["repo"]) is not { } repository)
        {
            return NotFound();
        }

        // GitHub's filters: state (open by default, closed, all) and head as OWNER:BRANCH.
        var query = context.Request.Query;
        var state = query["state"].ToString() is { Length: > 0 } s ? s : "open";
        var head = query["head"].ToString();
        var headBranch = head.Contains(':', StringComparison.Ordinal) ? head[(head.IndexOf(':', StringComparison.Ordinal) + 1)..] : head;
        var headOwner = head.Contains(':', StringComparison.Ordinal) ? head[..head.IndexOf(':', StringComparison.Ordinal)] : repository.Owner;
        var matches = State.PullRequests(repository.Owner, repository.Name)
            .Where(pr => state == "all" || pr.State == state)
            .Where(pr => head.Length == 0 || (pr.HeadRef == headBranch && string.Equals(headOwner, repository.Owner, StringComparison.OrdinalIgnoreCase)))
            .OrderByDescending(pr => pr.Number);
        return (200, new JsonArray([.. matches.Select(pr => (JsonNode)PullRequestJson(repository, pr))]));
    }

    private (int, JsonNode) CreatePullRequest(IReadOnlyDictionary<string, string> values, JsonNode body)
    {
        if (State.Repository(values["owner"], values["repo"]) is not { } repository)
        {
            return NotFound();
        }

        var head = body["head"]!.GetValue<string>();
        var headBranch = head.Contains(':', StringComparison.Ordinal) ? head[(head.IndexOf(':', StringComparison.Ordinal) + 1)..] : head;
        var baseBranch = body["base"]!.GetValue<string>();

        // As GitHub: one open pull request per head and base.
        if (State.PullRequests(repository.Owner, repository.Name).Any(pr => pr.State == "open" && pr.HeadRef == headBranch && pr.BaseRef == baseBranch))
        {
            return (422, Error($"A pull request already exists for {repository.Owner}:{headBranch}."));
        }

        var created = State.OpenPullRequest(repository.Owner, repository.Name, body["title"]?.GetValue<string>() ?? headBranch,
            body["body"]?.GetValue<string>(), headBranch, baseBranch);
        return (201, PullRequestJson(repository, created));
    }

    private (int, JsonNode) UpdatePullRequest(IReadOnlyDictionary<string, string> values, JsonNode body)
    {
        if (State.Repository(values["owner"], values["repo"]) is not { } repository)
        {
            return NotFound();
        }

        var number = int.Parse(values["pull_number"], CultureInfo.InvariantCulture);
        var updated = State.EditPullRequest(repository.Owner, repository.Name, number, pr => pr with
        {
            Title = body["title"]?.GetValue<string>() ?? pr.Title,
            Body = body["body"] is { } newBody ? newBody.GetValue<string>() : pr.Body,
            State = body["state"]?.GetValue<string>() ?? pr.State,
        });
        return updated is null ? NotFound() : (200, PullRequestJson(repository, updated));
    }

    private static JsonObject PullRequestJson(FakeRepository repository, FakePullRequest pr)
    {
        var baseUrl = $"https://api.github.com/repos/{repository.Owner}/{repository.Name}";
        return new JsonObject
        {
            ["id"] = 9_000_000 + pr.Number,
            ["node_id"] = $"PR_{pr.Number}",
            ["url"] = $"{baseUrl}/pulls/{pr.Number}",
            ["html_url"] = $"https://github.com/{repository.Owner}/{repository.Name}/pull/{pr.Number}",
            ["number"] = pr.Number,
            ["state"] = pr.State,
            ["title"] = pr.Title,
            ["body"] = pr.Body,
            ["user"] = UserJson(pr.Author),
            ["draft"] = pr.Draft,
            ["merged"] = pr.Merged,

            // As GitHub sends it; Octokit's PullRequest.Merged is read from it.
            ["merged_at"] = pr.Merged ? "2026-01-02T00:00:00Z" : null,
            ["mergeable"] = true,
            ["merge_commit_sha"] = pr.MergeCommitSha,
            ["created_at"] = "2026-01-01T00:00:00Z",
            ["updated_at"] = "2026-01-01T00:00:00Z",
            ["head"] = BranchJson(repository, pr.HeadRef, pr.HeadSha),
            ["base"] = BranchJson(repository, pr.BaseRef, pr.BaseSha),
        };
    }
}
