using FluentAssertions;
using Konfig.Affected.Tests.Git;

namespace Konfig.Affected.Tests.Analysis;

/// <summary>
/// A small Konfig monorepo written into a real temporary git repository (<see cref="TempGitRepository"/>),
/// under <see cref="Prefix"/> ("" for a Konfig-only repository, "konfig/" for this repository's layout).
/// The platform packages import each other as the real ones do: frontend imports backend and meta,
/// backend imports sizes, render imports frontend and backend. Projects:
/// <list type="bullet">
/// <item><c>orders</c> (dev, prod): its base imports frontend and monitoring (the only importer of monitoring).</item>
/// <item><c>shop</c> (dev, prod): its base imports frontend and reads <c>../data/motd.txt</c> with file.read;
/// shop/prod also lists <c>${KCL_MOD}/base/pkg/platform/render/audit.k</c>.</item>
/// <item><c>tools</c> (dev): main.k alone, no imports, no base, no render.</item>
/// </list>
/// </summary>
internal sealed class KonfigMonorepo : IDisposable
{
    public const string Frontend = "base/pkg/platform/frontend";
    public const string Backend = "base/pkg/platform/backend";
    public const string Sizes = "base/pkg/platform/sizes";
    public const string Meta = "base/pkg/platform/meta";
    public const string Monitoring = "base/pkg/platform/monitoring";
    public const string Render = "base/pkg/platform/render";

    public static readonly string[] OrdersStacks = ["apps/orders/dev", "apps/orders/prod"];
    public static readonly string[] ShopStacks = ["apps/shop/dev", "apps/shop/prod"];
    public static readonly string[] ToolsStacks = ["apps/tools/dev"];

    private KonfigMonorepo(TempGitRepository git, string prefix)
    {
        Git = git;
        Prefix = prefix;
    }

    public TempGitRepository Git { get; }

    /// <summary>Where the kcl.mod folder sits in the repository: "" or e.g. "konfig/".</summary>
    public string Prefix { get; }

    /// <summary>Every stack of the fixture, as repository paths.</summary>
    public IReadOnlyList<string> AllStacks => [.. OrdersStacks.Concat(ShopStacks).Concat(ToolsStacks).Select(At).Order(StringComparer.Ordinal)];

    /// <summary>A new repository on branch main holding the monorepo in one commit.</summary>
    public static KonfigMonorepo Create(string prefix = "")
    {
        var repository = new KonfigMonorepo(TempGitRepository.Init(), prefix);
        repository.WriteMonorepo();
        repository.Git.CommitAll("konfig monorepo");
        return repository;
    }

    /// <summary>The repository path of a path inside the Konfig tree.</summary>
    public string At(string konfigPath) => Prefix + konfigPath;

    public IEnumerable<string> At(IEnumerable<string> konfigPaths) => konfigPaths.Select(At);

    /// <summary>Writes a file of the Konfig tree (path relative to the kcl.mod folder).</summary>
    public KonfigMonorepo Write(string konfigPath, string content)
    {
        Git.Write(At(konfigPath), content);
        return this;
    }

    /// <summary>Appends a line to a file of the Konfig tree: a content change that keeps the file valid.</summary>
    public KonfigMonorepo Touch(string konfigPath, string line = "# touched")
    {
        File.AppendAllText(Git.PathOf(At(konfigPath)), line + "\n");
        return this;
    }

    public KonfigMonorepo Delete(string konfigPath)
    {
        Git.Delete(At(konfigPath));
        return this;
    }

    public KonfigMonorepo DeleteFolder(string konfigPath)
    {
        Directory.Delete(Git.PathOf(At(konfigPath)), recursive: true);
        return this;
    }

    public KonfigMonorepo Move(string from, string to)
    {
        Git.Move(At(from), At(to));
        return this;
    }

    public string Commit(string message) => Git.CommitAll(message);

    /// <summary>Runs detection from <paramref name="baseRevision"/> to <paramref name="head"/>, failing the test on an error.</summary>
    public ChangeDetectionReport Detect(string? baseRevision, string head = "HEAD", bool workingTree = false, bool useCache = true, bool dotNet = false, string? from = null)
    {
        var (report, error) = ChangeDetector.Detect(new ChangeDetectionRequest
        {
            RepositoryPath = from is null ? Git.Root : Git.PathOf(from),
            Base = baseRevision,
            Head = head,
            WorkingTree = workingTree,
            UseCache = useCache,
            DotNet = dotNet,
        });
        error.Should().BeNull();
        return report!;
    }

