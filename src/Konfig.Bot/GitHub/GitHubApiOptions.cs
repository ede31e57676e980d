namespace Konfig.Bot.GitHub;

/// <summary>How <see cref="OctokitGitHubApi"/> reaches GitHub.</summary>
public sealed class GitHubApiOptions
{
    public static readonly Uri GitHubDotCom = new("https://api.github.com/");

    /// <summary>The REST API's base address: api.github.com, a GitHub Enterprise server's /api/v3/, or a fake.</summary>
    public Uri BaseAddress { get; init; } = GitHubDotCom;

    public required GitHubCredentials Credentials { get; init; }

    /// <summary>Least time between two mutating requests (POST, PATCH, PUT, DELETE); GitHub advises one second.</summary>
    public TimeSpan MutationSpacing { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one HTTP request may take (rate-limit waits aside).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>How often a rate-limited request is retried after waiting.</summary>
    public int MaxRateLimitRetries { get; init; } = 3;

    /// <summary>The longest single wait for a rate limit; a longer one returns the error instead.</summary>
    public TimeSpan MaxRateLimitWait { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>An installation token is renewed this long before it expires.</summary>
    public TimeSpan TokenRenewalMargin { get; init; } = TimeSpan.FromMinutes(5);

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public string UserAgent { get; init; } = "konfig-bot";
}

/// <summary>How the bot authenticates: a personal token, or a GitHub App installation.</summary>
public abstract record GitHubCredentials;

/// <summary>A personal access token (or Actions' GITHUB_TOKEN). Such a token cannot create check runs.</summary>
public sealed record PersonalTokenCredentials(string Token) : GitHubCredentials
{
    public override string ToString() => "PersonalTokenCredentials { Token = *** }";
}

/// <summary>A GitHub App: its id, its private key (PEM, PKCS#1 or PKCS#8) and the installation acted as.</summary>
public sealed record GitHubAppCredentials(long AppId, string PrivateKeyPem, long InstallationId) : GitHubCredentials
{
    public override string ToString() => $"GitHubAppCredentials {{ AppId = {AppId}, InstallationId = {InstallationId}, PrivateKeyPem = *** }}";
}
