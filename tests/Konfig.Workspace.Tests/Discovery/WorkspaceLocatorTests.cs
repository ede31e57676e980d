using FluentAssertions;
using Konfig.Workspace.Discovery;

namespace Konfig.Workspace.Tests.Discovery;

public sealed class WorkspaceLocatorTests : IDisposable
{
    private readonly TemporaryWorkspace _repository = new(withKclMod: false);

    public void Dispose() => _repository.Dispose();

    [Fact]
    public void Falls_back_to_the_konfig_folder_below_the_working_directory()
    {
        _repository.Write("konfig/kcl.mod", "[package]\n");

        WorkspaceLocator.Locate(null, [], _repository.Root).Root.Should().Be(_repository.PathOf("konfig"));
    }

    [Fact]
    public void Prefers_the_nearest_kcl_mod_above_the_working_directory()
    {
        _repository.Write("konfig/kcl.mod", "[package]\n");
        _repository.Write("other/kcl.mod", "[package]\n");
        Directory.CreateDirectory(_repository.PathOf("other/app/dev"));

        WorkspaceLocator.Locate(null, [], _repository.PathOf("other/app/dev")).Root.Should().Be(_repository.PathOf("other"));
    }

    [Fact]
    public void A_named_stack_folder_decides_the_workspace()
    {
        _repository.Write("konfig/kcl.mod", "[package]\n");
        _repository.Write("elsewhere/mono/kcl.mod", "[package]\n");
        Directory.CreateDirectory(_repository.PathOf("elsewhere/mono/app/dev"));

        WorkspaceLocator.Locate(null, ["elsewhere/mono/app/dev"], _repository.Root).Root.Should().Be(_repository.PathOf("elsewhere/mono"));
    }

    [Fact]
    public void An_explicit_folder_must_hold_kcl_mod()
    {
        Directory.CreateDirectory(_repository.PathOf("empty"));

        var (root, error) = WorkspaceLocator.Locate("empty", [], _repository.Root);

        root.Should().BeNull();
        error!.Message.Should().Be("'empty' is not a workspace: it has no kcl.mod");
    }

    [Fact]
    public void Says_how_to_proceed_when_nothing_is_found()
    {
        var (root, error) = WorkspaceLocator.Locate(null, [], _repository.Root);

        root.Should().BeNull();
        error!.Message.Should().Contain("use --workspace DIR");
    }
}
