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
        var error = result.Diagnostics.Should().ContainSingle().Subject;
        error.Location!.File.Path.Should().Be(folder.Combine("kcl.mod"));
        (error.Location.Line, error.Location.Column).Should().Be((2, 8));
        error.Message.Should().Be("invalid kcl.mod: Unexpected token end-of-line found while expecting a value");
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

    [Fact]
    public void Printed_text_comes_before_the_yaml()
    {
        using var folder = new TemporaryFolder();
        folder.Write("main.k", "print(\"hello\")\na = 1\n");
        var result = KclRunner.Run(new KclRunOptions { Files = ["main.k"], WorkingDirectory = folder.Path });
        result.Diagnostics.Should().BeEmpty();
        result.Yaml.Should().Be("hello\na: 1\n");
    }

    [Fact]
    public void Settings_files_give_files_options_and_switches()
    {
        using var folder = new TemporaryFolder();
        folder.Write("kcl.mod", string.Empty);
        folder.Write("pkg/pkg.k", "b = None\n");
        folder.Write("stack/main.k", "a = option(\"key\")\n");
        folder.Write("stack/kcl.yaml", "kcl_cli_configs:\n  file:\n    - main.k\n    - ${KCL_MOD}/pkg/pkg.k\n  disable_none: true\nkcl_options:\n  - key: key\n    value: [1, 2]\n");
        var result = KclRunner.Run(new KclRunOptions { Files = [], WorkingDirectory = folder.Path, SettingsFiles = ["stack/kcl.yaml"] });
        result.Diagnostics.Should().BeEmpty();
        result.Yaml.Should().Be("a:\n- 1\n- 2\n");
    }

    [Theory]
    [InlineData("alice.name", "first: Alice\nlast: Terry\n")]
    [InlineData("alice.name.first", "Alice\n")]
    [InlineData(":alice.age", "12\n")]
    [InlineData("persons", "name: a\n---\nname: b\n")]
    [InlineData("persons.1.name", "b\n")]
    public void Path_selectors_print_the_selected_value(string selector, string expected)
    {
        using var folder = new TemporaryFolder();
        folder.Write("main.k", "alice = {name = {first = \"Alice\", last = \"Terry\"}, age = 12}\npersons = [{name = \"a\"}, {name = \"b\"}]\n");
        var result = KclRunner.Run(new KclRunOptions { Files = ["main.k"], WorkingDirectory = folder.Path, PathSelectors = [selector] });
        result.Diagnostics.Should().BeEmpty();
        result.Yaml.Should().Be(expected);
    }

    [Fact]
    public void A_path_selector_that_finds_nothing_is_reported_at_the_last_statement()
    {
        using var folder = new TemporaryFolder();
        folder.Write("main.k", "a = 1\nb = 2\n");
        var result = KclRunner.Run(new KclRunOptions { Files = ["main.k"], WorkingDirectory = folder.Path, PathSelectors = ["c"] });
        var error = result.Diagnostics.Should().ContainSingle().Subject;
        error.Message.Should().Be("invalid path select operand c, value not found");
        error.Location!.Line.Should().Be(2);
    }

    [Fact]
    public void Syntax_errors_in_imported_packages_stop_the_run_before_evaluation()
    {
        using var folder = new TemporaryFolder();
        folder.Write("main.k", "import pkg\nprint(\"ran\")\n");
        folder.Write("pkg/a.k", "a = (\n");
        var result = KclRunner.Run(new KclRunOptions { Files = ["main.k"], WorkingDirectory = folder.Path });
        result.Success.Should().BeFalse();
        result.Yaml.Should().BeEmpty();
        result.Diagnostics.Should().OnlyContain(d => d.Location!.File.Path.EndsWith("a.k", StringComparison.Ordinal));
    }

    [Fact]
    public void Shared_packages_are_parsed_once_across_runs()
    {
        using var folder = new TemporaryFolder();
        folder.Write("kcl.mod", string.Empty);
        folder.Write("lib/lib.k", "x = 1\n");
        folder.Write("a/main.k", "import lib\na = lib.x\n");
        folder.Write("b/main.k", "import lib\nb = lib.x\n");
        var cache = new ParseCache();

        KclRunner.Run(new KclRunOptions { Files = ["a/main.k"], WorkingDirectory = folder.Path }, cache).Yaml.Should().Be("a: 1\n");
        KclRunner.Run(new KclRunOptions { Files = ["b/main.k"], WorkingDirectory = folder.Path }, cache).Yaml.Should().Be("b: 1\n");
        KclRunner.Run(new KclRunOptions { Files = ["a/main.k"], WorkingDirectory = folder.Path }, cache).Yaml.Should().Be("a: 1\n");

        cache.ParseCount.Should().Be(3);
    }

    [Fact]
    public void Manifests_yaml_stream_replaces_the_top_level_values_after_printed_text()
    {
        using var folder = new TemporaryFolder();
        folder.Write("main.k", "import manifests\nprint(\"log\")\na = 1\nmanifests.yaml_stream([{x = 1}, {z = 2}])\n");
        var result = KclRunner.Run(new KclRunOptions { Files = ["main.k"], WorkingDirectory = folder.Path });
        result.Diagnostics.Should().BeEmpty();
        result.Yaml.Should().Be("log\nx: 1\n---\nz: 2\n");
    }
}
