using Konfig.Kubernetes;

namespace Konfig.Engine.Tests.State;

/// <summary>The store's logic against the in-memory double (fast, no sockets; races made deterministic).</summary>
public sealed class KubernetesStateStoreInMemoryTests : KubernetesStateStoreContract
{
    private readonly InMemoryKubernetesClient _client = new();

    protected override Task<IKubernetesClient> ConnectAsync() => Task.FromResult<IKubernetesClient>(_client);

    protected override void PrepareLockRace(int racers) => _client.HoldApplies("konfig-state-lock", racers);
}
