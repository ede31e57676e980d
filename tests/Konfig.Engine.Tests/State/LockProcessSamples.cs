using System.Diagnostics;

namespace Konfig.Engine.Tests.State;

internal static class LockProcessSamples
{
    /// <summary>The pid of a process that ran and has ended (and was reaped): what a killed run leaves in its lock.</summary>
    public static async Task<int> EndedPidAsync()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })
            ?? throw new InvalidOperationException("could not start `true`");
        await process.WaitForExitAsync();
        return process.Id;
    }
}
