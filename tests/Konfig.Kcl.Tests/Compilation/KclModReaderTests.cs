using FluentAssertions;
using Konfig.Kcl.Compilation;
using Xunit;

namespace Konfig.Kcl.Tests.Compilation;

public class KclModReaderTests
{
    [Fact]
    public void Reads_package_dependencies_and_profile()
    {
        const string text = """
            # a comment
            [package]
            name = "app"   # trailing comment
            edition = 'v0.9.0'
            version = "0.1.0"

            [dependencies]
            k8s = "1.28"
            local = { path = "../local", version = "0.0.1" }

            [profile]
            entries = [
                "main.k",
                "${KCL_MOD}/base/base.k",
            ]
            """;

        var (file, error) = KclModReader.Parse("/work/app/kcl.mod", text);

        error.Should().BeNull();
        file!.Name.Should().Be("app");
        file.Edition.Should().Be("v0.9.0");
        file.Version.Should().Be("0.1.0");
        file.Directory.Should().Be(Path.GetFullPath("/work/app"));
        file.Dependencies.Should().Equal(
            new KclModDependency("k8s", "1.28", null, null, null),
            new KclModDependency("local", "0.0.1", "../local", null, null));
        file.Entries.Should().Equal("main.k", "${KCL_MOD}/base/base.k");
    }

    [Fact]
    public void Empty_and_header_only_files_are_valid()
    {
        KclModReader.Parse("kcl.mod", string.Empty).Error.Should().BeNull();
        var (file, error) = KclModReader.Parse("kcl.mod", "[package]\n");
        error.Should().BeNull();
        file!.Name.Should().BeNull();
    }

    [Fact]
    public void Reads_the_older_build_and_expected_sections()
    {
        var (file, error) = KclModReader.Parse("kcl.mod", "[build]\nenable_pkg_cache=true\ncached_pkg_prefix=\"base.pkg.\"\n[expected]\nkclvm_version=\"v0.4.6\"\n");
        error.Should().BeNull();
        file.Should().NotBeNull();
    }

    [Theory]
    [InlineData("[package]\nname = \"app\n", 2, "unterminated string")]
    [InlineData("[package]\nname = \"a\"\nversion\n", 3, "expected '='")]
    [InlineData("[package\nname = \"a\"\n", 1, "expected ']'")]
    [InlineData("[package]\nname = \"a\"\nname = \"b\"\n", 3, "duplicate key")]
    [InlineData("[dependencies]\nx = [1, 2\n", 3, "expected ']'")]
    [InlineData("[package]\nname = \"a\" extra\n", 2, "after a value")]
    public void Malformed_files_give_a_diagnostic_with_the_line(string text, int line, string message)
    {
        var (file, error) = KclModReader.Parse("/work/app/kcl.mod", text);

        file.Should().BeNull();
        error.Should().NotBeNull();
        error!.Location!.Line.Should().Be(line);
        error.Location.File.Path.Should().Be("/work/app/kcl.mod");
        error.Message.Should().Contain(message);
    }

    [Fact]
    public void Finds_the_nearest_module_root_above_a_folder()
    {
        using var folder = new TemporaryFolder();
        folder.Write("kcl.mod", "[package]\n");
        folder.Write("sub/deeper/main.k", "a = 1\n");
        folder.Write("sub/other/kcl.mod", string.Empty);

        KclModReader.FindModuleRoot(folder.Combine("sub/deeper")).Should().Be(folder.Combine("."));
        KclModReader.FindModuleRoot(folder.Combine("sub/other")).Should().Be(folder.Combine("sub/other"));
    }
}
