using Microsoft.Build.Locator;

namespace Konfig.Affected.DotNet;

/// <summary>
/// Points this process at the .NET SDK's own MSBuild, once. It must run before any method that uses a
/// Microsoft.Build type is JIT-compiled: those assemblies are not shipped with us (ExcludeAssets=runtime)
/// but resolved from the SDK through the Locator, and an assembly loads only once per process.
/// </summary>
internal static class MsBuildRegistration
{
    private static readonly Lock Gate = new();

    /// <summary>Registers the SDK that <paramref name="workingDirectory"/>'s global.json selects, unless one already is; returns an error message or null.</summary>
    public static string? EnsureRegistered(string workingDirectory)
    {
        lock (Gate)
        {
            if (MSBuildLocator.IsRegistered)
                return null;
            try
            {
                var options = new VisualStudioInstanceQueryOptions
                {
                    DiscoveryTypes = DiscoveryType.DotNetSdk,
                    WorkingDirectory = workingDirectory,
                };
                // The Locator lists the SDK that global.json (or the latest) resolves to first.
                var instance = MSBuildLocator.QueryVisualStudioInstances(options).FirstOrDefault();
                if (instance is null)
                    return "MSBuild was not found: no .NET SDK is installed where the 'dotnet' on PATH (or DOTNET_ROOT) looks.";
                MSBuildLocator.RegisterInstance(instance);
                return null;
            }
            catch (Exception exception) when (exception is InvalidOperationException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                return $"MSBuild could not be registered: {exception.Message}";
            }
        }
    }
}
