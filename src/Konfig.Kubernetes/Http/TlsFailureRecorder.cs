namespace Konfig.Kubernetes.Http;

/// <summary>
/// Keeps why the last server certificate was rejected: .NET reports only "rejected by the validation
/// callback", and the user needs to know which check failed.
/// </summary>
internal sealed class TlsFailureRecorder
{
    private volatile string? last;

    public string? Last => last;

    public void Record(string reason) => last = reason;
}
