using System.Diagnostics.CodeAnalysis;

namespace Konfig.Kubernetes.Kubeconfig;

/// <summary>The outcome of loading a kubeconfig: a resolved cluster, or the error that prevented it.</summary>
public sealed record KubeconfigResult
{
    private KubeconfigResult(KubeCluster? cluster, KubeconfigError? error)
    {
        Cluster = cluster;
        Error = error;
    }

    public KubeCluster? Cluster { get; }

    public KubeconfigError? Error { get; }

    [MemberNotNullWhen(true, nameof(Cluster))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Cluster is not null;

    public static KubeconfigResult Success(KubeCluster cluster) => new(cluster, null);

    public static KubeconfigResult Failure(KubeconfigError error) => new(null, error);
}
