using FluentAssertions;
using Konfig.Affected.Analysis;
using Konfig.Affected.Tests.Git;

namespace Konfig.Affected.Tests.Analysis;

public sealed class DependencyTreesTests
{
    [Fact]
    public void In_a_repository_the_trees_are_the_working_tree_and_head_from_any_folder_below()
    {
        using var repo = KonfigMonorepo.Create();
        repo.Delete("apps/tools/dev/main.k");

        var (trees, error) = DependencyTrees.Load(repo.Git.PathOf("apps/tools"), useCache: false);

        error.Should().BeNull();
        trees!.Root.Should().Be(Path.TrimEndingDirectorySeparator(repo.Git.Root));
        trees.Head!["apps/tools/dev/main.k"].Should().NotBeNull();
        trees.WorkingTree["apps/tools/dev/main.k"].Should().BeNull();
    }

    [Fact]
    public void Outside_a_repository_the_tree_is_the_nearest_kcl_mod_folder()
    {
        using var folder = TempGitRepository.CreateEmptyFolder();
        folder.Write("ws/kcl.mod", "[package]\n").Write("ws/apps/a/main.k", "a = 1\n");

        var (trees, error) = DependencyTrees.Load(folder.PathOf("ws/apps/a"), useCache: false);

        error.Should().BeNull();
        trees!.Root.Should().Be(folder.PathOf("ws"));
        trees.Head.Should().BeNull();
        trees.WorkingTree["apps/a/main.k"].Should().NotBeNull();
    }
}
