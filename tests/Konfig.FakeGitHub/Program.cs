using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Konfig.FakeGitHub;

/// <summary>
/// The fake GitHub on its own, for benchmarks and checks from outside (see README.md): the same request
/// handling and checks as <see cref="FakeGitHubServer"/>, plus <c>/_fake/…</c> routes that read back what it holds.
/// </summary>
internal static class Program
{
    private const string Usage =
        "usage: Konfig.FakeGitHub [--port 0] [--latency-ms 0] [--openapi PATH] [--seed-repo OWNER/NAME [--seed-pr N:HEAD_SHA:BASE_SHA]...]...";

    public static async Task<int> Main(string[] args)
    {
        var (settings, error) = Parse(args);
        if (settings is null)
        {
            if (error is null)
            {
                Console.WriteLine(Usage);
                return 0;
            }

            Console.Error.WriteLine($"{error}\n{Usage}");
            return 2;
        }

        var openApi = settings.OpenApiPath;
        if (openApi is null)
        {
            if (GitHubArtifacts.MissingReason is { } missing)
            {
                Console.Error.WriteLine($"cannot check requests against GitHub's REST description: {missing}");
                return 2;
            }

            openApi = GitHubArtifacts.OpenApiPath;
        }

        var options = new FakeGitHubOptions { Port = settings.Port, Latency = settings.Latency, OpenApiPath = openApi };
        var api = new GitHubApi(OpenApiDescription.Load(openApi), options);
        foreach (var (repository, pulls) in settings.Repositories)
        {
            var (owner, name) = Split(repository);
            api.State.AddRepository(owner, name);
            foreach (var pull in pulls)
            {
                api.State.AddPullRequest(owner, name, pull);
            }
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        await using var app = builder.Build();
        app.Run(context => context.Request.Path.StartsWithSegments("/_fake", StringComparison.Ordinal)
            ? Inspect(context, api, settings.Repositories)
            : api.HandleAsync(context));

        // Ctrl-C and SIGTERM stop the server cleanly (the host's own handling is not used, so it prints nothing).
        var stop = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.TrySetResult();
        };
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.TrySetResult();
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fake GitHub listening on http://127.0.0.1:{new Uri(address).Port}/"));
        Console.WriteLine($"requests checked against {openApi}; what it holds: GET /_fake/state, /_fake/violations, /_fake/requests");
        Console.WriteLine("press Ctrl-C to stop");
        await stop.Task;
        await app.StopAsync();
        Console.WriteLine("stopped");
        return 0;
    }

