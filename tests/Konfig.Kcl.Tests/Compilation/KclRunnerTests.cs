using FluentAssertions;
using Konfig.Kcl.Compilation;
using Xunit;

namespace Konfig.Kcl.Tests.Compilation;

/// <summary>The runner's own failures; whole programs are covered by the conformance suite.</summary>
public class KclRunnerTests
{
    [Fact]
    public void A_missing_input_file_is_a_diagnostic()
    {
        using var folder = new TemporaryFolder();
        var result = KclRunner.Run(new KclRunOptions { Files = ["nope.k"], WorkingDirectory = folder.Path });
        result.Success.Should().BeFalse();
        result.Diagnostics.Should().ContainSingle().Which.Message.Should().Contain("nope.k");
    }

    [Fact]
    public void An_invalid_settings_file_names_the_file()
    {
        using var folder = new TemporaryFolder();
        folder.Write("main.k", "a = 1\n");
        folder.Write("temp.yaml", "\"");
        var result = KclRunner.Run(new KclRunOptions { Files = ["main.k"], WorkingDirectory = folder.Path, SettingsFiles = ["temp.yaml"] });
        result.Success.Should().BeFalse();
        result.Diagnostics.Should().ContainSingle().Which.Message.Should().StartWith("Failed to load 'temp.yaml', invalid setting file format");
    }

    [Fact]
    public void A_malformed_kcl_mod_stops_the_run_with_its_line()
    {
        using var folder = new TemporaryFolder();
        folder.Write("kcl.mod", "[package]\nname = \n");
        folder.Write("main.k", "a = 1\n");
        var result = KclRunner.Run(new KclRunOptions { Files = ["main.k"], WorkingDirectory = folder.Path });
        result.Diagnostics.Should().ContainSingle().Which.Location!.Line.Should().Be(2);
    }

    [Fact]
    public void A_folder_without_kcl_files_is_a_diagnostic()
    {
        using var folder = new TemporaryFolder();
        Directory.CreateDirectory(folder.Combine("empty"));
        var result = KclRunner.Run(new KclRunOptions { Files = ["empty"], WorkingDirectory = folder.Path });
        result.Diagnostics.Should().ContainSingle().Which.Message.Should().Contain("No KCL files found");
    }

    [Theory]
    [InlineData("a = 1\n{b = 2}\n", "b: 2\na: 1\n")]
    [InlineData("_a = 1\n[1, 2]\n", "- 1\n- 2\n")]
    [InlineData("\"a\"\n", "a\n")]
    [InlineData("import manifests\nx = 1\nmanifests.yaml_stream([{a = 1}, 2])\n", "a: 1\n---\n2\n")]
    public void Top_level_expressions_and_yaml_streams_print_instead_of_the_globals(string source, string expected)
    {
        using var folder = new TemporaryFolder();
        folder.Write("main.k", source);
        var result = KclRunner.Run(new KclRunOptions { Files = ["main.k"], WorkingDirectory = folder.Path });
        result.Diagnostics.Should().BeEmpty();
        result.Yaml.Should().Be(expected);
    }

    [Fact]
    public void Path_selectors_read_a_top_level_mapping_expression()
    {
        using var folder = new TemporaryFolder();
        folder.Write("main.k", "a = 1\n{b = {c = 2}}\n");
        var result = KclRunner.Run(new KclRunOptions { Files = ["main.k"], WorkingDirectory = folder.Path, PathSelectors = ["b.c"] });
        result.Yaml.Should().Be("2\n");
    }

    [Theory]
    [InlineData(new[] { "_p" }, false, "a: 1\n")]
    [InlineData(new[] { "s._h" }, false, "1\n")]
    [InlineData(new[] { "s" }, false, "v: 2\n")]
    [InlineData(new[] { "s" }, true, "_h: 1\nv: 2\n")]
    [InlineData(new[] { "l" }, false, "a: 1\n---\nb: 2\n")]
    public void Path_selectors_find_hidden_names_and_print_them_without_hidden_keys(string[] selectors, bool showHidden, string expected)
    {
        using var folder = new TemporaryFolder();
        folder.Write("main.k", "_p = {a = 1, _b = 2}\nschema S:\n    _h: int = 1\n    v: int = 2\ns = S {}\nl = [{a = 1, _x = 0}, {b = 2}]\n");
        var result = KclRunner.Run(new KclRunOptions { Files = ["main.k"], WorkingDirectory = folder.Path, PathSelectors = selectors, ShowHidden = showHidden });
        result.Diagnostics.Should().BeEmpty();
        result.Yaml.Should().Be(expected);
    }

    [Fact]
    public void Never_throws_on_nonsense_options()
    {
        var result = KclRunner.Run(new KclRunOptions { Files = ["\0bad"], WorkingDirectory = "\0" });
        result.Success.Should().BeFalse();
    }
}
