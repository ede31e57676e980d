using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FluentAssertions;
using Konfig.FakeGitHub;

namespace Konfig.Bot.Tests.GitHub;

/// <summary>The fake GitHub itself, spoken to with plain HTTP: it serves what conforms and records what does not.</summary>
public sealed class FakeGitHubServerTests : IAsyncLifetime
{
    private FakeGitHubServer server = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        server = await FakeGitHubServer.StartAsync();
        server.State.AddRepository("acme", "infra");
        http = new HttpClient { BaseAddress = server.Url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", "test-token");
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await server.DisposeAsync();
    }

    [RequiresGitHubArtifactsFact]
    public async Task A_conforming_request_is_served_and_records_no_violation()
    {
        using var response = await SendAsync(HttpMethod.Post, "repos/acme/infra/check-runs", """{"name":"konfig","head_sha":"abc123"}""");

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        server.Violations.Should().BeEmpty();
        server.State.CheckRuns("acme", "infra").Should().ContainSingle().Which.HeadSha.Should().Be("abc123");
        server.Requests.Should().ContainSingle().Which.Template.Should().Be("/repos/{owner}/{repo}/check-runs");
    }

    [RequiresGitHubArtifactsFact]
    public async Task A_check_run_without_head_sha_is_a_violation()
    {
        using var response = await SendAsync(HttpMethod.Post, "repos/acme/infra/check-runs", """{"name":"konfig"}""");

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        server.Violations.Should().ContainSingle().Which.Should().Contain("body.head_sha is required but missing");
        server.State.CheckRuns("acme", "infra").Should().BeEmpty();
    }

    [RequiresGitHubArtifactsFact]
    public async Task An_unknown_route_is_a_violation()
    {
        using var response = await SendAsync(HttpMethod.Get, "repos/acme/infra/no-such-thing/1", null);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        server.Violations.Should().ContainSingle().Which.Should().Contain("no route");
    }

    [RequiresGitHubArtifactsFact]
    public async Task A_method_the_route_lacks_is_a_violation()
    {
        using var response = await SendAsync(HttpMethod.Delete, "repos/acme/infra/check-runs", null);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        server.Violations.Should().ContainSingle().Which.Should().Contain("has no DELETE operation");
    }

    [RequiresGitHubArtifactsFact]
    public async Task A_path_parameter_of_the_wrong_type_is_a_violation()
    {
        using var response = await SendAsync(HttpMethod.Patch, "repos/acme/infra/check-runs/not-a-number", """{"status":"completed"}""");

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        server.Violations.Should().ContainSingle().Which.Should().Contain("check_run_id").And.Contain("integer");
    }

    [RequiresGitHubArtifactsFact]
    public async Task A_required_field_of_the_wrong_type_is_a_violation()
    {
        using var response = await SendAsync(HttpMethod.Post, "repos/acme/infra/issues/1/comments", """{"body":5}""");

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        server.Violations.Should().ContainSingle().Which.Should().Contain("body.body is integer, but must be string");
    }

    [RequiresGitHubArtifactsFact]
    public async Task More_than_50_annotations_in_one_request_is_a_violation()
    {
        var annotations = string.Join(",", Enumerable.Range(1, 51).Select(i =>
            $$"""{"path":"a.k","start_line":{{i}},"end_line":{{i}},"annotation_level":"failure","message":"m"}"""));
        using var response = await SendAsync(HttpMethod.Post, "repos/acme/infra/check-runs",
            $$$"""{"name":"konfig","head_sha":"abc","output":{"title":"t","summary":"s","annotations":[{{{annotations}}}]}}""");

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        server.Violations.Should().ContainSingle().Which.Should().Contain("body.output.annotations has 51 items");
    }

    [RequiresGitHubArtifactsFact]
    public async Task Every_response_carries_rate_limit_headers_even_a_refusal()
    {
        using var served = await SendAsync(HttpMethod.Get, "repos/acme/infra", null);
        using var refused = await SendAsync(HttpMethod.Get, "nowhere", null);

        foreach (var response in new[] { served, refused })
        {
            foreach (var header in new[] { "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", "x-ratelimit-used", "x-ratelimit-resource" })
            {
                response.Headers.Contains(header).Should().BeTrue($"{header} is on every response");
            }
        }

        served.StatusCode.Should().Be(HttpStatusCode.OK);
        (await served.Content.ReadAsStringAsync()).Should().Contain("\"default_branch\":\"main\"");
    }

