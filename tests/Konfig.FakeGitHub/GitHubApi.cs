using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Konfig.FakeGitHub;

/// <summary>The fake's request handling: check against the REST description, authenticate, inject failures, serve.</summary>
internal sealed partial class GitHubApi(OpenApiDescription description, FakeGitHubOptions options)
{
    private const int RateLimit = 5000;

    private readonly Lock gate = new();
    private readonly List<string> violations = [];
    private readonly List<FakeRequest> requests = [];
    private readonly Queue<FakeFailure> failures = new();
    private readonly Dictionary<string, DateTimeOffset> installationTokens = new(StringComparer.Ordinal);
    private int used;
    private int tokensIssued;

    public FakeGitHubState State { get; } = new();

    public IReadOnlyList<string> Violations
    {
        get { lock (gate) { return [.. violations]; } }
    }

    public IReadOnlyList<string> TakeViolations()
    {
        lock (gate)
        {
            var taken = violations.ToList();
            violations.Clear();
            return taken;
        }
    }

    public IReadOnlyList<FakeRequest> Requests
    {
        get { lock (gate) { return [.. requests]; } }
    }

    public int InstallationTokensIssued
    {
        get { lock (gate) { return tokensIssued; } }
    }

    public void Inject(FakeFailure failure)
    {
        lock (gate)
        {
            failures.Enqueue(failure);
        }
    }

    public async Task HandleAsync(HttpContext context)
    {
        if (options.Latency > TimeSpan.Zero)
        {
            await Task.Delay(options.Latency, context.RequestAborted);
        }

        var request = context.Request;
        var text = await new StreamReader(request.Body, Encoding.UTF8).ReadToEndAsync(context.RequestAborted);
        var hasBody = text.Length > 0;
        JsonNode? body = null;
        var path = request.Path.Value ?? "/";
        var authorization = request.Headers.Authorization.ToString();
        int index;
        lock (gate)
        {
            index = requests.Count;
            requests.Add(new FakeRequest(request.Method, path, null, authorization, hasBody ? text : null, TimeProvider.System.GetUtcNow()));
            used++;
        }

        if (hasBody)
        {
            try
            {
                body = JsonNode.Parse(text);
            }
            catch (JsonException e)
            {
                AddRateLimitHeaders(context.Response, null);
                await RefuseAsync(context, 400, $"{request.Method} {path}: the body is not JSON: {e.Message}");
                return;
            }
        }

        var check = description.Check(request.Method, path, body, hasBody);
        lock (gate)
        {
            requests[index] = requests[index] with { Template = check.Template };
        }

        if (!check.Conforms)
        {
            AddRateLimitHeaders(context.Response, null);
            await RefuseAsync(context, check.Template is null ? 404 : 422, string.Join("; ", check.Errors.Select(e => $"{request.Method} {path}: {e}")));
            return;
        }

        // An injected failure takes the place of a conforming request only, so a bad request is never hidden by one.
        FakeFailure? failure;
        lock (gate)
        {
            failure = failures.Count > 0 ? failures.Dequeue() : null;
        }

        AddRateLimitHeaders(context.Response, failure);
        if (failure is not null)
        {
            await WriteFailureAsync(context, failure);
            return;
        }

        var route = $"{request.Method.ToUpperInvariant()} {check.Template}";
        var values = check.PathValues;
        var authError = route == "POST /app/installations/{installation_id}/access_tokens"
            ? CheckAppJwt(authorization)
            : CheckToken(authorization);
        if (authError is not null)
        {
            await RefuseAsync(context, 401, $"{request.Method} {path}: {authError}");
            return;
        }

        // As on GitHub, only an app (an installation token) may write check runs.
        if (check.Template!.StartsWith("/repos/{owner}/{repo}/check-runs", StringComparison.Ordinal) && request.Method != "GET"
            && options.PersonalTokens.Contains(BearerOrToken(authorization)!))
        {
            await RefuseAsync(context, 403, $"{request.Method} {path}: You must authenticate via a GitHub App (a personal token cannot write check runs)");
            return;
        }

        var (status, result) = route switch
        {
            "GET /repos/{owner}/{repo}" => GetRepository(values),
            "GET /repos/{owner}/{repo}/pulls/{pull_number}" => GetPullRequest(values),
            "GET /repos/{owner}/{repo}/pulls" => ListPullRequests(context, values),
            "POST /repos/{owner}/{repo}/pulls" => CreatePullRequest(values, body!),
            "PATCH /repos/{owner}/{repo}/pulls/{pull_number}" => UpdatePullRequest(values, body!),
            "GET /repos/{owner}/{repo}/issues/{issue_number}/comments" => ListComments(context, values),
            "POST /repos/{owner}/{repo}/issues/{issue_number}/comments" => CreateComment(values, body!),
            "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}" => UpdateComment(values, body!),
            "DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}" => DeleteComment(values),
            "POST /repos/{owner}/{repo}/check-runs" => CreateCheckRun(values, body!),
            "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}" => UpdateCheckRun(values, body!),
            "POST /repos/{owner}/{repo}/statuses/{sha}" => CreateStatus(values, body!),
            "GET /repos/{owner}/{repo}/collaborators/{username}/permission" => GetPermission(values),
            "POST /app/installations/{installation_id}/access_tokens" => CreateInstallationToken(values),
            _ => (501, Error($"the fake does not serve {route}")),
        };
        if (status == 501)
        {
            Record($"{request.Method} {path}: the fake does not serve {route}");
        }

        await WriteAsync(context, status, result);
    }

