using Konfig.Engine.Runs;
using Konfig.Workspace.Discovery;

namespace Konfig.Bot.Server;

/// <summary>Breaks one stack's state lock for <c>/konfig unlock</c> (a killed apply leaves one behind); returns the reply.</summary>
internal static class StateUnlock
{
    /// <param name="repositoryRoot">The checkout's root: <paramref name="stackName"/> is a path from it or from the workspace root.</param>
    public static async Task<string> RunAsync(
        StackRunSessionOptions engine, string repositoryRoot, string workspaceRoot, string stackName, CancellationToken cancellationToken)
    {
        var workspace = WorkspaceDiscovery.Discover(workspaceRoot);
        var name = stackName.Trim('/');
        var stack = workspace.Stacks.FirstOrDefault(stack => Relative(repositoryRoot, stack.Directory) == name || Relative(workspace.Root, stack.Directory) == name);
        if (stack is null)
        {
            return $"There is no stack at `{name}` in the workspace {Relative(repositoryRoot, workspace.Root)}: nothing was unlocked.";
        }

        var (session, error) = StackRunSession.Open(workspace, [stack], engine);
        if (session is null)
        {
            return $"I could not open the state of `{name}`: {error}";
        }

        using (session)
        {
            var unlocked = await UnlockRun.RunAsync(session, stack, cancellationToken).ConfigureAwait(false);
            return unlocked.WasLocked
                ? $"Broke the state lock of `{name}`, held by {unlocked.Holder ?? "an unknown holder"}."
                : $"The state of `{name}` was not locked.";
        }
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
