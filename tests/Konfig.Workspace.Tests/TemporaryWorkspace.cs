namespace Konfig.Workspace.Tests;

/// <summary>A workspace in a fresh temporary folder (with kcl.mod), deleted on dispose.</summary>
internal sealed class TemporaryWorkspace : IDisposable
{
    public TemporaryWorkspace(bool withKclMod = true)
    {
        Root = Path.Combine(Path.GetTempPath(), "konfig-ws-tests-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
        if (withKclMod)
        {
            Write("kcl.mod", "[package]\nname = \"test\"\n");
        }
    }

    public string Root { get; }

    public string Write(string relativePath, string contents)
    {
        var full = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, contents);
        return full;
    }

    public string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    public string PathOf(string relativePath) => Path.GetFullPath(Path.Combine(Root, relativePath));

    /// <summary>A project folder with project.yaml.</summary>
    public void Project(string path, string name, string? tenant = null) =>
        Write($"{path}/project.yaml", $"name: {name}\n" + (tenant is null ? string.Empty : $"tenant: {tenant}\n"));

    /// <summary>
    /// A stack whose main.k emits one Namespace resource per name in <c>option("namespaces")</c> through
    /// manifests.yaml_stream, with <paramref name="body"/> appended to main.k.
    /// </summary>
    public void Stack(string path, string name, string namespaces = "[a]", string body = "")
    {
        Write($"{path}/stack.yaml", $"name: {name}\n");
        Write($"{path}/kcl.yaml", "kcl_cli_configs:\n  file:\n    - main.k\n    - ${KCL_MOD}/render/render.k\n");
        Write($"{path}/ci-test/settings.yaml", $"kcl_options:\n  - key: namespaces\n    value: {namespaces}\n");
        Write($"{path}/main.k", "namespaces: [str] = option(\"namespaces\") or []\n" + body);
        Write("render/render.k", RenderModule);
    }

    private const string RenderModule = """
        import manifests

        _resources = [{
            id = "v1:Namespace:" + n
            type = "Kubernetes"
            attributes = {apiVersion = "v1", kind = "Namespace", metadata.name = n, spec.replicas = 2}
            dependsOn = [] if i == 0 else ["v1:Namespace:" + namespaces[0]]
        } for i, n in namespaces]
        manifests.yaml_stream(_resources)

        """;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail a test.
        }
    }
}
