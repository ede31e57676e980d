using System.CommandLine;
using Konfig.Engine.Planning;
using Konfig.Engine.Resources;
using Konfig.Engine.State;
using Konfig.Kubernetes;
using Konfig.Kubernetes.Kubeconfig;
using Konfig.Workspace;
using Konfig.Workspace.Compilation;
using Konfig.Workspace.Discovery;

namespace Konfig.Cli.Commands;

/// <summary>
/// One engine run's setting: the chosen stacks, the cluster (kubeconfig context and its client) and the
/// state store. Opening it prints why it cannot (no workspace, a folder with no stack, a bad kubeconfig)
/// and gives null: those are exit 2, nothing could run.
/// </summary>
internal sealed class EngineSession : IDisposable
{
    private readonly KubernetesHttpClient _client;

    private EngineSession(KonfigWorkspace workspace, IReadOnlyList<Stack> stacks, KubeCluster cluster, KubernetesHttpClient client, IStateStore store)
    {
        Workspace = workspace;
        Stacks = stacks;
        Cluster = cluster;
        _client = client;
        Store = store;
    }

    public KonfigWorkspace Workspace { get; }

    public IReadOnlyList<Stack> Stacks { get; }

    public KubeCluster Cluster { get; }

    public IKubernetesClient Client => _client;

    public IStateStore Store { get; }

    /// <summary>The cluster as states and prompts name it: the kubeconfig context.</summary>
    public string ClusterName => Cluster.ContextName;

    /// <summary>Who holds a lock this process takes: "alice@host pid 123".</summary>
    public static string LockHolder => $"{Environment.UserName}@{Environment.MachineName} pid {Environment.ProcessId}";

    public StateKey KeyOf(Stack stack) => new(stack.Project.Path, stack.Path, ClusterName);

    /// <summary>The stacks (from folders, --all or --affected), then the cluster and the state store. Null after saying why.</summary>
    public static EngineSession? Open(EngineOptions options, ParseResult parseResult, CliEnvironment environment)
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
    public static EngineSession? Connect(EngineOptions options, ParseResult parseResult, CliEnvironment environment, KonfigWorkspace workspace, IReadOnlyList<Stack> stacks)
    {
        var kubeconfigPath = parseResult.GetValue(options.Kubeconfig) is { } given ? Path.GetFullPath(Path.Combine(environment.WorkingDirectory, given)) : null;
        var kubeconfig = KubeconfigLoader.Load(kubeconfigPath, parseResult.GetValue(options.Context));
        if (!kubeconfig.Succeeded)
        {
            environment.Error.WriteLine($"error: {kubeconfig.Error}");
            return null;
        }

        var client = new KubernetesHttpClient(kubeconfig.Cluster);
        IStateStore store = parseResult.GetValue(options.State) == EngineOptions.KubernetesState
            ? new KubernetesStateStore(client, parseResult.GetValue(options.StateNamespace) ?? "konfig-state")
            : new LocalStateStore(parseResult.GetValue(options.StateDir) is { } folder
                ? Path.GetFullPath(Path.Combine(environment.WorkingDirectory, folder))
                : Path.Combine(workspace.Root, ".konfig", "state"));
        return new EngineSession(workspace, stacks, kubeconfig.Cluster, client, store);
    }

    /// <summary>Compiles the stacks, in order; a stack that fails prints its diagnostics and is left out (the caller counts it).</summary>
    public IReadOnlyList<(Stack Stack, IReadOnlyList<DesiredResource> Resources)> Compile(CliEnvironment environment, out int failures)
    {
        var compiled = new List<(Stack, IReadOnlyList<DesiredResource>)>();
        failures = 0;
        foreach (var compilation in new StackCompiler(environment.RunKcl).CompileAll(Stacks, new StackCompileOptions()))
        {
            if (!compilation.Success)
            {
                CompileCommand.PrintFailure(environment, compilation);
                failures++;
                continue;
            }

            CompileCommand.PrintWarnings(environment, compilation);
            compiled.Add((compilation.Stack, DesiredResource.FromSpec(compilation.Spec!)));
        }

        return compiled;
    }

    /// <summary>The stack's prior state; on a state problem (corrupt, unreadable) prints it and gives false.</summary>
    public async Task<(bool Loaded, StackState? State)> LoadStateAsync(Stack stack, CliEnvironment environment, CancellationToken cancellationToken)
    {
        try
        {
            return (true, await Store.LoadAsync(KeyOf(stack), cancellationToken));
        }
        catch (StateException error)
        {
            environment.Error.WriteLine($"error: stack {stack.Path}: {error.Message}");
            return (false, null);
        }
    }

    public static PreviewOptions PreviewOptionsOf(EngineOptions options, ParseResult parseResult) => new()
    {
        IgnoreFields = parseResult.GetResult(options.IgnoreFields) is null ? [] : parseResult.GetValue(options.IgnoreFields) ?? [],
        ForceConflicts = parseResult.GetResult(options.ForceConflicts) is not null && parseResult.GetValue(options.ForceConflicts),
        Parallelism = parseResult.GetValue(options.Parallelism),
    };

    public void Dispose() => _client.Dispose();

    /// <summary>For messages: the path relative to the current folder.</summary>
    public static string Display(string path, CliEnvironment environment) => WorkspacePaths.Display(path, environment.WorkingDirectory);
}