    [RequiresGitHubArtifactsFact]
    public async Task Comments_are_paged_with_link_headers()
    {
        for (var i = 0; i < 5; i++)
        {
            server.State.AddComment("acme", "infra", 3, $"comment {i}");
        }

        using var first = await SendAsync(HttpMethod.Get, "repos/acme/infra/issues/3/comments?per_page=2", null);
        using var last = await SendAsync(HttpMethod.Get, "repos/acme/infra/issues/3/comments?per_page=2&page=3", null);

        first.Headers.GetValues("Link").Single().Should()
            .Contain($"<{server.Url}repos/acme/infra/issues/3/comments?per_page=2&page=2>; rel=\"next\"")
            .And.Contain("page=3>; rel=\"last\"");
        (await last.Content.ReadAsStringAsync()).Should().Contain("comment 4").And.NotContain("comment 3");
        last.Headers.GetValues("Link").Single().Should().NotContain("rel=\"next\"");
        server.Violations.Should().BeEmpty();
    }

    [RequiresGitHubArtifactsFact]
    public async Task An_injected_rate_limit_answers_the_next_request_once()
    {
        var reset = DateTimeOffset.UtcNow.AddSeconds(30);
        server.FailNextRequest(new FakeFailure(403, RateLimitReset: reset));

        using var limited = await SendAsync(HttpMethod.Get, "repos/acme/infra", null);
        using var served = await SendAsync(HttpMethod.Get, "repos/acme/infra", null);

        limited.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        limited.Headers.GetValues("x-ratelimit-remaining").Single().Should().Be("0");
        limited.Headers.GetValues("x-ratelimit-reset").Single().Should().Be(reset.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        served.StatusCode.Should().Be(HttpStatusCode.OK);
        server.Violations.Should().BeEmpty();
    }

    [RequiresGitHubArtifactsFact]
    public async Task A_request_without_credentials_is_refused_and_recorded()
    {
        using var anonymous = new HttpClient { BaseAddress = server.Url };

        using var response = await anonymous.GetAsync(new Uri("repos/acme/infra", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        server.Violations.Should().ContainSingle().Which.Should().Contain("no credentials");
    }

    [RequiresGitHubArtifactsFact]
    public async Task A_personal_token_may_comment_but_not_write_check_runs()
    {
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", "personal-token");

        using var comment = await SendAsync(HttpMethod.Post, "repos/acme/infra/issues/1/comments", """{"body":"hi"}""");
        using var checkRun = await SendAsync(HttpMethod.Post, "repos/acme/infra/check-runs", """{"name":"konfig","head_sha":"abc"}""");

        comment.StatusCode.Should().Be(HttpStatusCode.Created);
        checkRun.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        server.Violations.Should().ContainSingle().Which.Should().Contain("personal token cannot write check runs");
    }

    [RequiresGitHubArtifactsFact]
    public async Task Pull_requests_are_opened_listed_by_head_and_edited_one_open_per_head_and_base()
    {
        using var opened = await SendAsync(HttpMethod.Post, "repos/acme/infra/pulls", """{"title":"t","head":"feature","base":"main","body":"b"}""");
        using var twice = await SendAsync(HttpMethod.Post, "repos/acme/infra/pulls", """{"title":"t","head":"feature","base":"main"}""");
        using var other = await SendAsync(HttpMethod.Post, "repos/acme/infra/pulls", """{"title":"u","head":"other","base":"main"}""");
        using var edited = await SendAsync(HttpMethod.Patch, "repos/acme/infra/pulls/1", """{"body":"new body"}""");
        using var listed = await SendAsync(HttpMethod.Get, "repos/acme/infra/pulls?state=open&head=acme:feature", null);

        opened.StatusCode.Should().Be(HttpStatusCode.Created);
        twice.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        other.StatusCode.Should().Be(HttpStatusCode.Created);
        edited.StatusCode.Should().Be(HttpStatusCode.OK);
        var list = System.Text.Json.Nodes.JsonNode.Parse(await listed.Content.ReadAsStringAsync())!.AsArray();
        list.Select(pr => pr!["number"]!.GetValue<int>()).Should().Equal(1);
        list[0]!["body"]!.GetValue<string>().Should().Be("new body");
        server.State.PullRequests("acme", "infra").Select(pr => (pr.Number, pr.HeadRef, pr.Title)).Should().Equal((1, "feature", "t"), (2, "other", "u"));
        server.Violations.Should().BeEmpty();
    }

    [RequiresGitHubArtifactsFact]
    public async Task Opening_a_pull_request_without_its_base_is_a_violation()
    {
        using var response = await SendAsync(HttpMethod.Post, "repos/acme/infra/pulls", """{"title":"t","head":"feature"}""");

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        server.TakeViolations().Should().ContainSingle().Which.Should().Contain("base");
        server.State.PullRequests("acme", "infra").Should().BeEmpty();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await http.SendAsync(request);
    }
}
