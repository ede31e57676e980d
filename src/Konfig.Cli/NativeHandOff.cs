using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Konfig.Cli;

/// <summary>
/// The native build of konfig (NativeAOT, see build/publish.sh) starts in a few milliseconds, which is what
/// the KCL commands need: they run once per file or stack, many times in a CI job. Change detection and the
/// engine use libraries that cannot be compiled ahead of time (LibGit2Sharp's marshalling, MSBuild loaded
/// from the SDK, the Kubernetes client's reflection), so the native build hands those commands to the .NET
/// build shipped beside it in <c>lib/</c>, with the same arguments, streams and exit code.
/// </summary>
internal static class NativeHandOff
{
    /// <summary>The commands the .NET build runs; every other command runs in the native build itself.</summary>
    internal static readonly HashSet<string> ManagedCommands =
        new(["affected", "deps", "preview", "apply", "destroy", "state", "bot", "rewrite"], StringComparer.Ordinal);

    /// <summary>The .NET build's path, relative to the native executable's folder.</summary>
    internal static string ManagedBuildPath(string baseDirectory) =>
        Path.Combine(baseDirectory, "lib", OperatingSystem.IsWindows() ? "konfig.exe" : "konfig");

    /// <summary>True in a native build asked to run a command it leaves to the .NET build.</summary>
    public static bool Applies(string[] args) =>
        !RuntimeFeature.IsDynamicCodeSupported && args.Length > 0 && ManagedCommands.Contains(args[0]);

    /// <summary>Runs the .NET build beside this executable with <paramref name="args"/>; returns its exit code.</summary>
    public static int Run(string[] args, TextWriter error) => Run(args, ManagedBuildPath(AppContext.BaseDirectory), error);

    /// <summary>Runs <paramref name="managed"/> with <paramref name="args"/> on this process's own streams; returns its exit code.</summary>
    internal static int Run(string[] args, string managed, TextWriter error)
    {
        if (!File.Exists(managed))
        {
            error.WriteLine(
                $"error: this native konfig runs the KCL commands (kcl, compile, test, ls); '{args[0]}' needs the .NET build " +
                $"of konfig, expected at {managed}, which is missing. Reinstall the whole folder, or use the dotnet tool.");
            return ExitCodes.WorkspaceError;
        }

        var start = new ProcessStartInfo(managed) { UseShellExecute = false };
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        // Ctrl-C reaches the whole foreground process group, so the child sees it too and stops cleanly
        // (saving its state); this process only waits for it. A SIGTERM sent to this process alone is passed on.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => context.Cancel = true);
        using var child = Process.Start(start)!;
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            SendTerminate(child);
        });
        child.WaitForExit();
        return child.ExitCode;
    }

    private static void SendTerminate(Process child)
    {
        if (OperatingSystem.IsWindows())
        {
            child.Kill();
            return;
        }

        _ = Kill(child.Id, 15);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
