using System.Globalization;
using System.Text.Json.Nodes;
using Konfig.Bot.Checkout;
using Konfig.Bot.Events;
using Konfig.Bot.GitHub;
using Konfig.Bot.Pipeline;
using Konfig.Bot.StatusPage;
using Konfig.Bot.Storage;
using Konfig.Bot.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Konfig.Bot.Server;

/// <summary>
/// The bot as a web server (`konfig bot serve`): GitHub's webhooks on <c>POST /webhook</c>, answered at once
/// (401 bad signature, 400 malformed, 202 accepted or ignored, 503 queue full) while the work runs in the background
/// (<see cref="BotWorker"/>); <c>GET /healthz</c> for load balancers. Deliveries are remembered in the store, so a
/// replay is ignored across restarts too.
/// </summary>
public sealed class BotServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly OctokitGitHubApi _github;
    private bool _stopped;

    private BotServer(WebApplication app, OctokitGitHubApi github, IBotStore store, Uri url)
    {
        _app = app;
        _github = github;
        Store = store;
        Url = url;
    }

    /// <summary>The address listened on (the actual port when port 0 was asked for).</summary>
    public Uri Url { get; }

    /// <summary>The bot's store (deliveries, previews, runs).</summary>
    public IBotStore Store { get; }

    /// <summary>Opens the store, starts listening and starts the workers; invalid options throw <see cref="ArgumentException"/>.</summary>
    public static async Task<BotServer> StartAsync(BotServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.WebhookSecret);
        if (options.Repositories.Count == 0)
        {
            throw new ArgumentException("no repository is allowed: give at least one owner/name or owner/*", nameof(options));
        }

        var gate = new WebhookGate(new WebhookVerifier(options.WebhookSecret), new RepositoryAllowlist(options.Repositories), new AcceptEveryDelivery());
        Directory.CreateDirectory(options.WorkFolder);
        IBotStore store = options.Store switch
        {
            PostgresStoreLocation postgres => await PostgresBotStore.OpenAsync(postgres.ConnectionString, options.Clock, cancellationToken).ConfigureAwait(false),
            SqliteStoreLocation sqlite => await SqliteBotStore.OpenAsync(sqlite.Path, options.Clock, cancellationToken).ConfigureAwait(false),
            _ => await SqliteBotStore.OpenAsync(Path.Combine(options.WorkFolder, "bot.db"), options.Clock, cancellationToken).ConfigureAwait(false),
        };

        OctokitGitHubApi? github = null;
        WebApplication? app = null;
        try
        {
            github = new OctokitGitHubApi(new GitHubApiOptions
            {
                BaseAddress = options.GitHubApi,
                Credentials = options.Credentials,
                MutationSpacing = options.GitHubMutationSpacing,
                Clock = options.Clock,
            });
            var api = github;
            var checkouts = new RepositoryCheckouts(options.WorkFolder, options.RemoteTemplate, async _ => await api.GitTokenAsync().ConfigureAwait(false));
            var style = options.Credentials is GitHubAppCredentials ? ReportStyle.CheckRuns : ReportStyle.CommitStatuses;
            var context = new BotContext(github, options.Engine, style);
            var queue = new BotJobQueue(options.QueueCapacity);

            // An empty builder: no appsettings, no environment variables; everything comes from the options.
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = options.WorkFolder });
            builder.WebHost.UseKestrelCore().UseUrls(options.Listen.ToString());
            builder.Services.AddRoutingCore();
            builder.Logging.ClearProviders();
            if (options.Logging is { } logging)
            {
                logging(builder.Logging);
            }
            else
            {
                builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
            }

            // The caller decides when to stop (Ctrl-C, SIGTERM): the server does not install signal handlers.
            builder.Services.AddSingleton<IHostLifetime, CallerLifetime>();
            builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(30));
            builder.Services.AddSingleton(queue);
            ApplyWorker? applyWorker = null;
            builder.Services.AddHostedService(services => new BotWorker(
                queue,
                new BotJobHandler(context, checkouts, store, queue, options.KonfigFolder, options.Clock, services.GetRequiredService<ILogger<BotJobHandler>>(),
                    () => applyWorker?.Wake()),
                options.Workers,
                services.GetRequiredService<ILogger<BotWorker>>()));

            builder.Services.AddHostedService(services => applyWorker = new ApplyWorker(store, context, checkouts, new ApplyWorkerOptions
            {
                KonfigFolder = options.KonfigFolder,
                Workers = options.ApplyWorkers,
                Lease = options.ApplyLease,
                PollInterval = options.ApplyPollInterval,
                Clock = options.Clock,
            }, services.GetRequiredService<ILogger<ApplyWorker>>()));

            app = builder.Build();
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<BotServer>();
            var applyUnit = ApplyWorker.QueueUnit(options.KonfigFolder);
            app.MapPost("/webhook", http => ReceiveAsync(http, gate, store, queue, new MergeQueue(store, applyUnit, () => applyWorker?.Wake()), logger));
            app.MapGet("/healthz", http => http.Response.WriteAsync("ok\n", http.RequestAborted));
            app.MapStatusPage(() => store, options.Clock);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);

            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            var url = new Uri(string.Create(CultureInfo.InvariantCulture, $"{address.Scheme}://{options.Listen.Host}:{address.Port}/"));
            return new BotServer(app, github, store, url);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }

            github?.Dispose();
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops listening, cancels the jobs in flight and waits for the workers to end.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (!_stopped)
        {
            _stopped = true;
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _github.Dispose();
        await Store.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task ReceiveAsync(HttpContext http, WebhookGate gate, IBotStore store, BotJobQueue queue, MergeQueue merges, ILogger logger)
    {
        // The raw bytes: the signature covers exactly what GitHub sent.
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted).ConfigureAwait(false);
        var headers = http.Request.Headers;
        var request = new WebhookRequest(
            headers[WebhookRequest.EventHeader].FirstOrDefault(),
            headers[WebhookRequest.DeliveryHeader].FirstOrDefault(),
            headers[WebhookVerifier.SignatureHeader].FirstOrDefault(),
            buffer.ToArray());

        switch (gate.Check(request))
        {
            case WebhookRejected rejected:
                logger.Log(rejected.Code == 202 ? LogLevel.Information : LogLevel.Warning,
                    "delivery {Delivery}: {Code} {Reason}", request.DeliveryId, rejected.Code, rejected.Reason);
                await AnswerAsync(http, rejected.Code, rejected.Reason).ConfigureAwait(false);
                return;

            case WebhookAccepted accepted:
                // Recorded only now that the delivery is signed, well-formed and actionable: a forged or malformed
                // delivery never uses up its id (the gate itself records nothing, see AcceptEveryDelivery).
                if (!await store.RecordDeliveryAsync(accepted.DeliveryId, http.RequestAborted).ConfigureAwait(false))
                {
                    logger.LogInformation("delivery {Delivery}: replay ignored", accepted.DeliveryId);
                    await AnswerAsync(http, 202, $"ignored: delivery {accepted.DeliveryId} was already received").ConfigureAwait(false);
                    return;
                }

                if (accepted.Action is ApplyAction apply)
                {
                    // Into the store, before answering: an accepted merge is applied even if the server stops now.
                    var answer = await merges.EnqueueAsync(apply, http.RequestAborted).ConfigureAwait(false);
                    logger.LogInformation("delivery {Delivery}: {Event} → {Answer}", accepted.DeliveryId, accepted.Event, answer);
                    await AnswerAsync(http, 202, answer).ConfigureAwait(false);
                    return;
                }

                var comment = accepted.Action is CommandAction && accepted.Payload["comment"]?["body"] is JsonValue body ? body.GetValue<string>() : null;
                var outcome = queue.Enqueue(new BotJob(accepted.DeliveryId, accepted.Action, comment));
                logger.LogInformation("delivery {Delivery}: {Event} → {Action}: {Outcome}", accepted.DeliveryId, accepted.Event, accepted.Action.GetType().Name, outcome);
                if (outcome == BotJobQueue.Outcome.Full)
                {
                    await AnswerAsync(http, 503, "the bot's queue is full; redeliver later").ConfigureAwait(false);
                    return;
                }

                await AnswerAsync(http, 202, $"accepted: {accepted.Action.GetType().Name}").ConfigureAwait(false);
                return;
        }
    }

    private static Task AnswerAsync(HttpContext http, int code, string text)
    {
        http.Response.StatusCode = code;
        http.Response.ContentType = "text/plain; charset=utf-8";
        return http.Response.WriteAsync(text + "\n", http.RequestAborted);
    }

    /// <summary>Merges to apply, into the store's apply queue (see <see cref="ApplyWorker.QueueUnit"/>) once per commit.</summary>
    private sealed class MergeQueue(IBotStore store, string unit, Action wake)
    {
        public async Task<string> EnqueueAsync(ApplyAction action, CancellationToken cancellationToken)
        {
            // A merge comes twice (the push to the default branch and the merged pull request, in either order):
            // the first one queues it. The key goes into the store's log of deliveries, which makes the check
            // atomic across replicas; it is pruned with the deliveries, long after the merge was applied.
            if (!await store.RecordDeliveryAsync($"apply:{action.Repository}@{action.Sha}", cancellationToken).ConfigureAwait(false))
            {
                return $"ignored: {action.Sha} of {action.Repository} is already queued to apply";
            }

            var job = await store.EnqueueAsync(new ApplyRequest(action.Repository, unit, action.Sha, action.PullRequest), cancellationToken).ConfigureAwait(false);
            wake();
            return $"accepted: apply job {job.Id}";
        }
    }

    /// <summary>
    /// The gate's delivery log, answering "new" to all: the server records deliveries in the store after the gate
    /// accepted them (the store is asynchronous and shared by replicas; the gate checks the log last anyway).
    /// </summary>
    private sealed class AcceptEveryDelivery : IDeliveryLog
    {
        public bool TryRecord(string deliveryId) => true;
    }

    private sealed class CallerLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
