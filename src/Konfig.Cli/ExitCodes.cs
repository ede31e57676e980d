namespace Konfig.Cli;

/// <summary>Process exit codes, in one place. kcl uses 1 for every failure; so does <c>konfig kcl run</c>.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A run failed; for workspace commands: some stack failed to compile, or differs from its golden.</summary>
    public const int Failure = 1;

    /// <summary>Nothing could run: no workspace found, or a named folder holds no stack.</summary>
    public const int WorkspaceError = 2;
}
