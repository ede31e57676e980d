namespace Konfig.FakeKube;

/// <summary>How a <see cref="FakeKubeServer"/> listens and behaves.</summary>
public sealed class FakeKubeOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks any free port.</summary>
    public int Port { get; init; }

    /// <summary>Added to every request, to make benchmarks feel a real network (e.g. 50 ms).</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.Zero;

    /// <summary>How long the simulated controller takes to make a workload ready.</summary>
    public TimeSpan ReadyDelay { get; init; } = TimeSpan.FromMilliseconds(500);
}
