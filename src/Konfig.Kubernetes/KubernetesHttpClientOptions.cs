namespace Konfig.Kubernetes;

/// <summary>Time limits for <see cref="KubernetesHttpClient"/>; a watch is bounded only by its token once it has started.</summary>
public sealed record KubernetesHttpClientOptions
{
    /// <summary>How long one call may take, answer included.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long opening a connection (TCP and TLS) may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
