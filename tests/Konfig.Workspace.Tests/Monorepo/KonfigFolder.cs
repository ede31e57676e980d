namespace Konfig.Workspace.Tests.Monorepo;

/// <summary>The repository's own monorepo, konfig/, found from the test assembly (the folder holding Konfig.sln).</summary>
internal static class KonfigFolder
{
    public static string Path => System.IO.Path.Combine(SourceCheckout.Root, "konfig");
}
