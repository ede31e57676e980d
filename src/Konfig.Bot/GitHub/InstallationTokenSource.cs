using System.Security.Cryptography;
using Octokit;

namespace Konfig.Bot.GitHub;

/// <summary>
/// Installation tokens of a GitHub App: an app JWT is exchanged for a token
/// (POST /app/installations/{id}/access_tokens), which is reused until shortly before its expires_at.
/// Octokit asks it for credentials before every request.
/// </summary>
internal sealed class InstallationTokenSource : ICredentialStore, IDisposable
{
    private readonly GitHubAppCredentials app;
    private readonly RSA privateKey;
    private readonly TimeProvider clock;
    private readonly TimeSpan renewalMargin;
    private readonly Func<string, IGitHubClient> appClient;
    private readonly SemaphoreSlim gate = new(1, 1);
    private AccessToken? current;

    /// <param name="appClient">Makes a client that authenticates with the given JWT.</param>
    public InstallationTokenSource(GitHubAppCredentials app, TimeProvider clock, TimeSpan renewalMargin, Func<string, IGitHubClient> appClient)
    {
        this.app = app;
        this.clock = clock;
        this.renewalMargin = renewalMargin;
        this.appClient = appClient;
        privateKey = AppJwt.ReadPrivateKey(app.PrivateKeyPem);
    }

    public async Task<Credentials> GetCredentials() => new(await GetTokenAsync());

    public async Task<string> GetTokenAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (current is null || clock.GetUtcNow() >= current.ExpiresAt - renewalMargin)
            {
                var jwt = AppJwt.Create(app.AppId, privateKey, clock.GetUtcNow());
                current = await appClient(jwt).GitHubApps.CreateInstallationToken(app.InstallationId);
            }

            return current.Token;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose()
    {
        privateKey.Dispose();
        gate.Dispose();
    }
}
