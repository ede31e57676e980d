using FluentAssertions;
using Konfig.Rewrite.Bulk;
using Konfig.Rewrite.Overrides;
using Konfig.Rewrite.Preview;
using Konfig.Workspace.Compilation;
using Konfig.Workspace.Discovery;

namespace Konfig.Rewrite.Tests.Preview;

/// <summary>Previews of real override specs on a copy of our own monorepo, compiled for real.</summary>
public sealed class RewritePreviewTests : IDisposable
{
    private const string ProdGolden = "konfig/apps/status-page/prod/ci-test/stdout.golden.yaml";

    private readonly KonfigGitRepository _repository = new("status-page", "orders-api");

    public void Dispose() => _repository.Dispose();

    [Theory]
    [InlineData(PreviewBaseline.Golden)]
    [InlineData(PreviewBaseline.Compiled)]
    public void Replicas_two_to_three_is_one_changed_field_of_the_prod_deployment(PreviewBaseline baseline)
    {
        Freshen(ProdGolden, baseline);

        var result = Run(["page.replicas=3"], project: "status-page");

        result.Success.Should().BeTrue();
        var prod = result.Previews.Should().ContainSingle(p => p.StackPath == "apps/status-page/prod").Subject;
        prod.Baseline.Should().Be(baseline);
        prod.Error.Should().BeNull();
        prod.Summary.Should().Be("0 to add, 1 to change, 0 to delete");
        var deployment = prod.Resources.Should().ContainSingle().Subject;
        deployment.Action.Should().Be(ResourcePreviewAction.Change);
        deployment.Name.Should().Be("apps/v1/Deployment status-page/status-page");
        deployment.Fields.Should().Equal(new FieldPreview("spec.replicas", "2", "3"));
    }

    [Fact]
    public void Without_the_option_there_is_no_preview()
    {
        var result = Run(["page.replicas=3"], project: "status-page", preview: false);

        result.Success.Should().BeTrue();
        result.TouchedStacks.Should().NotBeEmpty();
        result.Previews.Should().BeEmpty();
    }

    [Fact]
    public void A_secret_value_change_shows_its_path_but_neither_value()
    {
        var result = Run(["app.secrets.database.data.password=\"rotated-value\""], project: "orders-api");

        result.Errors.Should().BeEmpty();
        var dev = result.Previews.Should().ContainSingle(p => p.StackPath == "apps/orders-api/dev").Subject;
        var secret = dev.Resources.Should().ContainSingle(r => r.Name == "v1/Secret orders-api/orders-api-database").Subject;
        secret.Action.Should().Be(ResourcePreviewAction.Change);
        secret.Fields.Should().ContainSingle(f => f.Path == "stringData.password")
            .Which.Should().Be(new FieldPreview("stringData.password", "(sensitive)", "(sensitive)"));
        var everything = string.Join("\n", result.Previews.SelectMany(p => p.Resources).SelectMany(r => r.Fields).Select(f => f.ToString()));
        everything.Should().NotContain("rotated-value").And.NotContain("dev-only-not-secret");
    }

    [Fact]
    public void A_secret_the_rewrite_removes_is_to_delete_and_its_mount_leaves_the_deployment()
    {
        var result = Run(["app.secrets.signing-"], project: "orders-api");

        result.Errors.Should().BeEmpty();
        var dev = result.Previews.Should().ContainSingle(p => p.StackPath == "apps/orders-api/dev").Subject;
        dev.Resources.Should().ContainSingle(r => r.Action == ResourcePreviewAction.Delete)
            .Which.Name.Should().Be("v1/Secret orders-api/orders-api-signing");
        var deployment = dev.Resources.Should().ContainSingle(r => r.Action == ResourcePreviewAction.Change && r.Name.StartsWith("apps/v1/Deployment ", StringComparison.Ordinal)).Subject;
        deployment.Fields.Should().Contain(f => f.Path.Contains("volumes", StringComparison.Ordinal));
        dev.Summary.Should().Be($"0 to add, {dev.ToChange} to change, 1 to delete");
    }

    /// <summary>Makes the golden newer than the stack's sources (so it is used) or older (so the old text is compiled).</summary>
    private void Freshen(string golden, PreviewBaseline baseline)
    {
        var now = DateTime.UtcNow;
        File.SetLastWriteTimeUtc(_repository.PathOf(golden), baseline == PreviewBaseline.Golden ? now.AddMinutes(1) : now.AddDays(-1));
    }

    private BulkRewriteResult Run(string[] specs, string project, bool preview = true)
    {
        var (rewrite, error) = OverrideFileRewrite.Create(specs, []);
        error.Should().BeNull();
        var stacks = WorkspaceDiscovery.Discover(_repository.PathOf("konfig")).Stacks.Where(s => s.Project.Name == project).ToList();
        return BulkRewrite.Run(stacks, rewrite!, new BulkRewriteOptions { Preview = preview, Compile = new StackCompileOptions { MaxParallelism = 2 } });
    }
}
