using FluentAssertions;
using Konfig.FakeKube;
using Konfig.Kubernetes;
using Konfig.Kubernetes.Kubeconfig;

namespace Konfig.Engine.Tests.State;

/// <summary>
/// The same contract through the real client (<see cref="KubernetesHttpClient"/>, from a kubeconfig)
/// against the fake API server over real HTTP: field managers, resourceVersion preconditions and
/// conflicts are the server's, and the lock races are real races.
/// </summary>
public sealed class KubernetesStateStoreFakeServerTests : KubernetesStateStoreContract
{
    private readonly TemporaryFolder _folder = new();
    private FakeKubeServer? _server;
    private KubernetesHttpClient? _client;

    protected override async Task<IKubernetesClient> ConnectAsync()
    {
        _server = await FakeKubeServer.StartAsync(new FakeKubeOptions { Latency = TimeSpan.Zero });
        var kubeconfig = Path.Combine(_folder.Path, "kubeconfig");
        _server.WriteKubeconfig(kubeconfig, context: "fake");
        var loaded = KubeconfigLoader.Load(kubeconfig, "fake");
        loaded.Succeeded.Should().BeTrue(loaded.Error?.ToString());
        _client = new KubernetesHttpClient(loaded.Cluster!);
        return _client;
    }

    public override async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _folder.Dispose();
    }
}
