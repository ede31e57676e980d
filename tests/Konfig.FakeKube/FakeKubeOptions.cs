namespace Konfig.FakeKube;

/// <summary>How a <see cref="FakeKubeServer"/> listens and behaves.</summary>
public sealed class FakeKubeOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks any free port.</summary>
    public int Port { get; init; }

    /// <summary>Added to every request, to make benchmarks feel a real network (e.g. 50 ms).</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// Serve HTTPS with a throwaway self-signed certificate (its PEM is <see cref="FakeKubeServer.CertificateAuthorityPem"/>
    /// and goes into the kubeconfig as certificate-authority-data). Plain HTTP by default.
    /// </summary>
    public bool Https { get; init; }

    /// <summary>
    /// When set, every request must carry <c>Authorization: Bearer</c> with this token, else it gets 401 Unauthorized,
    /// as a real API server answers a token it does not know. Null (the default) lets every request in.
    /// </summary>
    public string? BearerToken { get; init; }

    /// <summary>How long the simulated controller takes to make a workload ready.</summary>
    public TimeSpan ReadyDelay { get; init; } = TimeSpan.FromMilliseconds(500);
}
