using Konfig.FakeKube;
using Konfig.Kubernetes;
using Konfig.Kubernetes.Kubeconfig;

namespace Konfig.Engine.Tests.Planning;

/// <summary>
/// A fake API server on loopback and the real client talking to it over HTTP, through a kubeconfig
/// written to a temporary folder (removed on dispose) and loaded the way the CLI loads it.
/// </summary>
internal sealed class FakeCluster : IAsyncDisposable
{
    private readonly string _folder;

    private FakeCluster(FakeKubeServer server, KubernetesHttpClient client, string folder)
    {
        Server = server;
        Client = client;
        _folder = folder;
    }

    public FakeKubeServer Server { get; }

    public KubernetesHttpClient Client { get; }

    public static async Task<FakeCluster> StartAsync(TimeSpan latency = default)
    {
        var server = await FakeKubeServer.StartAsync(new FakeKubeOptions { Latency = latency, ReadyDelay = TimeSpan.FromMilliseconds(100) });
        var folder = Directory.CreateTempSubdirectory("konfig-preview-").FullName;
        var kubeconfig = Path.Combine(folder, "kubeconfig");
        server.WriteKubeconfig(kubeconfig, context: "fake");
        var loaded = KubeconfigLoader.Load(kubeconfig, "fake");
        if (loaded.Cluster is null)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"the fake server's kubeconfig did not load: {loaded.Error}");
        }

        return new FakeCluster(server, new KubernetesHttpClient(loaded.Cluster), folder);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
