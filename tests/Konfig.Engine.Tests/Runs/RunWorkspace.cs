using Konfig.Engine.Runs;
using Konfig.FakeKube;
using Konfig.Workspace.Discovery;

namespace Konfig.Engine.Tests.Runs;

/// <summary>
/// A workspace of one project with two stacks (shop/dev, shop/prod: a Namespace and a ConfigMap each) in a temporary
/// folder, and the fake API server on 127.0.0.1 with its kubeconfig: the runs go over real HTTP with the real compiler.
/// </summary>
internal sealed class RunWorkspace : IAsyncDisposable
{
    private RunWorkspace(FakeKubeServer server, string root)
    {
        Server = server;
        Root = root;
        Kubeconfig = Path.Combine(root, "kubeconfig");
        server.WriteKubeconfig(Kubeconfig, context: "fake");
        Write("kcl.mod", "[package]\nname = \"runs\"\n");
        Write("shop/project.yaml", "name: shop\n");
        Stack("shop/dev", "blue");
        Stack("shop/prod", "green");
    }

    public FakeKubeServer Server { get; }

    public string Root { get; }

    public string Kubeconfig { get; }

    public static async Task<RunWorkspace> StartAsync() =>
        new(await FakeKubeServer.StartAsync(new FakeKubeOptions { ReadyDelay = TimeSpan.Zero }), Directory.CreateTempSubdirectory("konfig-runs-").FullName);

    /// <summary>A stack whose namespace is named after its folder, holding ConfigMap settings with data.color.</summary>
    public void Stack(string path, string color)
    {
        var ns = path.Replace('/', '-');
        Write($"{path}/stack.yaml", $"name: {path[(path.IndexOf('/') + 1)..]}\n");
        Write($"{path}/kcl.yaml", "kcl_cli_configs:\n  file:\n    - main.k\n");
        Write($"{path}/ci-test/settings.yaml", "kcl_options:\n  - key: env\n    value: test\n");
        Write($"{path}/main.k", $$"""
            import manifests

            _resources = [
                {
                    id = "v1:Namespace:{{ns}}"
                    type = "Kubernetes"
                    attributes = {apiVersion = "v1", kind = "Namespace", metadata.name = "{{ns}}"}
                }
                {
                    id = "v1:ConfigMap:{{ns}}:settings"
                    type = "Kubernetes"
                    attributes = {apiVersion = "v1", kind = "ConfigMap", metadata = {name = "settings", namespace = "{{ns}}"}, data.color = "{{color}}"}
                    dependsOn = ["v1:Namespace:{{ns}}"]
                }
            ]
            manifests.yaml_stream(_resources)

            """);
    }

    public void Write(string relativePath, string content)
    {
        var full = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    /// <summary>Opens a session on the named stacks (all when none), with the local state under the workspace.</summary>
    public StackRunSession Open(params string[] stacks)
    {
        var workspace = WorkspaceDiscovery.Discover(Root);
        var chosen = stacks.Length == 0 ? workspace.Stacks : [.. workspace.Stacks.Where(s => stacks.Contains(s.Path))];
        var (session, error) = StackRunSession.Open(workspace, chosen, new StackRunSessionOptions { KubeconfigPath = Kubeconfig, LockHolder = "runs test" });
        return session ?? throw new InvalidOperationException(error);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }
}
