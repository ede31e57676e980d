using System.CommandLine;
using Konfig.Engine.Planning;
using Konfig.Engine.Runs;
using Konfig.Workspace;
using Konfig.Workspace.Discovery;

namespace Konfig.Cli.Commands;

/// <summary>
/// Opens the engine's <see cref="StackRunSession"/> from the command line (stacks from folders, --all or --affected;
/// kubeconfig, context and state options) and prints what the engine's runs return. Opening prints why it cannot
/// (no workspace, a folder with no stack, a bad kubeconfig) and gives null: those are exit 2, nothing could run.
/// </summary>
internal static class EngineSession
{
    /// <summary>The stacks (from folders, --all or --affected), then the cluster and the state store. Null after saying why.</summary>
    public static StackRunSession? Open(EngineOptions options, ParseResult parseResult, CliEnvironment environment)
    {
        var paths = parseResult.GetValue(options.StackDirs) ?? [];
        var all = parseResult.GetValue(options.All);
        if (options.Affected.Conflict(parseResult, paths.Length > 0, all) is { } conflict)
        {
            environment.Error.WriteLine($"error: {conflict}");
            return null;
        }

        var workspace = options.Workspace.Load(parseResult, environment, paths);
        if (workspace is null)
        {
            return null;
        }

        var stacks = options.Affected.IsRequested(parseResult)
            ? options.Affected.Select(parseResult, workspace, environment)
            : WorkspaceCommandContext.Select(workspace, environment, paths, all);
        return stacks is null ? null : Connect(options, parseResult, environment, workspace, stacks);
    }

    /// <summary>The cluster and the state store for stacks already chosen. Null after saying why.</summary>
    public static StackRunSession? Connect(EngineOptions options, ParseResult parseResult, CliEnvironment environment, KonfigWorkspace workspace, IReadOnlyList<Stack> stacks)
    {
        var (session, error) = StackRunSession.Open(workspace, stacks, new StackRunSessionOptions
        {
            KubeconfigPath = parseResult.GetValue(options.Kubeconfig) is { } given ? FullPath(given, environment) : null,
            Context = parseResult.GetValue(options.Context),
            State = parseResult.GetValue(options.State) == EngineOptions.KubernetesState ? StateBackend.Kubernetes : StateBackend.Local,
            StateFolder = parseResult.GetValue(options.StateDir) is { } folder ? FullPath(folder, environment) : null,
            StateNamespace = parseResult.GetValue(options.StateNamespace) ?? "konfig-state",
            RunKcl = environment.RunKcl,
        });
        if (session is null)
        {
            environment.Error.WriteLine($"error: {error}");
        }

        return session;
    }

    public static PreviewOptions PreviewOptionsOf(EngineOptions options, ParseResult parseResult) => new()
    {
        IgnoreFields = parseResult.GetResult(options.IgnoreFields) is null ? [] : parseResult.GetValue(options.IgnoreFields) ?? [],
        ForceConflicts = parseResult.GetResult(options.ForceConflicts) is not null && parseResult.GetValue(options.ForceConflicts),
        Parallelism = parseResult.GetValue(options.Parallelism),
    };

    /// <summary>Prints a preview run's compile failures and warnings (in stack order), then the stacks whose state could not be read.</summary>
    public static void PrintProblems(PreviewRunResult run, CliEnvironment environment)
    {
        foreach (var compilation in run.Compilations)
        {
            if (compilation.Success)
            {
                CompileCommand.PrintWarnings(environment, compilation);
            }
            else
            {
                CompileCommand.PrintFailure(environment, compilation);
            }
        }

        foreach (var error in run.Errors.Where(e => e.Kind != StackRunErrorKind.CompileFailed))
        {
            PrintError(error, environment);
        }
    }

    /// <summary>"error: stack PATH: why", with a hint naming the command that breaks a stale lock.</summary>
    public static void PrintError(StackRunError error, CliEnvironment environment)
    {
        environment.Error.WriteLine($"error: stack {error.Stack.Path}: {error.Message}");
        if (error.Kind == StackRunErrorKind.Locked)
        {
            environment.Error.WriteLine($"hint: if that run is over, `konfig state unlock {WorkspacePaths.Display(error.Stack.Directory, environment.WorkingDirectory)}` (with the same cluster and state options) breaks the stale lock");
        }
    }

    private static string FullPath(string path, CliEnvironment environment) => Path.GetFullPath(Path.Combine(environment.WorkingDirectory, path));
}
