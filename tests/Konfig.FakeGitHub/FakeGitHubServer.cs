using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Konfig.FakeGitHub;

/// <summary>
/// A fake GitHub REST API on 127.0.0.1, over real HTTP, with its state in memory (<see cref="State"/>).
/// Every request is checked against GitHub's REST description: one that does not conform is answered
/// 404/422 and recorded in <see cref="Violations"/>, which tests assert empty.
/// </summary>
public sealed class FakeGitHubServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly GitHubApi api;

    private FakeGitHubServer(WebApplication app, GitHubApi api, Uri url)
    {
        this.app = app;
        this.api = api;
        Url = url;
    }

    /// <summary>http://127.0.0.1:PORT/ — the base address clients use instead of https://api.github.com/.</summary>
    public Uri Url { get; }

    public FakeGitHubState State => api.State;

    /// <summary>Requests that broke the REST description or were refused (bad credentials), one line each.</summary>
    public IReadOnlyList<string> Violations => api.Violations;

    /// <summary>Returns the violations so far and forgets them: for a test that provokes one on purpose.</summary>
    public IReadOnlyList<string> TakeViolations() => api.TakeViolations();

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<FakeRequest> Requests => api.Requests;

    /// <summary>How many installation tokens the fake has issued.</summary>
    public int InstallationTokensIssued => api.InstallationTokensIssued;

    public static async Task<FakeGitHubServer> StartAsync(FakeGitHubOptions? options = null, CancellationToken ct = default)
    {
        options ??= new FakeGitHubOptions();
        var description = OpenApiDescription.Load(options.OpenApiPath ?? GitHubArtifacts.OpenApiPath);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        // A library inside tests: no Ctrl-C handling, no start-up banner.
        builder.Services.AddSingleton<IHostLifetime, QuietHostLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();
        var api = new GitHubApi(description, options);
        app.Run(api.HandleAsync);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var url = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{new Uri(address).Port}/"));
        return new FakeGitHubServer(app, api, url);
    }

    /// <summary>Answers the next request with <paramref name="failure"/> instead of serving it (once per call; queued).</summary>
    public void FailNextRequest(FakeFailure failure) => api.Inject(failure);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private sealed class QuietHostLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
