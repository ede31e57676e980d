using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Konfig.FakeKube;

/// <summary>
/// A fake Kubernetes API server on 127.0.0.1, speaking the real protocol over real HTTP: discovery, GET,
/// LIST, WATCH, server-side apply (with dry run and conflicts), create, update, merge patch, DELETE, plus
/// a simulated controller that makes workloads ready after <see cref="FakeKubeOptions.ReadyDelay"/>, or fail
/// on purpose (annotation <c>fake.konfig.io/fail</c>). The real kubectl works against it (with
/// <c>--validate=false</c>: there is no OpenAPI document).
/// </summary>
public sealed class FakeKubeServer : IAsyncDisposable
{
    /// <summary>The annotation that makes a workload fail; its value is the reason (ImagePullBackOff, CrashLoopBackOff…).</summary>
    public const string FailAnnotation = "fake.konfig.io/fail";

    private readonly WebApplication app;
    private readonly SimulatedController controller;
    private readonly StrongBox<int> requestCount;

    private readonly CancellationTokenSource stopping;

    private FakeKubeServer(WebApplication app, FakeObjectStore objects, SimulatedController controller, Uri url, StrongBox<int> requestCount, CancellationTokenSource stopping)
    {
        this.stopping = stopping;
        this.app = app;
        this.requestCount = requestCount;
        this.controller = controller;
        Objects = objects;
        Url = url;
    }

    /// <summary>With <see cref="FakeKubeOptions.Https"/>, the server's self-signed certificate (PEM), which clients trust as the CA.</summary>
    public string? CertificateAuthorityPem { get; private init; }

    /// <summary>The token requests must carry (<see cref="FakeKubeOptions.BearerToken"/>), or null.</summary>
    public string? BearerToken { get; private init; }

    /// <summary>http://127.0.0.1:PORT (https with <see cref="FakeKubeOptions.Https"/>)</summary>
    public Uri Url { get; }

    /// <summary>The objects the server holds, for tests to inspect.</summary>
    public FakeObjectStore Objects { get; }

    /// <summary>How many HTTP requests the server has answered (or is answering).</summary>
    public int RequestCount => Volatile.Read(ref requestCount.Value);

    public static async Task<FakeKubeServer> StartAsync(FakeKubeOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        // A library inside tests: no Ctrl-C handling, no "application started" banner.
        builder.Services.AddSingleton<IHostLifetime, QuietHostLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var certificate = options.Https ? SelfSignedCertificate.Create(TimeProvider.System) : null;
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));

        var objects = new FakeObjectStore();
        var catalog = new ResourceCatalog();
        var clock = TimeProvider.System;
        // Open watches end when the server stops, so stopping does not wait for them.
        var stopping = new CancellationTokenSource();
        var api = new KubeApi(objects, catalog, clock, options.BearerToken, stopping.Token);
        var app = builder.Build();
        var requestCount = new StrongBox<int>();
        app.Run(async context =>
        {
            Interlocked.Increment(ref requestCount.Value);
            if (options.Latency > TimeSpan.Zero)
            {
                await Task.Delay(options.Latency, context.RequestAborted);
            }

            await api.HandleAsync(context);
        });

        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        var scheme = certificate is null ? "http" : "https";
        var url = new Uri(string.Create(CultureInfo.InvariantCulture, $"{scheme}://127.0.0.1:{port}"));
        var controller = new SimulatedController(objects, catalog, options.ReadyDelay, clock);
        var server = new FakeKubeServer(app, objects, controller, url, requestCount, stopping)
        {
            CertificateAuthorityPem = certificate?.ExportCertificatePem(),
            BearerToken = options.BearerToken,
        };
        controller.Start();
        return server;
    }

    /// <summary>
    /// Writes a kubeconfig for this server: one cluster, one user with the bearer token (<see cref="BearerToken"/>, else a dummy one), one context
    /// (<paramref name="context"/>, with <paramref name="namespace"/> if given) that is the current one.
    /// </summary>
    public void WriteKubeconfig(string path, string context = "fake", string? @namespace = null)
    {
        var namespaceLine = @namespace is null ? "" : $"\n    namespace: {@namespace}";
        var caLine = CertificateAuthorityPem is null
            ? ""
            : "\n    certificate-authority-data: " + Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(CertificateAuthorityPem));
        var text = $$"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {{context}}
              cluster:
                server: {{Url.ToString().TrimEnd('/')}}{{caLine}}
            users:
            - name: {{context}}-user
              user:
                token: {{BearerToken ?? "fake-token"}}
            contexts:
            - name: {{context}}
              context:
                cluster: {{context}}
                user: {{context}}-user{{namespaceLine}}
            current-context: {{context}}
            preferences: {}

            """;
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(path, text);
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await controller.DisposeAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        stopping.Dispose();
    }

    private sealed class QuietHostLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
