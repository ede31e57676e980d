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

    [Fact]
    public void Reads_dependencies_written_as_tables_and_dotted_keys_in_order()
    {
        const string text = """
            dependencies.remote.git = "https://github.com/acme/remote"
            dependencies.remote.tag = "v1.2.0"

            [dependencies.local]
            path = "../local"

            [dependencies.image]
            oci = "oci://ghcr.io/acme/image"
            version = "0.3.0"
            """;

        var (file, error) = KclModReader.Parse("kcl.mod", text);

        error.Should().BeNull();
        file!.Dependencies.Should().Equal(
            new KclModDependency("remote", "v1.2.0", null, "https://github.com/acme/remote", null),
            new KclModDependency("local", null, "../local", null, null),
            new KclModDependency("image", "0.3.0", null, null, "oci://ghcr.io/acme/image"));
    }

    [Fact]
    public void Fields_KCL_does_not_read_may_hold_any_type()
    {
        var (file, error) = KclModReader.Parse("kcl.mod", "[package]\nname = \"app\"\ninclude = [1, 2]\n[profile]\nentries = []\noptions = { debug = true }\n");

        error.Should().BeNull();
        file!.Name.Should().Be("app");
        file.Entries.Should().BeEmpty();
    }

    [Fact]
    public void A_byte_order_mark_is_not_part_of_the_text()
    {
        KclModReader.Parse("kcl.mod", "\uFEFF[package]\nname = \"app\"\n").File!.Name.Should().Be("app");
        var error = KclModReader.Parse("kcl.mod", "\uFEFF[package]\nname = 1\n").Error!;
        (error.Location!.Line, error.Location.Column).Should().Be((2, 8));
    }

    [Theory]
    [InlineData("[package]\nname = \"app\n", 2, 12, "newline in a string")]
    [InlineData("[package]\nname = \"a\"\nversion\n", 3, 8, "Expecting `=` after a key")]
    [InlineData("[package\nname = \"a\"\n", 1, 9, "while expecting `]`")]
    [InlineData("[package]\nname = \"a\"\nname = \"b\"\n", 3, 1, "The key `package.name` is already defined at (2,1)")]
    [InlineData("[package]\n[package]\n", 2, 1, "The key `package` is already defined")]
    [InlineData("[dependencies]\nx = [1, 2\n", 3, 1, "Expecting a closing `]` for an array")]
    [InlineData("[package]\nname = \"a\" extra\n", 2, 12, "Unexpected token found `extra`")]
    [InlineData("[package]\nname = \n", 2, 8, "while expecting a value")]
    [InlineData("[package]\r\nname = \"a\"\r\nedition = 'v0\\9'\r\nversion = \"\\q\"\r\n", 4, 13, "Unexpected escape character [q]")]
    // Columns count UTF-16 units like the rest of our diagnostics (Tomlyn counts code points: 12 here).
    [InlineData("[package]\nname = \"\U0001F600\" extra\n", 2, 13, "Unexpected token found `extra`")]
    public void Malformed_files_give_a_diagnostic_with_the_line_and_column(string text, int line, int column, string reason)
    {
        var (file, error) = KclModReader.Parse("/work/app/kcl.mod", text);

        file.Should().BeNull();
        error.Should().NotBeNull();
        error!.Location!.File.Path.Should().Be("/work/app/kcl.mod");
        (error.Location.Line, error.Location.Column).Should().Be((line, column));
        error.Message.Should().StartWith("invalid kcl.mod: ").And.Contain(reason);
    }

    [Theory]
    [InlineData("[package]\nname = 1\n", 2, 8, "'package.name' must be a string, found an integer")]
    [InlineData("[package]\nedition = true\n", 2, 11, "'package.edition' must be a string, found a boolean")]
    [InlineData("[package]\nversion = 2024-01-01\n", 2, 11, "'package.version' must be a string, found a date-time")]
    [InlineData("[package.name]\nfirst = \"a\"\n", 1, 1, "'package.name' must be a string, found a table")]
    [InlineData("package = \"app\"\n", 1, 11, "'package' must be a table, found a string")]
    [InlineData("[[package]]\nname = \"a\"\n", 1, 1, "'package' must be a table, found an array of tables")]
    [InlineData("[dependencies]\nk8s = 1.28\n", 2, 7, "'dependencies.k8s' must be a version string or a table, found a float")]
    [InlineData("[dependencies]\nk8s = [\"1.28\"]\n", 2, 7, "'dependencies.k8s' must be a version string or a table, found an array")]
    [InlineData("[dependencies]\nlocal = { path = true }\n", 2, 18, "'dependencies.local.path' must be a string, found a boolean")]
    [InlineData("[dependencies.local]\nversion = 1\n", 2, 11, "'dependencies.local.version' must be a string, found an integer")]
    [InlineData("[profile]\nentries = \"main.k\"\n", 2, 11, "'profile.entries' must be an array of strings, found a string")]
    [InlineData("[profile]\nentries = [\n  \"main.k\",\n  2,\n]\n", 4, 3, "'profile.entries' must be an array of strings, found an integer in it")]
    public void A_field_of_the_wrong_type_gives_a_diagnostic_at_its_value(string text, int line, int column, string reason)
    {
        var (file, error) = KclModReader.Parse("/work/app/kcl.mod", text);

        file.Should().BeNull();
        error!.Location!.File.Path.Should().Be("/work/app/kcl.mod");
        (error.Location.Line, error.Location.Column).Should().Be((line, column));
        error.Message.Should().Be($"invalid kcl.mod: {reason}");
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
