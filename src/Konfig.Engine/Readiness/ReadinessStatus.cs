namespace Konfig.Engine.Readiness;

/// <summary>
/// What an object's status says about it: ready, still on its way (with a message for the progress
/// display, e.g. "2/3 replicas ready"), or failed for good (a Job failed, a Pod cannot pull its image).
/// </summary>
public sealed record ReadinessStatus(bool Ready, string Message, bool Failed = false)
{
    public static ReadinessStatus IsReady(string message) => new(true, message);

    public static ReadinessStatus Waiting(string message) => new(false, message);

    public static ReadinessStatus HasFailed(string message) => new(false, message, Failed: true);
}
