using FluentAssertions;
using Konfig.Rewrite.Bulk;
using Konfig.Rewrite.Tests.TestDoubles;
using Konfig.Workspace.Compilation;
using Konfig.Workspace.Discovery;
using Konfig.Workspace.Golden;

namespace Konfig.Rewrite.Tests.Bulk;

/// <summary>Bulk rewrites of a copy of our own monorepo (two projects, four stacks), compiled for real.</summary>
public sealed class BulkRewriteTests : IDisposable
{
    private const string DevMain = "konfig/apps/status-page/dev/main.k";
    private const string DevGolden = "konfig/apps/status-page/dev/ci-test/stdout.golden.yaml";

    private readonly KonfigGitRepository _repository = new("status-page", "storefront");

    public void Dispose() => _repository.Dispose();

    [Fact]
    public void Dry_run_returns_the_changes_and_writes_nothing()
    {
        var before = Snapshot();
        var result = Run(new ReplaceTextRewrite("nodePort = 30080", "nodePort = 30081"), new BulkRewriteOptions { UpdateGoldens = true });

        result.Errors.Should().BeEmpty();
        result.Written.Should().BeFalse();
        result.TouchedStacks.Select(s => s.Path).Should().Equal("apps/status-page/dev");
        result.Changes.Select(c => (c.Kind, Relative(c.FullPath))).Should().Equal(
            (FileChangeKind.Source, DevMain), (FileChangeKind.Golden, DevGolden));
        var diff = result.Changes[0].Diff(_repository.Root);
        diff.Should().StartWith($"--- a/{DevMain}\n+++ b/{DevMain}\n@@ ");
        diff.Should().Contain("-        ports = [{name = \"http\", port = 80, targetPort = \"http\", nodePort = 30080}]\n+        ports = [{name = \"http\", port = 80, targetPort = \"http\", nodePort = 30081}]\n");
        result.Changes[1].Diff(_repository.Root).Should().Contain("-").And.Contain("+").And.Contain("30081");
        Snapshot().Should().Equal(before);
    }

    [Fact]
    public void Writing_changes_files_and_goldens_and_a_second_run_changes_nothing()
    {
        var rewrite = new ReplaceTextRewrite("nodePort = 30080", "nodePort = 30081");
        var result = Run(rewrite, new BulkRewriteOptions { WriteFiles = true, UpdateGoldens = true });

        result.Written.Should().BeTrue();
        File.ReadAllText(_repository.PathOf(DevMain)).Should().Contain("nodePort = 30081").And.NotContain("nodePort = 30080");
        var workspace = Workspace();
        var dev = workspace.Stacks.Single(s => s.Path == "apps/status-page/dev");
        GoldenFile.Check(new StackCompiler(new Kcl.Compilation.ParseCache()).Compile(dev, StackCompileOptions.Default)).Status
            .Should().Be(GoldenStatus.Match);
        File.ReadAllText(_repository.PathOf(DevGolden)).Should().Contain("30081");

        var again = Run(rewrite, new BulkRewriteOptions { WriteFiles = true, UpdateGoldens = true });
        again.NothingToChange.Should().BeTrue();
        again.Written.Should().BeFalse();
    }

    [Fact]
    public void Without_golden_updates_only_entry_files_change()
    {
        _repository.CommitAll("base");
        var result = Run(new ReplaceTextRewrite("nodePort = 30080", "nodePort = 30081"), new BulkRewriteOptions { WriteFiles = true });
        result.Changes.Should().ContainSingle().Which.Kind.Should().Be(FileChangeKind.Source);
        _repository.Git("status", "--porcelain").Should().Be($"M {DevMain}");
    }