    private void AddRateLimitHeaders(HttpResponse response, FakeFailure? failure)
    {
        var reset = failure?.RateLimitReset ?? options.Clock.GetUtcNow().AddHours(1);
        int count;
        lock (gate)
        {
            count = used;
        }

        var remaining = failure?.RateLimitReset is not null ? 0 : Math.Max(0, RateLimit - count);
        response.Headers["x-ratelimit-limit"] = RateLimit.ToString(CultureInfo.InvariantCulture);
        response.Headers["x-ratelimit-remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers["x-ratelimit-reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        response.Headers["x-ratelimit-used"] = Math.Min(count, RateLimit).ToString(CultureInfo.InvariantCulture);
        response.Headers["x-ratelimit-resource"] = "core";
        response.Headers["x-github-request-id"] = Guid.NewGuid().ToString("N");
    }

    private static Task WriteFailureAsync(HttpContext context, FakeFailure failure)
    {
        if (failure.RetryAfter is { } retryAfter)
        {
            context.Response.Headers["retry-after"] = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        var message = failure.RateLimitReset is not null
            ? "API rate limit exceeded for installation."
            : "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.";
        return WriteAsync(context, failure.StatusCode, Error(message));
    }

    private async Task RefuseAsync(HttpContext context, int status, string why)
    {
        Record(why);
        await WriteAsync(context, status, Error(why));
    }

    private void Record(string violation)
    {
        lock (gate)
        {
            violations.Add(violation);
        }
    }

    private static string? BearerOrToken(string authorization) =>
        authorization.StartsWith("token ", StringComparison.OrdinalIgnoreCase) ? authorization[6..]
            : authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..]
            : null;

    private string? CheckToken(string authorization)
    {
        if (BearerOrToken(authorization) is not { } token)
        {
            return "no credentials (Authorization: token …)";
        }

        if (options.Tokens.Contains(token) || options.PersonalTokens.Contains(token))
        {
            return null;
        }

        lock (gate)
        {
            if (installationTokens.TryGetValue(token, out var expires))
            {
                return expires > options.Clock.GetUtcNow() ? null : "the installation token has expired";
            }
        }

        return "Bad credentials";
    }

    /// <summary>Checks an App JWT as GitHub does: RS256 signed by the app's key, iss = app id, iat/exp current, at most 10 minutes long.</summary>
    private string? CheckAppJwt(string authorization)
    {
        if (options.App is not { } app)
        {
            return "the fake has no GitHub App configured";
        }

        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return "an App JWT is needed (Authorization: Bearer <jwt>)";
        }

        var parts = authorization[7..].Split('.');
        if (parts.Length != 3)
        {
            return "the JWT does not have three parts";
        }

        JsonNode header, claims;
        byte[] signature;
        try
        {
            header = JsonNode.Parse(Base64Url(parts[0]))!;
            claims = JsonNode.Parse(Base64Url(parts[1]))!;
            signature = Base64Url(parts[2]);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return $"the JWT could not be decoded: {e.Message}";
        }

        if (header["alg"]?.GetValue<string>() != "RS256")
        {
            return "the JWT's alg must be RS256";
        }

        using var rsa = RSA.Create();
        rsa.ImportFromPem(app.PublicKeyPem);
        if (!rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return "the JWT's signature does not match the app's key";
        }

        var iss = claims["iss"]?.ToString();
        if (iss != app.AppId.ToString(CultureInfo.InvariantCulture))
        {
            return $"the JWT's iss is '{iss}', not the app id {app.AppId}";
        }

        if (claims["iat"] is not JsonValue iatNode || claims["exp"] is not JsonValue expNode
            || !iatNode.TryGetValue<long>(out var iat) || !expNode.TryGetValue<long>(out var exp))
        {
            return "the JWT needs numeric iat and exp claims";
        }

        var now = options.Clock.GetUtcNow().ToUnixTimeSeconds();
        if (exp <= now)
        {
            return "the JWT has expired";
        }

        if (iat > now + 60)
        {
            return "the JWT's iat is in the future";
        }

        return exp - iat > 600 ? "the JWT's exp is more than 10 minutes after its iat" : null;
    }

