namespace Konfig.Cli.Tests.Engine;

/// <summary>
/// A test that runs the built CLI as a child process and interrupts it: skipped, saying why, where konfig.dll is not
/// next to the test assembly (the CLI is a project reference, so a normal build copies it) or there is no SIGINT to send.
/// </summary>
public sealed class RequiresKonfigProcessFactAttribute : FactAttribute
{
    public RequiresKonfigProcessFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "SIGINT cannot be sent to a child process on Windows";
        }
        else if (KonfigDll is null)
        {
            Skip = $"konfig.dll (with its runtimeconfig) is not in {AppContext.BaseDirectory}: the CLI cannot be started as a process";
        }
        else if (KillCommand is null)
        {
            Skip = "no kill command (/bin/kill or /usr/bin/kill) to send SIGINT with";
        }
    }

    /// <summary>The built CLI next to the test assembly, run with <c>dotnet konfig.dll</c>; null when absent.</summary>
    public static string? KonfigDll
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "konfig.dll");
            return File.Exists(path) && File.Exists(Path.ChangeExtension(path, ".runtimeconfig.json")) ? path : null;
        }
    }

    public static string? KillCommand => new[] { "/bin/kill", "/usr/bin/kill" }.FirstOrDefault(File.Exists);
}
