using Konfig.Engine.State;
using Konfig.Kcl.Compilation;
using Konfig.Kubernetes;
using Konfig.Kubernetes.Kubeconfig;
using Konfig.Workspace.Compilation;
using Konfig.Workspace.Discovery;

namespace Konfig.Engine.Runs;

/// <summary>Where stack states live.</summary>
public enum StateBackend
{
    /// <summary>A JSON file per stack and cluster under a local folder.</summary>
    Local,

    /// <summary>A Secret per stack in the cluster itself.</summary>
    Kubernetes,
}

/// <summary>How a <see cref="StackRunSession"/> reaches its cluster and its states: plain values, no command-line parsing.</summary>
public sealed record StackRunSessionOptions
{
    /// <summary>The kubeconfig file; null: the files of $KUBECONFIG merged as kubectl does, else ~/.kube/config.</summary>
    public string? KubeconfigPath { get; init; }

    /// <summary>The kubeconfig context (the cluster); null: the kubeconfig's current-context.</summary>
    public string? Context { get; init; }

    public StateBackend State { get; init; } = StateBackend.Local;

    /// <summary>With <see cref="StateBackend.Local"/>: the state folder; null: <c>&lt;workspace root&gt;/.konfig/state</c>.</summary>
    public string? StateFolder { get; init; }

    /// <summary>With <see cref="StateBackend.Kubernetes"/>: the namespace of the state Secrets.</summary>
    public string StateNamespace { get; init; } = "konfig-state";

    /// <summary>Who the state locks this session takes name as their holder.</summary>
    public string LockHolder { get; init; } = StackRunSession.ProcessLockHolder;

    /// <summary>How KCL runs (the CLI's own runner, a test's); null: <see cref="KclRunner"/> with the shared parse cache.</summary>
    public Func<KclRunOptions, KclRunResult>? RunKcl { get; init; }
}

/// <summary>
/// One engine run's setting: the chosen stacks of a workspace, the cluster (kubeconfig context and its client)
/// and the state store. Opened by <see cref="Open"/>, which gives the session or why it cannot be had.
/// </summary>
public sealed class StackRunSession : IDisposable
{
    private readonly KubernetesHttpClient? _ownedClient;

    private StackRunSession(KonfigWorkspace workspace, IReadOnlyList<Stack> stacks, string clusterName, IKubernetesClient client, KubernetesHttpClient? ownedClient, IStateStore store, StackRunSessionOptions options)
    {
        Workspace = workspace;
        Stacks = stacks;
        ClusterName = clusterName;
        Client = client;
        _ownedClient = ownedClient;
        Store = store;
        Options = options;
    }

    /// <summary>"alice@host pid 123": who holds a lock this process takes.</summary>
    public static string ProcessLockHolder => $"{Environment.UserName}@{Environment.MachineName} pid {Environment.ProcessId}";

    public KonfigWorkspace Workspace { get; }

    public IReadOnlyList<Stack> Stacks { get; }

    /// <summary>The cluster as states and prompts name it: the kubeconfig context.</summary>
    public string ClusterName { get; }

    public IKubernetesClient Client { get; }

    public IStateStore Store { get; }

    public StackRunSessionOptions Options { get; }

    /// <summary>
    /// Loads the kubeconfig, connects a client and opens the state store for <paramref name="stacks"/> of
    /// <paramref name="workspace"/>. Relative paths in <paramref name="options"/> are taken from the current folder.
    /// The error is the kubeconfig's (file, line and field).
    /// </summary>
    public static (StackRunSession? Session, string? Error) Open(KonfigWorkspace workspace, IReadOnlyList<Stack> stacks, StackRunSessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(stacks);
        ArgumentNullException.ThrowIfNull(options);
        var kubeconfig = KubeconfigLoader.Load(options.KubeconfigPath is { } path ? Path.GetFullPath(path) : null, options.Context);
        if (!kubeconfig.Succeeded)
        {
            return (null, kubeconfig.Error.ToString());
        }

        var client = new KubernetesHttpClient(kubeconfig.Cluster);
        return (new StackRunSession(workspace, stacks, kubeconfig.Cluster.ContextName, client, client, StoreFor(workspace, client, options), options), null);
    }

    /// <summary>A session on a client the caller made and keeps (tests, a bot with its own clients); the caller disposes the client.</summary>
    public static StackRunSession Open(KonfigWorkspace workspace, IReadOnlyList<Stack> stacks, string clusterName, IKubernetesClient client, StackRunSessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(stacks);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        return new StackRunSession(workspace, stacks, clusterName, client, null, StoreFor(workspace, client, options), options);
    }

    private static IStateStore StoreFor(KonfigWorkspace workspace, IKubernetesClient client, StackRunSessionOptions options) =>
        options.State == StateBackend.Kubernetes
            ? new KubernetesStateStore(client, options.StateNamespace)
            : new LocalStateStore(options.StateFolder is { } folder ? Path.GetFullPath(folder) : Path.Combine(workspace.Root, ".konfig", "state"));

    public StateKey KeyOf(Stack stack) => new(stack.Project.Path, stack.Path, ClusterName);

    /// <summary>Compiles the session's stacks in parallel; the compilations come back in stack order, failed ones included.</summary>
    public IReadOnlyList<StackCompilation> Compile()
    {
        var compiler = Options.RunKcl is { } runKcl ? new StackCompiler(runKcl) : new StackCompiler();
        return compiler.CompileAll(Stacks, new StackCompileOptions());
    }

    /// <summary>The stack's prior state, or the error a state problem (corrupt, unreadable) gives.</summary>
    public async Task<(StackState? State, StackRunError? Error)> LoadStateAsync(Stack stack, CancellationToken cancellationToken = default)
    {
        try
        {
            return (await Store.LoadAsync(KeyOf(stack), cancellationToken).ConfigureAwait(false), null);
        }
        catch (StateException error)
        {
            return (null, new StackRunError(stack, StackRunErrorKind.StateUnreadable, error.Message));
        }
    }

    public void Dispose() => _ownedClient?.Dispose();
}