    private static byte[] Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        return Convert.FromBase64String(padded);
    }

    private (int, JsonNode) GetRepository(IReadOnlyDictionary<string, string> values) =>
        State.Repository(values["owner"], values["repo"]) is { } repository ? (200, RepositoryJson(repository)) : NotFound();

    private (int, JsonNode) GetPullRequest(IReadOnlyDictionary<string, string> values)
    {
        var repository = State.Repository(values["owner"], values["repo"]);
        var number = int.Parse(values["pull_number"], CultureInfo.InvariantCulture);
        if (repository is null || State.PullRequest(repository, number) is not { } pr)
        {
            return NotFound();
        }

        return (200, PullRequestJson(repository, pr));
    }

    private (int, JsonNode) ListComments(HttpContext context, IReadOnlyDictionary<string, string> values)
    {
        var (owner, repo) = (values["owner"], values["repo"]);
        if (State.Repository(owner, repo) is null)
        {
            return NotFound();
        }

        var query = context.Request.Query;
        var perPage = Math.Clamp(int.TryParse(query["per_page"], CultureInfo.InvariantCulture, out var p) ? p : 30, 1, 100);
        var page = Math.Max(1, int.TryParse(query["page"], CultureInfo.InvariantCulture, out var n) ? n : 1);
        var all = State.Comments(owner, repo, int.Parse(values["issue_number"], CultureInfo.InvariantCulture));
        var last = Math.Max(1, (all.Count + perPage - 1) / perPage);
        var links = new List<string>();
        var self = new Uri(new Uri($"http://{context.Request.Host}"), context.Request.Path);
        string Link(int target, string rel) =>
            string.Create(CultureInfo.InvariantCulture, $"<{self}?per_page={perPage}&page={target}>; rel=\"{rel}\"");
        if (page < last)
        {
            links.Add(Link(page + 1, "next"));
            links.Add(Link(last, "last"));
        }

        if (page > 1)
        {
            links.Add(Link(1, "first"));
            links.Add(Link(page - 1, "prev"));
        }

        if (links.Count > 0)
        {
            context.Response.Headers["Link"] = string.Join(", ", links);
        }

        return (200, new JsonArray([.. all.Skip((page - 1) * perPage).Take(perPage).Select(CommentJson)]));
    }

    private (int, JsonNode) CreateComment(IReadOnlyDictionary<string, string> values, JsonNode body)
    {
        var (owner, repo) = (values["owner"], values["repo"]);
        if (State.Repository(owner, repo) is null)
        {
            return NotFound();
        }

        var comment = State.CreateComment(owner, repo, int.Parse(values["issue_number"], CultureInfo.InvariantCulture), body["body"]!.GetValue<string>(), "konfig[bot]");
        return (201, CommentJson(comment));
    }

    private (int, JsonNode) UpdateComment(IReadOnlyDictionary<string, string> values, JsonNode body)
    {
        var comment = State.UpdateComment(values["owner"], values["repo"], long.Parse(values["comment_id"], CultureInfo.InvariantCulture), body["body"]!.GetValue<string>());
        return comment is null ? NotFound() : (200, CommentJson(comment));
    }

    private (int, JsonNode) DeleteComment(IReadOnlyDictionary<string, string> values) =>
        State.DeleteComment(values["owner"], values["repo"], long.Parse(values["comment_id"], CultureInfo.InvariantCulture))
            ? (204, null!)
            : NotFound();

    private (int, JsonNode) CreateCheckRun(IReadOnlyDictionary<string, string> values, JsonNode body)
    {
        var (owner, repo) = (values["owner"], values["repo"]);
        if (State.Repository(owner, repo) is null)
        {
            return NotFound();
        }

        var created = State.CreateCheckRun(owner, repo, body["name"]!.GetValue<string>(), body["head_sha"]!.GetValue<string>());
        var run = State.UpdateCheckRun(owner, repo, created.Id, r => ApplyCheckRun(r, body))!;
        return (201, CheckRunJson(run));
    }

    private (int, JsonNode) UpdateCheckRun(IReadOnlyDictionary<string, string> values, JsonNode body)
    {
        var run = State.UpdateCheckRun(values["owner"], values["repo"], long.Parse(values["check_run_id"], CultureInfo.InvariantCulture), r => ApplyCheckRun(r, body));
        return run is null ? NotFound() : (200, CheckRunJson(run));
    }

    /// <summary>Applies a create/update body; annotations are appended, as GitHub does.</summary>
    private static void ApplyCheckRun(FakeCheckRun run, JsonNode body)
    {
        run.Name = body["name"]?.GetValue<string>() ?? run.Name;
        run.Status = body["status"]?.GetValue<string>() ?? run.Status;
        if (body["conclusion"]?.GetValue<string>() is { } conclusion)
        {
            run.Conclusion = conclusion;
            run.Status = "completed";
        }

        var annotations = 0;
        if (body["output"] is JsonObject output)
        {
            run.Title = output["title"]?.GetValue<string>() ?? run.Title;
            run.Summary = output["summary"]?.GetValue<string>() ?? run.Summary;
            run.Text = output["text"]?.GetValue<string>() ?? run.Text;
            foreach (var a in output["annotations"]?.AsArray() ?? [])
            {
                run.Annotations.Add(new FakeAnnotation(
                    a!["path"]!.GetValue<string>(),
                    a["start_line"]!.GetValue<int>(),
                    a["end_line"]!.GetValue<int>(),
                    a["annotation_level"]!.GetValue<string>(),
                    a["message"]!.GetValue<string>(),
                    a["title"]?.GetValue<string>()));
                annotations++;
            }
        }

        run.AnnotationsPerRequest.Add(annotations);
    }

    private (int, JsonNode) CreateStatus(IReadOnlyDictionary<string, string> values, JsonNode body)
    {
        var (owner, repo) = (values["owner"], values["repo"]);
        if (State.Repository(owner, repo) is null)
        {
            return NotFound();
        }

        var status = State.CreateStatus(owner, repo, values["sha"], body["state"]!.GetValue<string>(),
            body["context"]?.GetValue<string>() ?? "default", body["description"]?.GetValue<string>(), body["target_url"]?.GetValue<string>());
        return (201, new JsonObject
        {
            ["id"] = status.Id,
            ["node_id"] = $"SC_{status.Id}",
            ["url"] = $"https://api.github.com/repos/{owner}/{repo}/statuses/{status.Sha}",
            ["state"] = status.State,
            ["description"] = status.Description,
            ["target_url"] = status.TargetUrl,
            ["context"] = status.Context,
            ["created_at"] = "2026-01-01T00:00:00Z",
            ["updated_at"] = "2026-01-01T00:00:00Z",
            ["creator"] = UserJson("konfig[bot]"),
        });
    }

    /// <summary>As GitHub: <c>permission</c> is admin, write, read or none (maintain reads as write, triage as read); <c>role_name</c> is the role itself.</summary>
    private (int, JsonNode) GetPermission(IReadOnlyDictionary<string, string> values)
    {
        if (State.Repository(values["owner"], values["repo"]) is not { } repository)
        {
            return NotFound();
        }

        var role = repository.Collaborators.GetValueOrDefault(values["username"]) ?? "none";
        var permission = role switch
        {
            "maintain" => "write",
            "triage" => "read",
            _ => role,
        };
        return (200, new JsonObject { ["permission"] = permission, ["role_name"] = role, ["user"] = UserJson(values["username"]) });
    }

    private (int, JsonNode) CreateInstallationToken(IReadOnlyDictionary<string, string> values)
    {
        var id = long.Parse(values["installation_id"], CultureInfo.InvariantCulture);
        if (!options.App!.InstallationIds.Contains(id))
        {
            return NotFound();
        }

        var token = "ghs_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var expires = options.Clock.GetUtcNow() + options.InstallationTokenLifetime;
        lock (gate)
        {
            installationTokens[token] = expires;
            tokensIssued++;
        }

        return (201, new JsonObject
        {
            ["token"] = token,
            ["expires_at"] = expires.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["permissions"] = new JsonObject { ["checks"] = "write", ["issues"] = "write", ["pull_requests"] = "write", ["statuses"] = "write" },
            ["repository_selection"] = "all",
        });
    }

    private static JsonObject RepositoryJson(FakeRepository repository) => new()
    {
        ["id"] = repository.Id,
        ["node_id"] = $"R_{repository.Id}",
        ["name"] = repository.Name,
        ["full_name"] = $"{repository.Owner}/{repository.Name}",
        ["owner"] = UserJson(repository.Owner),
        ["private"] = false,
        ["html_url"] = $"https://github.com/{repository.Owner}/{repository.Name}",
        ["url"] = $"https://api.github.com/repos/{repository.Owner}/{repository.Name}",
        ["default_branch"] = repository.DefaultBranch,
    };

    private static JsonObject BranchJson(FakeRepository repository, string branch, string sha) => new()
    {
        ["label"] = $"{repository.Owner}:{branch}",
        ["ref"] = branch,
        ["sha"] = sha,
        ["user"] = UserJson(repository.Owner),
        ["repo"] = RepositoryJson(repository),
    };

    private static JsonObject CommentJson(FakeIssueComment comment) => new()
    {
        ["id"] = comment.Id,
        ["node_id"] = $"IC_{comment.Id}",
        ["url"] = $"https://api.github.com/repos/{comment.Owner}/{comment.Repo}/issues/comments/{comment.Id}",
        ["html_url"] = $"https://github.com/{comment.Owner}/{comment.Repo}/pull/{comment.IssueNumber}#issuecomment-{comment.Id}",
        ["body"] = comment.Body,
        ["user"] = UserJson(comment.User),
        ["created_at"] = comment.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        ["updated_at"] = comment.UpdatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        ["author_association"] = "NONE",
    };

    private static JsonObject CheckRunJson(FakeCheckRun run) => new()
    {
        ["id"] = run.Id,
        ["node_id"] = $"CR_{run.Id}",
        ["head_sha"] = run.HeadSha,
        ["name"] = run.Name,
        ["status"] = run.Status,
        ["conclusion"] = run.Conclusion,
        ["url"] = $"https://api.github.com/repos/{run.Owner}/{run.Repo}/check-runs/{run.Id}",
        ["html_url"] = $"https://github.com/{run.Owner}/{run.Repo}/runs/{run.Id}",
        ["output"] = new JsonObject
        {
            ["title"] = run.Title,
            ["summary"] = run.Summary,
            ["text"] = run.Text,
            ["annotations_count"] = run.Annotations.Count,
        },
        ["pull_requests"] = new JsonArray(),
    };

    private static JsonObject UserJson(string login) => new()
    {
        ["login"] = login,
        ["id"] = Math.Abs(login.GetHashCode(StringComparison.Ordinal)),
        ["type"] = login.EndsWith("[bot]", StringComparison.Ordinal) ? "Bot" : "User",
    };

    private static (int, JsonNode) NotFound() => (404, Error("Not Found"));

    private static JsonObject Error(string message) => new()
    {
        ["message"] = message,
        ["documentation_url"] = "https://docs.github.com/rest",
    };

    private static async Task WriteAsync(HttpContext context, int status, JsonNode? body)
    {
        context.Response.StatusCode = status;
        if (body is null || status == 204)
        {
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
