using FluentAssertions;
using Konfig.Workspace.Files;

namespace Konfig.Workspace.Tests.Files;

public sealed class EditorConfigTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Without_any_editorconfig_the_formatter_defaults_apply()
    {
        _folder.Write(".editorconfig", "root = true\n");
        var file = _folder.Write("main.k", "a = 1\n");

        var options = new EditorConfig().FormatOptionsFor(file);

        options.IndentSize.Should().Be(4);
        options.UseTabs.Should().BeFalse();
    }

    [Fact]
    public void Star_k_and_brace_sections_apply_in_order_later_ones_winning()
    {
        _folder.Write(".editorconfig", "root = true\n\n[*]\nindent_style = space\nindent_size = 8\n\n[*.{k,yaml}]\nindent_size = 2\n\n[*.py]\nindent_size = 3\n");
        var kcl = _folder.Write("app/main.k", string.Empty);
        var python = _folder.Write("tool.py", string.Empty);

        var config = new EditorConfig();

        config.FormatOptionsFor(kcl).IndentSize.Should().Be(2);
        config.PropertiesFor(python)["indent_size"].Should().Be("3");
        config.PropertiesFor(_folder.Combine("README.md"))["indent_size"].Should().Be("8");
    }

    [Fact]
    public void Nearer_files_override_farther_ones_and_the_walk_stops_at_root()
    {
        _folder.Write(".editorconfig", "[*.k]\nindent_style = tab\n");
        _folder.Write("repo/.editorconfig", "root = true\n[*]\nindent_size = 2\nindent_style = space\n");
        _folder.Write("repo/app/.editorconfig", "[*.k]\nindent_size = 3\n");
        var file = _folder.Write("repo/app/main.k", string.Empty);

        var options = new EditorConfig().FormatOptionsFor(file);

        options.IndentSize.Should().Be(3, "the nearest file sets the size");
        options.UseTabs.Should().BeFalse("the folder above root = true is not read");
    }

    [Fact]
    public void A_farther_file_applies_when_no_root_stops_the_walk()
    {
        _folder.Write(".editorconfig", "root = true\n[*.k]\nindent_style = tab\n");
        _folder.Write("app/.editorconfig", "[*.k]\ncharset = utf-8\n");
        var file = _folder.Write("app/main.k", string.Empty);

        new EditorConfig().FormatOptionsFor(file).UseTabs.Should().BeTrue();
    }

    [Theory]
    [InlineData("indent_style = tab", true, 4)]
    [InlineData("indent_size = tab", true, 4)]
    [InlineData("indent_style = space\nindent_size = tab\ntab_width = 6", false, 6)]
    [InlineData("indent_style = SPACE\nindent_size = 2", false, 2)]
    [InlineData("indent_size = nonsense", false, 4)]
    public void Indent_style_and_size_map_to_format_options(string properties, bool useTabs, int size)
    {
        _folder.Write(".editorconfig", "root = true\n[*.k]\n" + properties + "\n");
        var file = _folder.Write("main.k", string.Empty);

        var options = new EditorConfig().FormatOptionsFor(file);

        options.UseTabs.Should().Be(useTabs);
        options.IndentSize.Should().Be(size);
    }

    [Theory]
    [InlineData("*.k", "a/b/main.k", true)]
    [InlineData("*.k", "main.yaml", false)]
    [InlineData("/main.k", "main.k", true)]
    [InlineData("/main.k", "sub/main.k", false)]
    [InlineData("sub/*.k", "sub/main.k", true)]
    [InlineData("sub/*.k", "sub/deeper/main.k", false)]
    [InlineData("sub/**.k", "sub/deeper/main.k", true)]
    [InlineData("**/test/*.k", "test/main.k", true)]
    [InlineData("*.{k,yaml}", "x/values.yaml", true)]
    [InlineData("{a,b}/*.k", "b/main.k", true)]
    [InlineData("{a,b}/*.k", "c/main.k", false)]
    [InlineData("file[0-9].k", "file7.k", true)]
    [InlineData("file[!0-9].k", "file7.k", false)]
    [InlineData("file?.k", "file7.k", true)]
    [InlineData("file{1..3}.k", "file2.k", true)]
    [InlineData("file{1..3}.k", "file4.k", false)]
    [InlineData("{single}.k", "{single}.k", true)]
    public void Globs_match_as_the_specification_says(string glob, string relativePath, bool matches)
    {
        _folder.Write(".editorconfig", $"root = true\n[{glob}]\nindent_size = 7\n");

        var properties = new EditorConfig().PropertiesFor(_folder.Combine(relativePath));

        properties.ContainsKey("indent_size").Should().Be(matches);
    }

    [Fact]
    public void Comments_and_keys_in_any_case_are_handled()
    {
        _folder.Write(".editorconfig", "# comment\n; another\nROOT = TRUE\n[*]\nIndent_Size = 5\n");
        var file = _folder.Write("main.k", string.Empty);

        new EditorConfig().FormatOptionsFor(file).IndentSize.Should().Be(5);
    }
}
