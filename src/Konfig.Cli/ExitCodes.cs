namespace Konfig.Cli;

/// <summary>Process exit codes, in one place. kcl uses 1 for every failure; so does <c>konfig kcl run</c>.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A run failed; for workspace commands: some stack failed to compile, or differs from its golden.</summary>
    public const int Failure = 1;

    /// <summary>Nothing could run: no workspace found, a named folder holds no stack, a bad kubeconfig, no terminal to confirm on.</summary>
    public const int WorkspaceError = 2;

    /// <summary>Stopped by Ctrl-C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}
