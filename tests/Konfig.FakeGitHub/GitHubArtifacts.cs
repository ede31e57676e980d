namespace Konfig.FakeGitHub;

/// <summary>
/// GitHub's own artifacts that the bot's tests are held to, installed from npm into tests/github-artifacts
/// (the build of this project runs <c>npm ci</c> there when they are missing): the webhook payloads of @octokit/webhooks-examples and the REST
/// description of @octokit/openapi. Tests that need them skip, saying why, when they are not installed.
/// </summary>
public static class GitHubArtifacts
{
    private static readonly Lazy<string?> Folder = new(FindFolder);

    /// <summary>@octokit/webhooks-examples' index.json: every event with its example payloads.</summary>
    public static string WebhookExamplesPath =>
        Path.Combine(Require(), "@octokit", "webhooks-examples", "api.github.com", "index.json");

    /// <summary>@octokit/openapi's description of api.github.com (OpenAPI 3, $refs kept).</summary>
    public static string OpenApiPath =>
        Path.Combine(Require(), "@octokit", "openapi", "generated", "api.github.com.json");

    /// <summary>Null when the artifacts are installed; otherwise why not, for a skip message.</summary>
    public static string? MissingReason => Folder.Value is null
        ? "GitHub's artifacts are not installed: run `npm ci --prefix tests/github-artifacts` (the test build tries it; it needs npm and the npm registry)"
        : null;

    private static string Require() =>
        Folder.Value ?? throw new InvalidOperationException(MissingReason);

    private static string? FindFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var modules = Path.Combine(directory.FullName, "tests", "github-artifacts", "node_modules");
            if (File.Exists(Path.Combine(modules, "@octokit", "webhooks-examples", "api.github.com", "index.json"))
                && File.Exists(Path.Combine(modules, "@octokit", "openapi", "generated", "api.github.com.json")))
            {
                return modules;
            }
        }

        return null;
    }
}