    [Fact]
    public void A_stack_that_no_longer_compiles_stops_everything_with_its_file_and_line()
    {
        var before = Snapshot();

        // The dev main.k's prober gets a name that is defined nowhere; the prod stacks change harmlessly.
        var result = Run(new MultiRewrite(
            new ReplaceTextRewrite("\"*/5 * * * *\"", "undefined_schedule"),
            new ReplaceTextRewrite("replicas = 2", "replicas = 3")), new BulkRewriteOptions { WriteFiles = true, UpdateGoldens = true });

        result.Success.Should().BeFalse();
        result.Written.Should().BeFalse();
        result.Changes.Should().BeEmpty();
        var error = result.Errors.Should().ContainSingle().Subject;
        error.StackPath.Should().Be("apps/status-page/dev");
        Relative(error.File!).Should().Be(DevMain);
        error.Line.Should().Be(LineOf(DevMain, "\"*/5 * * * *\""));
        error.Format(_repository.Root).Should().StartWith($"{DevMain}:{error.Line}:");
        Snapshot().Should().Equal(before);
    }

    [Fact]
    public void A_file_the_rewrite_refuses_stops_everything()
    {
        var before = Snapshot();
        var result = Run(new ReplaceTextRewrite("nodePort = 30080", "nodePort = 30081", refuseWhen: "LoadBalancer"), new BulkRewriteOptions { WriteFiles = true });

        result.Errors.Should().NotBeEmpty().And.OnlyContain(e => e.Message == "OverrideError: cannot rewrite 'LoadBalancer'" && e.Line > 0);
        Snapshot().Should().Equal(before);
    }

    [Fact]
    public void A_write_that_fails_puts_back_every_file_already_written()
    {
        // A folder where the golden should go: renaming the new golden over it fails, whoever runs the test.
        File.Delete(_repository.PathOf(DevGolden));
        Directory.CreateDirectory(_repository.PathOf(DevGolden));
        var before = Snapshot();

        var result = Run(new ReplaceTextRewrite("nodePort = 30080", "nodePort = 30081"), new BulkRewriteOptions { WriteFiles = true, UpdateGoldens = true });

        result.Written.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.Message.Should().StartWith("cannot write the file (").And.EndWith("); every file written before was put back");
        Snapshot().Should().Equal(before);
        Directory.Exists(_repository.PathOf(DevGolden)).Should().BeTrue();
    }

    [Fact]
    public void A_stack_without_a_file_of_its_own_is_an_error()
    {
        _repository.Write("konfig/apps/status-page/dev/kcl.yaml", "kcl_cli_configs:\n  file:\n    - ../base/base.k\n");
        var result = Run(new ReplaceTextRewrite("a", "b"), new BulkRewriteOptions());
        result.Errors.Should().ContainSingle().Which.StackPath.Should().Be("apps/status-page/dev");
    }

    private BulkRewriteResult Run(IFileRewrite rewrite, BulkRewriteOptions options) =>
        BulkRewrite.Run(Workspace().Stacks, rewrite, options with { Compile = new StackCompileOptions { MaxParallelism = 2 } });

    private KonfigWorkspace Workspace() => WorkspaceDiscovery.Discover(_repository.PathOf("konfig"));

    private string Relative(string path) => Path.GetRelativePath(_repository.Root, path).Replace('\\', '/');

    private int LineOf(string file, string text) =>
        File.ReadAllLines(_repository.PathOf(file)).Select((line, i) => (line, i)).First(x => x.line.Contains(text, StringComparison.Ordinal)).i + 1;

    private Dictionary<string, string> Snapshot() =>
        Directory.EnumerateFiles(_repository.PathOf("konfig"), "*", SearchOption.AllDirectories)
            .ToDictionary(path => path, File.ReadAllText);

    /// <summary>Test double: several replacements, one after the other.</summary>
    private sealed class MultiRewrite(params ReplaceTextRewrite[] parts) : IFileRewrite
    {
        public string Description => string.Join("; ", parts.Select(p => p.Description));

        public FileRewriteResult Rewrite(Kcl.Text.SourceFile file)
        {
            var text = file.Text;
            foreach (var part in parts)
            {
                text = part.Rewrite(new Kcl.Text.SourceFile(file.Path, text)).NewText;
            }

            return FileRewriteResult.Rewritten(file, text);
        }
    }
}
