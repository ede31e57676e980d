using Konfig.Engine.Apply;
using Konfig.Engine.Resources;
using Konfig.Engine.State;
using Konfig.FakeKube;
using Konfig.Kubernetes;
using Konfig.Kubernetes.Kubeconfig;

namespace Konfig.Engine.Tests.Apply;

/// <summary>
/// The fake API server over real HTTP, reached by the real client through a kubeconfig, with the real
/// local state store in a temporary folder: what <c>konfig apply</c> wires together.
/// </summary>
internal sealed class FakeCluster : IAsyncDisposable
{
    private FakeCluster(FakeKubeServer server, KubernetesHttpClient client, string folder)
    {
        Server = server;
        Client = client;
        Folder = folder;
        Store = new LocalStateStore(Path.Combine(folder, "state"));
    }

    public static StateKey Key { get; } = new("shop", "dev", "fake");

    public FakeKubeServer Server { get; }

    public KubernetesHttpClient Client { get; }

    public LocalStateStore Store { get; }

    public string Folder { get; }

    public static async Task<FakeCluster> StartAsync(TimeSpan? readyDelay = null)
    {
        var folder = Directory.CreateTempSubdirectory("konfig-apply-").FullName;
        var server = await FakeKubeServer.StartAsync(new FakeKubeOptions { ReadyDelay = readyDelay ?? TimeSpan.FromMilliseconds(200) });
        var kubeconfig = Path.Combine(folder, "kubeconfig");
        server.WriteKubeconfig(kubeconfig, context: "fake");
        var loaded = KubeconfigLoader.Load(kubeconfig, "fake");
        if (!loaded.Succeeded)
        {
            throw new InvalidOperationException(loaded.Error.Message);
        }

        return new FakeCluster(server, new KubernetesHttpClient(loaded.Cluster), folder);
    }

    public Task<StackState?> StateAsync() => Store.LoadAsync(Key);

    public async Task<ApplyResult> ApplyAsync(IReadOnlyList<DesiredResource> stack, StackApplyOptions? options = null, IProgress<ApplyEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        var prior = await Store.LoadAsync(Key);
        await using var stateLock = await Store.LockAsync(Key, "apply test");
        return await new StackApplier(Client, options).ApplyAsync(stack, prior, stateLock, progress, cancellationToken);
    }

    public async Task<ApplyResult> DestroyAsync(StackApplyOptions? options = null)
    {
        var prior = await Store.LoadAsync(Key);
        await using var stateLock = await Store.LockAsync(Key, "destroy test");
        return await new StackDestroyer(Client, options).DestroyAsync(prior, stateLock);
    }

    public Task<Konfig.Kubernetes.ObjectList> ConfigMapsAsync(string ns) => Client.ListAsync("v1", "ConfigMap", ns);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
