using System.Diagnostics;

namespace Konfig.Kubernetes.Tests.FakeServer;

/// <summary>Finds and runs the real kubectl, with a kubeconfig, its own discovery cache and a time limit.</summary>
internal static class Kubectl
{
    private static readonly Lazy<string?> Found = new(Locate);

    /// <summary>The kubectl executable (/usr/bin/kubectl or one on PATH), or null when there is none.</summary>
    public static string? Path => Found.Value;

    public static async Task<KubectlResult> RunAsync(string kubeconfig, string cacheDir, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException("kubectl is not installed"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(kubeconfig);
        start.ArgumentList.Add("--cache-dir");
        start.ArgumentList.Add(cacheDir);
        start.ArgumentList.Add("--request-timeout=20s");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No KUBECONFIG or proxy from the machine running the tests may leak in.
        start.Environment.Remove("KUBECONFIG");
        start.Environment.Remove("HTTP_PROXY");
        start.Environment.Remove("HTTPS_PROXY");
        start.Environment["NO_PROXY"] = "127.0.0.1";

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', arguments)} did not finish in 60 s");
        }

        return new KubectlResult(process.ExitCode, await output, await error);
    }

    private static string? Locate()
    {
        if (File.Exists("/usr/bin/kubectl"))
        {
            return "/usr/bin/kubectl";
        }

        var names = OperatingSystem.IsWindows() ? new[] { "kubectl.exe" } : ["kubectl"];
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(folder => names.Select(name => System.IO.Path.Combine(folder, name)))
            .FirstOrDefault(File.Exists);
    }
}

internal sealed record KubectlResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}

/// <summary>A fact that needs the real kubectl: skipped, saying so, where it is not installed.</summary>
public sealed class KubectlFactAttribute : FactAttribute
{
    public KubectlFactAttribute()
    {
        if (Kubectl.Path is null)
        {
            Skip = "kubectl is not installed (neither /usr/bin/kubectl nor on PATH): the fake server is not checked against it";
        }
    }
}