    /// <summary>The read-back routes: never checked against the REST description, never delayed.</summary>
    private static Task Inspect(HttpContext context, GitHubApi api, IReadOnlyList<(string Repository, List<FakePullRequest> Pulls)> seeded)
    {
        JsonNode? result = context.Request.Path.Value switch
        {
            "/_fake/violations" => new JsonArray([.. api.Violations.Select(v => (JsonNode)v)]),
            "/_fake/requests" => new JsonArray([.. api.Requests.Select(r => (JsonNode)new JsonObject
            {
                ["method"] = r.Method,
                ["path"] = r.Path,
                ["template"] = r.Template,
                ["received_at"] = r.ReceivedAt.ToUnixTimeMilliseconds(),
            })]),
            "/_fake/state" => new JsonObject
            {
                ["repositories"] = new JsonArray([.. seeded.Select(s => (JsonNode)RepositoryState(api.State, s.Repository, s.Pulls))]),
                ["violations"] = api.Violations.Count,
                ["requests"] = api.Requests.Count,
            },
            _ => null,
        };
        if (context.Request.Method != "GET" || result is null)
        {
            context.Response.StatusCode = 404;
            return context.Response.WriteAsync("the fake's own routes: GET /_fake/state, /_fake/violations, /_fake/requests\n");
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(result.ToJsonString());
    }

    private static JsonObject RepositoryState(FakeGitHubState state, string repository, List<FakePullRequest> pulls)
    {
        var (owner, name) = Split(repository);
        return new JsonObject
        {
            ["full_name"] = repository,
            ["pull_requests"] = new JsonArray([.. pulls.Select(pull => (JsonNode)new JsonObject
            {
                ["number"] = pull.Number,
                ["head_sha"] = pull.HeadSha,
                ["comments"] = new JsonArray([.. state.Comments(owner, name, pull.Number).Select(c => (JsonNode)new JsonObject
                {
                    ["id"] = c.Id,
                    ["user"] = c.User,
                    ["body"] = c.Body,
                    ["created_at"] = c.CreatedAt.ToUnixTimeMilliseconds(),
                    ["updated_at"] = c.UpdatedAt.ToUnixTimeMilliseconds(),
                })]),
            })]),
            ["statuses"] = new JsonArray([.. state.Statuses(owner, name).Select(s => (JsonNode)new JsonObject
            {
                ["sha"] = s.Sha,
                ["state"] = s.State,
                ["context"] = s.Context,
                ["description"] = s.Description,
            })]),
            ["check_runs"] = new JsonArray([.. state.CheckRuns(owner, name).Select(r => (JsonNode)new JsonObject
            {
                ["name"] = r.Name,
                ["head_sha"] = r.HeadSha,
                ["status"] = r.Status,
                ["conclusion"] = r.Conclusion,
            })]),
        };
    }

    private sealed record Settings(int Port, TimeSpan Latency, string? OpenApiPath, List<(string Repository, List<FakePullRequest> Pulls)> Repositories);

    /// <summary>The settings, or null with an error (null error: --help).</summary>
    private static (Settings? Settings, string? Error) Parse(string[] args)
    {
        var port = 0;
        var latency = 0;
        string? openApi = null;
        var repositories = new List<(string Repository, List<FakePullRequest> Pulls)>();
        for (var i = 0; i < args.Length; i++)
        {
            var option = args[i];
            if (option is "-h" or "--help")
            {
                return (null, null);
            }

            if (option is not ("--port" or "--latency-ms" or "--openapi" or "--seed-repo" or "--seed-pr"))
            {
                return (null, $"unknown option {option}");
            }

            if (i + 1 >= args.Length)
            {
                return (null, $"{option} needs a value");
            }

            var value = args[++i];
            switch (option)
            {
                case "--port" or "--latency-ms":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                    {
                        return (null, $"{option}: not a number: {value}");
                    }

                    (port, latency) = option == "--port" ? (number, latency) : (port, number);
                    break;
                case "--openapi":
                    openApi = Path.GetFullPath(value);
                    break;
                case "--seed-repo":
                    if (value.Split('/') is not [{ Length: > 0 }, { Length: > 0 }])
                    {
                        return (null, $"--seed-repo: not OWNER/NAME: {value}");
                    }

                    repositories.Add((value, []));
                    break;
                default:
                    if (repositories.Count == 0)
                    {
                        return (null, "--seed-pr: give --seed-repo first (the pull request belongs to the repository before it)");
                    }

                    if (value.Split(':') is not [var n, { Length: > 0 } head, { Length: > 0 } @base]
                        || !int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var pullNumber))
                    {
                        return (null, $"--seed-pr: not N:HEAD_SHA:BASE_SHA: {value}");
                    }

                    repositories[^1].Pulls.Add(new FakePullRequest(pullNumber, $"Pull request {pullNumber}", "octocat", "feature", head, "main", @base));
                    break;
            }
        }

        return (new Settings(port, TimeSpan.FromMilliseconds(latency), openApi, repositories), null);
    }

    private static (string Owner, string Name) Split(string repository)
    {
        var slash = repository.IndexOf('/', StringComparison.Ordinal);
        return (repository[..slash], repository[(slash + 1)..]);
    }
}