    public void Dispose() => Git.Dispose();

    /// <summary>A stack: stack.yaml, kcl.yaml listing its entrance files, main.k, ci-test/settings.yaml.</summary>
    public void WriteStack(string folder, string mainK, params string[] entrances)
    {
        Write($"{folder}/stack.yaml", $"name: {folder[(folder.LastIndexOf('/') + 1)..]}\n");
        Write($"{folder}/kcl.yaml", "kcl_cli_configs:\n  file:\n" + string.Concat(entrances.Select(e => $"    - {e}\n")));
        Write($"{folder}/main.k", mainK);
        Write($"{folder}/ci-test/settings.yaml", "kcl_options:\n  - key: env\n    value: test\n");
    }

    /// <summary>The entrance files of a stack of a project with a base: base.k, main.k, and the renderer.</summary>
    public static string[] ProjectEntrances(params string[] extra) =>
        ["../base/base.k", "main.k", "${KCL_MOD}/base/pkg/platform/render/render.k", .. extra];

    private void WriteMonorepo()
    {
        Write("kcl.mod", "[package]\nname = \"konfig\"\nversion = \"0.1.0\"\n");

        Write($"{Sizes}/sizes.k", "small = {cpu = \"100m\", memory = \"128Mi\"}\nlarge = {cpu = \"1\", memory = \"1Gi\"}\n");
        Write($"{Meta}/meta.k", "schema Metadata:\n    name: str\n    labels: {str:str} = {}\n");
        Write($"{Backend}/workload.k", "import base.pkg.platform.sizes\n\nschema Workload:\n    replicas: int = 1\n    resources: {str:str} = sizes.small\n");
        Write($"{Backend}/scaling.k", "schema Scaling:\n    minReplicas: int = 1\n    maxReplicas: int = 3\n");
        Write($"{Frontend}/application.k", "import base.pkg.platform.backend\nimport base.pkg.platform.meta\n\nschema Application:\n    metadata?: meta.Metadata\n    workload: backend.Workload = backend.Workload {}\n");
        Write($"{Frontend}/probe.k", "schema Probe:\n    path: str = \"/health\"\n");
        Write($"{Monitoring}/alerts.k", "schema Alert:\n    name: str\n    severity: str = \"warning\"\n");
        Write($"{Monitoring}/dashboards.k", "schema Dashboard:\n    title: str\n");
        Write($"{Render}/render.k", "import base.pkg.platform.frontend\nimport base.pkg.platform.backend\n\n_applications = frontend.Application.instances()\n");
        Write($"{Render}/audit.k", "import base.pkg.platform.frontend\n\n_audited = len(frontend.Application.instances())\n");

        Write("apps/orders/project.yaml", "name: orders\ntenant: commerce\n");
        Write("apps/orders/base/base.k", "import base.pkg.platform.frontend\nimport base.pkg.platform.monitoring\n\napp: frontend.Application {}\n_alert = monitoring.Alert {name = \"orders-down\"}\n");
        foreach (var stack in new[] { "apps/orders/dev", "apps/orders/prod" })
        {
            WriteStack(stack, "import base.pkg.platform.frontend\n\napp: frontend.Application {\n    workload.replicas = 2\n}\n", ProjectEntrances());
        }

        Write("apps/shop/project.yaml", "name: shop\ntenant: retail\n");
        Write("apps/shop/base/base.k", "import file\nimport base.pkg.platform.frontend\n\napp: frontend.Application {}\n_motd = file.read(\"../data/motd.txt\")\n");
        Write("apps/shop/data/motd.txt", "Welcome to the shop.\n");
        WriteStack("apps/shop/dev", "import base.pkg.platform.frontend\n\napp: frontend.Application {}\n", ProjectEntrances());
        WriteStack("apps/shop/prod", "import base.pkg.platform.frontend\n\napp: frontend.Application {}\n", ProjectEntrances("${KCL_MOD}/base/pkg/platform/render/audit.k"));

        Write("apps/tools/project.yaml", "name: tools\n");
        WriteStack("apps/tools/dev", "name = \"tools\"\nreplicas = 1\n", "main.k");

        Write("README.md", "# The monorepo\n");
    }
}
