using FluentAssertions;
using Konfig.Workspace.Compilation;
using Konfig.Workspace.Discovery;
using Konfig.Workspace.Golden;

namespace Konfig.Workspace.Tests.Golden;

public sealed class GoldenFileTests : IDisposable
{
    private readonly TemporaryWorkspace _workspace = new();

    public GoldenFileTests()
    {
        _workspace.Project("app", "app");
        _workspace.Stack("app/dev", "dev", namespaces: "[a, b]");
    }

    public void Dispose() => _workspace.Dispose();

    private StackCompilation Compile() =>
        new StackCompiler().Compile(WorkspaceDiscovery.Discover(_workspace.Root).Stacks.Single(), StackCompileOptions.Default);

    [Fact]
    public void Update_writes_the_spec_then_check_matches_and_update_is_idempotent()
    {
        var compilation = Compile();

        GoldenFile.Check(compilation).Status.Should().Be(GoldenStatus.NoGolden);
        GoldenFile.Update(compilation).Status.Should().Be(GoldenStatus.Updated);
        GoldenFile.Check(compilation).Status.Should().Be(GoldenStatus.Match);
        GoldenFile.Update(compilation).Status.Should().Be(GoldenStatus.Unchanged);
        _workspace.Read("app/dev/ci-test/stdout.golden.yaml").Should().StartWith("- id: v1:Namespace:a\n  type: Kubernetes\n");
    }

    [Fact]
    public void A_golden_in_kusion_layout_matches_by_meaning()
    {
        _workspace.Write("app/dev/ci-test/stdout.golden.yaml", """
            - id: v1:Namespace:a
              type: Kubernetes
              attributes:
                apiVersion: v1
                kind: Namespace
                metadata:
                    name: a
                spec:
                    replicas: 2
            - id: v1:Namespace:b
              type: Kubernetes
              attributes:
                apiVersion: v1
                kind: Namespace
                metadata:
                    name: b
                spec:
                    replicas: 2
              dependsOn:
                - v1:Namespace:a

            """);

        GoldenFile.Check(Compile()).Status.Should().Be(GoldenStatus.Match);
    }

    [Fact]
    public void Empty_dependsOn_and_extensions_mean_the_same_as_none()
    {
        _workspace.Write("app/dev/ci-test/stdout.golden.yaml", """
            - id: v1:Namespace:a
              type: Kubernetes
              attributes: {apiVersion: v1, kind: Namespace, metadata: {name: a}, spec: {replicas: 2}}
              dependsOn: []
              extensions: {}
            - id: v1:Namespace:b
              type: Kubernetes
              attributes: {apiVersion: v1, kind: Namespace, metadata: {name: b}, spec: {replicas: 2}}
              dependsOn: [v1:Namespace:a]
              extensions: null

            """);

        GoldenFile.Check(Compile()).Status.Should().Be(GoldenStatus.Match);
    }

    [Fact]
    public void A_mismatch_names_the_first_differing_path()
    {
        GoldenFile.Update(Compile());
        _workspace.Write("app/dev/ci-test/settings.yaml", "kcl_options:\n  - key: namespaces\n    value: [a, c]\n");

        var result = GoldenFile.Check(Compile());

        result.Status.Should().Be(GoldenStatus.Mismatch);
        result.Detail.Should().Be("[1].id: expected \"v1:Namespace:b\", got \"v1:Namespace:c\"");
    }

    [Fact]
    public void A_golden_that_is_not_yaml_is_reported()
    {
        _workspace.Write("app/dev/ci-test/stdout.golden.yaml", "- a: [\n");

        var result = GoldenFile.Check(Compile());

        result.Status.Should().Be(GoldenStatus.BadGolden);
        result.Detail.Should().StartWith("the golden is not valid YAML");
    }
}
