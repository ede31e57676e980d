namespace Konfig.FakeGitHub;

/// <summary>How a <see cref="FakeGitHubServer"/> starts.</summary>
public sealed class FakeGitHubOptions
{
    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The REST description requests are checked against; null: @octokit/openapi's (<see cref="GitHubArtifacts.OpenApiPath"/>).</summary>
    public string? OpenApiPath { get; init; }

    /// <summary>Tokens the fake accepts for everything ("Authorization: token X" or "Bearer X"), like Actions' GITHUB_TOKEN.</summary>
    public IReadOnlyCollection<string> Tokens { get; init; } = ["test-token"];

    /// <summary>Personal access tokens: accepted, except for writing check runs (403, recorded), as on GitHub.</summary>
    public IReadOnlyCollection<string> PersonalTokens { get; init; } = ["personal-token"];

    /// <summary>A GitHub App whose JWTs the fake accepts on /app/installations/{id}/access_tokens; null: none.</summary>
    public FakeGitHubApp? App { get; init; }

    /// <summary>How long an installation token lives (GitHub: one hour).</summary>
    public TimeSpan InstallationTokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Added to every request before it is answered.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>The clock for JWT claims, token expiry and rate-limit resets.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}

/// <summary>A GitHub App: its id (the JWT's <c>iss</c>), the public half of its key (PEM) and its installations.</summary>
public sealed record FakeGitHubApp(long AppId, string PublicKeyPem, IReadOnlyCollection<long> InstallationIds);

/// <summary>
/// A failure the fake answers once, to the next request, instead of serving it: GitHub's rate limiting
/// (403 or 429 with <c>retry-after</c>, or with <c>x-ratelimit-remaining: 0</c> and <c>x-ratelimit-reset</c>).
/// </summary>
public sealed record FakeFailure(int StatusCode, TimeSpan? RetryAfter = null, DateTimeOffset? RateLimitReset = null);

/// <summary>One request the fake received: what it was, and how the REST description matched it.</summary>
public sealed record FakeRequest(string Method, string Path, string? Template, string? Authorization, string? Body, DateTimeOffset ReceivedAt);
