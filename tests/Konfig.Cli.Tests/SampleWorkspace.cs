namespace Konfig.Cli.Tests;

/// <summary>
/// A small workspace on disk for the workspace commands: a kcl.mod, a shared render module, and helpers
/// that add projects and stacks whose main.k emits one Namespace resource per name in <c>option("namespaces")</c>.
/// </summary>
internal sealed class SampleWorkspace : IDisposable
{
    private const string RenderModule = """
        import manifests

        manifests.yaml_stream([{
            id = "v1:Namespace:" + n
            type = "Kubernetes"
            attributes = {apiVersion = "v1", kind = "Namespace", metadata.name = n}
        } for n in namespaces])

        """;

    private readonly TemporaryFolder _directory = new();

    public SampleWorkspace()
    {
        _directory.Write("mono/kcl.mod", "[package]\nname = \"mono\"\n");
        _directory.Write("mono/render/render.k", RenderModule);
    }

    /// <summary>The folder that holds the workspace folder <c>mono</c>, as a repository root would.</summary>
    public string Parent => _directory.Path;

    public string Root => System.IO.Path.Combine(_directory.Path, "mono");

    public string Path(string relative) => System.IO.Path.Combine(Root, relative);

    public void Project(string path, string name, string? tenant = null) =>
        _directory.Write($"mono/{path}/project.yaml", $"name: {name}\n" + (tenant is null ? string.Empty : $"tenant: {tenant}\n"));

    public void Stack(string path, string name, string namespaces, string body = "")
    {
        _directory.Write($"mono/{path}/stack.yaml", $"name: {name}\n");
        _directory.Write($"mono/{path}/kcl.yaml", "kcl_cli_configs:\n  file:\n    - main.k\n    - ${KCL_MOD}/render/render.k\n");
        _directory.Write($"mono/{path}/ci-test/settings.yaml", $"kcl_options:\n  - key: namespaces\n    value: {namespaces}\n");
        _directory.Write($"mono/{path}/main.k", "namespaces: [str] = option(\"namespaces\")\n" + body);
    }

    public string Write(string relative, string contents) => _directory.Write($"mono/{relative}", contents);

    public string Read(string relative) => File.ReadAllText(Path(relative));

    public void Dispose() => _directory.Dispose();
}
