namespace Konfig.Cli;

/// <summary>Process exit codes, in one place. kcl uses 1 for every failure; so do we.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
}
